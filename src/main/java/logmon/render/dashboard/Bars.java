package logmon.render.dashboard;

/** Horizontal bars in eighths of a cell, so small differences still show at narrow widths. */
final class Bars {

  /** One eighth to seven eighths of a cell; a full cell is {@link #FULL}. */
  private static final String PARTIAL = "▏▎▍▌▋▊▉";
  private static final char FULL = '█';

  private Bars() {}

  /**
   * A bar for {@code value} out of {@code max}, padded with spaces to exactly {@code width}.
   * Any value above zero gets at least an eighth, so rare entries do not look like zero.
   */
  static String of(long value, long max, int width) {
    if (width <= 0) {
      return "";
    }
    StringBuilder bar = new StringBuilder(width);
    if (value > 0 && max > 0) {
      long eighths = Math.max(1, Math.round((double) Math.min(value, max) / max * width * 8));
      bar.append(String.valueOf(FULL).repeat((int) (eighths / 8)));
      int rest = (int) (eighths % 8);
      if (rest > 0) {
        bar.append(PARTIAL.charAt(rest - 1));
      }
    }
    while (bar.length() < width) {
      bar.append(' ');
    }
    return bar.toString();
  }
}
