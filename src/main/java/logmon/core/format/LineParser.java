package logmon.core.format;

import java.util.List;

/**
 * Reads lines with a fixed format, or ({@code auto}) with whichever preset fits each line. One
 * per task and not thread-safe: it keeps the last preset that matched and tries it first, so a
 * log in one format costs one attempt a line. No coordination between tasks is needed: each line
 * is counted under the format that read it, and the view reports the one that read most.
 */
public final class LineParser {

  public static final String AUTO = "auto";

  private final LineFormat[] formats;
  private final ParsedLine parsed = new ParsedLine();
  private int last;

  private LineParser(List<LineFormat> formats) {
    this.formats = formats.toArray(LineFormat[]::new);
  }

  /**
   * A parser for {@code --log-format}: {@code auto}, a preset's name, or a format string.
   *
   * @throws FormatException when the string does not compile
   */
  public static LineParser of(String spec) {
    return new LineParser(formats(spec));
  }

  /** The formats {@code spec} stands for: every preset for {@code auto}, else one. */
  public static List<LineFormat> formats(String spec) {
    if (spec == null || spec.equals(AUTO)) {
      return Presets.all();
    }
    String preset = Presets.spec(spec);
    if (preset == null && spec.indexOf('%') < 0 && spec.indexOf('$') < 0) {
      throw new FormatException(0, "'" + spec + "' is neither a preset (" + AUTO + ", "
          + String.join(", ", Presets.names()) + ") nor a format string with fields (%h …, $remote_addr …)");
    }
    return List.of(preset != null ? FormatCompiler.compile(spec, preset) : FormatCompiler.compile("custom", spec));
  }

  /** The fields of the line, valid until the next call; or null when no format reads it. */
  public ParsedLine parse(String line) {
    if (formats[last].match(line, parsed)) {
      return parsed;
    }
    for (int i = 0; i < formats.length; i++) {
      if (i != last && formats[i].match(line, parsed)) {
        last = i;
        return parsed;
      }
    }
    return null;
  }

  /** True for lines that carry nothing (only spaces, tabs, CR): they are ignored, not malformed. */
  public static boolean isBlank(String line) {
    return Scan.onlyWhitespaceFrom(line, 0);
  }
}
