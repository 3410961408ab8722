package logmon.render.dashboard;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws a series of values as block characters, one column per value, newest on the right.
 * Scaled to the largest value shown, so the shape stays readable at any traffic level.
 */
final class Sparkline {

  /** Eighths of a cell, from one eighth to a full block. */
  static final String LEVELS = "▁▂▃▄▅▆▇█";

  private Sparkline() {}

  /**
   * The last {@code width} values as {@code height} text rows (top row first), each exactly
   * {@code width} characters, right-aligned: while history is short the left part is blank.
   * Zero is blank; any value above zero shows at least one eighth, so a trickle stays visible.
   */
  static List<String> rows(double[] values, int width, int height) {
    List<String> rows = new ArrayList<>();
    if (width <= 0 || height <= 0) {
      return rows;
    }
    int shown = Math.min(width, values.length);
    int first = values.length - shown;
    double max = 0;
    for (int i = first; i < values.length; i++) {
      if (values[i] > max) { // NaN never is
        max = values[i];
      }
    }
    int[] eighths = new int[width];
    for (int i = 0; i < shown; i++) {
      eighths[width - shown + i] = eighthsOf(values[first + i], max, height * 8);
    }
    for (int row = height - 1; row >= 0; row--) {
      StringBuilder line = new StringBuilder(width);
      for (int column = 0; column < width; column++) {
        int inRow = Math.min(8, eighths[column] - row * 8);
        line.append(inRow <= 0 ? ' ' : LEVELS.charAt(inRow - 1));
      }
      rows.add(line.toString());
    }
    return rows;
  }

  /** A one-row sparkline. */
  static String line(double[] values, int width) {
    List<String> rows = rows(values, width, 1);
    return rows.isEmpty() ? "" : rows.get(0);
  }

  /**
   * Means of every {@code perColumn} consecutive values, so a narrow terminal still spans a few
   * minutes. Groups are aligned to the absolute position of each value ({@code seen} values were
   * ever recorded, {@code values} are the last of them), so columns do not reshuffle as values
   * arrive; the newest column may be a partial group.
   */
  static double[] grouped(double[] values, long seen, int perColumn) {
    if (perColumn <= 1 || values.length == 0) {
      return values;
    }
    long first = seen - values.length;
    java.util.List<Double> means = new ArrayList<>();
    double sum = 0;
    int count = 0;
    long group = Math.floorDiv(first, perColumn);
    for (int i = 0; i < values.length; i++) {
      long g = Math.floorDiv(first + i, perColumn);
      if (g != group) {
        means.add(sum / count);
        sum = 0;
        count = 0;
        group = g;
      }
      sum += Double.isNaN(values[i]) ? 0 : values[i];
      count++;
    }
    means.add(sum / count);
    return means.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static int eighthsOf(double value, double max, int scale) {
    if (!(value > 0) || !(max > 0)) {
      return 0;
    }
    return Math.max(1, (int) Math.round(value / max * scale));
  }
}
