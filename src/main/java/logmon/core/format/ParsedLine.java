package logmon.core.format;

import logmon.core.LogRecord;

/**
 * One line as a format matched it. Reused from line to line by one task: a match records where
 * each field lies and the numbers it read, and allocates only the strings a caller asks for
 * ({@link #text}), so the fields no statistic uses cost nothing.
 */
public final class ParsedLine {

  public static final long NO_TIME = Long.MIN_VALUE;

  String line;
  /** Where the next element is matched. */
  int pos;
  final int[] start = new int[Role.ALL.length];
  final int[] end = new int[Role.ALL.length];
  final long[] value = new long[Role.ALL.length];
  LineFormat format;
  /** The last CLF time read, where it lies and its value: see {@link Scan#clfTime}. */
  String lastTimeLine;
  int lastTimeStart;
  long lastTimeEpoch;
  private String endpoint;
  private boolean endpointRead;

  void reset(String line) {
    this.line = line;
    endpoint = null;
    endpointRead = false;
    pos = 0;
    java.util.Arrays.fill(start, -1);
    java.util.Arrays.fill(value, -1);
    value[Role.TIME.ordinal()] = NO_TIME;
    format = null;
  }

  /** The format that matched. */
  public LineFormat format() {
    return format;
  }

  /** The field's text as it stands in the line (escapes kept), or null when the format has none. */
  public String text(Role role) {
    int s = start[role.ordinal()];
    return s < 0 ? null : line.substring(s, end[role.ordinal()]);
  }

  public boolean has(Role role) {
    return start[role.ordinal()] >= 0;
  }

  public String client() {
    return text(Role.CLIENT);
  }

  public int status() {
    return (int) value[Role.STATUS.ordinal()];
  }

  /** Response bytes; 0 for "-" or when the format has no size. */
  public long bytes() {
    return Math.max(0, value[Role.BYTES.ordinal()]);
  }

  /** Microseconds taken to serve the request, or -1 when the line does not say. */
  public long responseMicros() {
    return value[Role.RESPONSE_TIME.ordinal()];
  }

  /** Epoch seconds of the line's timestamp, or {@link #NO_TIME}. */
  public long epochSecond() {
    return value[Role.TIME.ordinal()];
  }

  /** The request's second space-separated token (path and query), or null when there is none. */
  public String endpoint() {
    if (!endpointRead) {
      endpoint = readEndpoint();
      endpointRead = true;
    }
    return endpoint;
  }

  private String readEndpoint() {
    int s = start[Role.REQUEST.ordinal()];
    if (s < 0) {
      String uri = text(Role.URI);
      return uri == null || uri.isEmpty() || uri.equals("-") ? null : uri;
    }
    int e = end[Role.REQUEST.ordinal()];
    int space = line.indexOf(' ', s);
    if (space < 0 || space >= e) {
      return null;
    }
    int from = space + 1;
    while (from < e && line.charAt(from) == ' ') {
      from++;
    }
    if (from >= e) {
      return null;
    }
    int to = line.indexOf(' ', from);
    return line.substring(from, to < 0 || to > e ? e : to);
  }

  public boolean isError() {
    int status = status();
    return status >= 400 && status < 600;
  }

  /** Everything as a record (for tests and tools; the statistics read fields one by one). */
  public LogRecord toRecord() {
    return new LogRecord(client(), text(Role.IDENT), text(Role.USER), epochSecond(), text(Role.REQUEST),
        endpoint(), status(), bytes(), text(Role.REFERER), text(Role.USER_AGENT), text(Role.VHOST),
        has(Role.PORT) ? (int) value[Role.PORT.ordinal()] : -1, responseMicros(), format.name());
  }
}
