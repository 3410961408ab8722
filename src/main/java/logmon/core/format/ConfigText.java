package logmon.core.format;

/**
 * A format string as it was pasted: bare, or as it stands in the server's configuration — the
 * whole {@code LogFormat "…" name} or {@code log_format name '…' '…';} line, or just its quoted
 * argument(s) — with the configuration's escapes ({@code \"}) or without. Reduces it to the
 * format itself, remembering for each character where it stood, so errors point into what the
 * user typed.
 */
record ConfigText(String text, int[] positions) {

  static ConfigText unwrap(String spec) {
    int from = skipSpace(spec, 0);
    String lower = spec.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("logformat", from) && isSpace(spec, from + 9)) {
      // LogFormat "format" [nickname]: the first argument only.
      int at = skipSpace(spec, from + 9);
      Builder out = new Builder();
      if (at < spec.length() && spec.charAt(at) == '"') {
        if (piece(spec, at, out) < 0) {
          throw new FormatException(at, "the quote opened here is not closed");
        }
        return out.build();
      }
      return bare(spec, at, wordEnd(spec, at));
    }
    if (lower.startsWith("log_format", from) && isSpace(spec, from + 10)) {
      // log_format name [escape=…] 'piece' 'piece' …;
      int at = skipSpace(spec, wordEnd(spec, skipSpace(spec, from + 10)));
      if (spec.startsWith("escape=", at)) {
        at = skipSpace(spec, wordEnd(spec, at));
      }
      return pieces(spec, at, true);
    }
    if (from < spec.length() && (spec.charAt(from) == '\'' || spec.charAt(from) == '"')) {
      ConfigText quoted = pieces(spec, from, spec.charAt(from) == '\'');
      if (quoted != null) {
        return quoted;
      }
    }
    return bare(spec, 0, spec.length());
  }

  /**
   * Quoted pieces separated by white space, concatenated as nginx does; or null when the text is
   * not made of pieces (then it is a bare format that happens to start with a quote).
   * Several double-quoted pieces count only across lines or before a ';': {@code "%r" "%{Referer}i"}
   * on one line is a bare format.
   */
  private static ConfigText pieces(String spec, int at, boolean lenient) {
    Builder out = new Builder();
    int count = 0;
    boolean acrossLines = false;
    while (true) {
      int next = skipSpace(spec, at);
      acrossLines |= spec.substring(at, next).indexOf('\n') >= 0;
      at = next;
      if (at >= spec.length() || spec.charAt(at) == ';') {
        boolean semicolon = at < spec.length();
        if (semicolon && skipSpace(spec, at + 1) < spec.length()) {
          return lenient ? fail(at, "text after ';'") : null;
        }
        if (count == 0) {
          return lenient ? fail(at, "no format after the name") : null;
        }
        return count == 1 || lenient || acrossLines || semicolon ? out.build() : null;
      }
      char c = spec.charAt(at);
      if (c != '\'' && c != '"') {
        if (!lenient) {
          return null;
        }
        // nginx also takes an unquoted word as a piece.
        while (at < spec.length() && !Character.isWhitespace(spec.charAt(at)) && spec.charAt(at) != ';') {
          out.add(spec.charAt(at), at);
          at++;
        }
      } else {
        int end = piece(spec, at, out);
        if (end < 0) {
          return lenient ? fail(at, "the quote opened here is not closed") : null;
        }
        at = end;
      }
      count++;
    }
  }

  private static ConfigText fail(int at, String what) {
    throw new FormatException(at, what);
  }

  /** One quoted piece with its escapes undone; returns the index after the closing quote, or -1. */
  private static int piece(String spec, int at, Builder out) {
    char quote = spec.charAt(at);
    int i = at + 1;
    while (i < spec.length()) {
      char c = spec.charAt(i);
      if (c == quote) {
        return i + 1;
      }
      if (c == '\\' && i + 1 < spec.length()) {
        char n = spec.charAt(i + 1);
        if (n == quote || n == '\\' || n == '"' || n == '\'') {
          out.add(n, i);
          i += 2;
          continue;
        }
        if (n == 't' || n == 'n') {
          out.add(n == 't' ? '\t' : '\n', i);
          i += 2;
          continue;
        }
      }
      out.add(c, i);
      i++;
    }
    return -1;
  }

  /** A bare format: the config's escapes {@code \"}, {@code \\}, {@code \t} are undone all the same. */
  private static ConfigText bare(String spec, int from, int to) {
    Builder out = new Builder();
    for (int i = from; i < to; i++) {
      char c = spec.charAt(i);
      if (c == '\\' && i + 1 < to && (spec.charAt(i + 1) == '"' || spec.charAt(i + 1) == '\\')) {
        out.add(spec.charAt(i + 1), i);
        i++;
      } else if (c == '\\' && i + 1 < to && spec.charAt(i + 1) == 't') {
        out.add('\t', i);
        i++;
      } else {
        out.add(c, i);
      }
    }
    return out.build();
  }

  private static boolean isSpace(String s, int i) {
    return i < s.length() && Character.isWhitespace(s.charAt(i));
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int wordEnd(String s, int i) {
    while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static final class Builder {
    private final StringBuilder text = new StringBuilder();
    private int[] positions = new int[64];

    void add(char c, int position) {
      if (text.length() == positions.length) {
        positions = java.util.Arrays.copyOf(positions, positions.length * 2);
      }
      positions[text.length()] = position;
      text.append(c);
    }

    ConfigText build() {
      int[] exact = java.util.Arrays.copyOf(positions, text.length() + 1);
      // One past the end points just after the last character.
      exact[text.length()] = text.length() == 0 ? 0 : positions[text.length() - 1] + 1;
      return new ConfigText(text.toString(), exact);
    }
  }
}
