package logmon.render;

/**
 * Makes text from log lines safe for a terminal: control characters (C0, DEL, C1), which start
 * escape sequences (ESC, CSI, OSC, BEL …), and invisible formatting characters that reorder or
 * hide text (bidi overrides, zero-width) are shown as visible escapes instead of being
 * interpreted. Every string a log line supplied passes through here before any renderer prints it.
 */
public final class Sanitizer {

  private Sanitizer() {}

  public static String clean(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isUnsafe(c)) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        out.append(c <= 0xFF ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  static boolean isUnsafe(char c) {
    return c < 0x20
        || (c >= 0x7F && c <= 0x9F)
        || (c >= 0x200B && c <= 0x200F) // zero-width, LRM/RLM
        || (c >= 0x202A && c <= 0x202E) // bidi embeddings and overrides
        || (c >= 0x2066 && c <= 0x2069) // bidi isolates
        || c == 0xFEFF;
  }

  /** Sanitised, then cut to {@code width} characters with an ellipsis when longer. */
  public static String fit(String text, int width) {
    String clean = clean(text);
    if (width <= 0) {
      return "";
    }
    if (clean.length() <= width) {
      return clean;
    }
    return width == 1 ? "…" : clean.substring(0, width - 1) + "…";
  }
}
