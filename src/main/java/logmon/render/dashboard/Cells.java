package logmon.render.dashboard;

import com.googlecode.lanterna.TextCharacter;
import logmon.render.Sanitizer;

/**
 * Text measured in terminal cells rather than chars: a CJK character or an emoji takes two
 * cells, so cutting by {@code String.length()} would spill into the next panel.
 */
final class Cells {

  static final String ELLIPSIS = "…";

  private Cells() {}

  /**
   * Untrusted text (from a log line) made safe with {@link Sanitizer#clean} and cut to
   * {@code width} cells, ending in an ellipsis when cut.
   */
  static String fit(String untrusted, int width) {
    return cut(Sanitizer.clean(untrusted), width);
  }

  /** Our own (already safe) text cut to {@code width} cells. */
  static String cut(String text, int width) {
    if (width <= 0) {
      return "";
    }
    if (text.length() <= width && width(text) <= width) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    int used = 0;
    for (TextCharacter c : TextCharacter.fromString(text)) {
      int w = c.isDoubleWidth() ? 2 : 1;
      if (used + w > width - 1) {
        break;
      }
      out.append(c.getCharacterString());
      used += w;
    }
    return out + ELLIPSIS;
  }

  static int width(String text) {
    int cells = 0;
    for (TextCharacter c : TextCharacter.fromString(text)) {
      cells += c.isDoubleWidth() ? 2 : 1;
    }
    return cells;
  }

  /** {@code text} cut or padded with spaces to exactly {@code width} cells. */
  static String pad(String text, int width) {
    String cut = cut(text, width);
    return cut + " ".repeat(Math.max(0, width - width(cut)));
  }

  /** {@code text} cut, then right-aligned in {@code width} cells. */
  static String padLeft(String text, int width) {
    String cut = cut(text, width);
    return " ".repeat(Math.max(0, width - width(cut))) + cut;
  }
}
