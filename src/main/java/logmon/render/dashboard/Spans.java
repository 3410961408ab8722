package logmon.render.dashboard;

import com.googlecode.lanterna.graphics.TextGraphics;
import java.util.ArrayList;
import java.util.List;

/** Styled runs of text, laid out and drawn cut to a limit so nothing spills into a neighbour. */
final class Spans {

  private static final String GAP = "   ";

  /** A run of text in one style. */
  record Span(String text, Ink ink) {}

  private Spans() {}

  /** Items left to right, a new line when the next one would not fit; an item is never split. */
  static List<List<Span>> flow(List<List<Span>> items, int width) {
    List<List<Span>> lines = new ArrayList<>();
    List<Span> line = new ArrayList<>();
    int used = 0;
    for (List<Span> item : items) {
      int itemWidth = item.stream().mapToInt(s -> Cells.width(s.text())).sum();
      int needed = line.isEmpty() ? itemWidth : used + GAP.length() + itemWidth;
      if (!line.isEmpty() && needed > width) {
        lines.add(line);
        line = new ArrayList<>();
        needed = itemWidth;
      } else if (!line.isEmpty()) {
        line.add(new Span(GAP, Ink.NORMAL));
      }
      line.addAll(item);
      used = needed;
    }
    if (!line.isEmpty()) {
      lines.add(line);
    }
    return lines;
  }

  /** Spans left to right from {@code column}, cut at {@code limit}. */
  static void drawSpans(TextGraphics g, int column, int row, int limit, List<Span> spans) {
    int x = column;
    for (Span span : spans) {
      x = put(g, x, row, span.text(), span.ink(), limit);
      if (x >= limit) {
        return;
      }
    }
  }

  /** Draws our own (already safe) text cut to end before {@code limit}; returns the next column. */
  static int put(TextGraphics g, int column, int row, String text, Ink ink, int limit) {
    if (column >= limit || text.isEmpty()) {
      return column;
    }
    String cut = Cells.cut(text, limit - column);
    ink.apply(g);
    g.putString(column, row, cut);
    return column + Cells.width(cut);
  }
}
