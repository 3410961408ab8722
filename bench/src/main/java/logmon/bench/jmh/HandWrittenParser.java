package logmon.bench.jmh;

/**
 * logmon's parser before formats could be chosen (it read Common and Combined only), kept here as
 * the baseline the compiled formats are measured against. Parses with a single forward scan.
 *
 * <p>Grammar: {@code HOST IDENT USER [dd/Mon/yyyy:HH:mm:ss ±zzzz] "REQUEST" STATUS BYTES}, optionally
 * followed by {@code  "REFERER" "USER-AGENT"}, then only optional trailing whitespace (CR included).
 * Fields are separated by exactly one space. Quoted fields may hold anything but an unescaped
 * {@code "}. No regular expressions: a hostile line cannot make the parser backtrack.
 */
final class HandWrittenParser {

  /** What the old parser returned. */
  record LogRecord(String host, String ident, String user, long epochSecond, String request,
      String endpoint, int status, long bytes, String referer, String userAgent) {}

  private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

  private HandWrittenParser() {}

  /** True for lines that carry nothing (only spaces, tabs, CR): they are ignored, not malformed. */
  public static boolean isBlank(String line) {
    return trailingWhitespaceFrom(line, 0);
  }

  /** The parsed record, or null when the line does not follow the grammar. */
  public static LogRecord parse(String line) {
    var cursor = new Cursor(line);
    String host = cursor.token();
    String ident = cursor.token();
    String user = cursor.token();
    if (host == null || ident == null || user == null) {
      return null;
    }
    long epochSecond = cursor.timestamp();
    if (epochSecond == Long.MIN_VALUE || !cursor.skip(' ')) {
      return null;
    }
    String request = cursor.quoted();
    if (request == null || !cursor.skip(' ')) {
      return null;
    }
    int status = (int) cursor.digits(3, 3);
    if (status < 0 || !cursor.skip(' ')) {
      return null;
    }
    long bytes = cursor.skip('-') ? 0 : cursor.digits(1, 18);
    if (bytes < 0) {
      return null;
    }
    String referer = null;
    String userAgent = null;
    if (cursor.peekIs(' ', '"')) {
      cursor.skip(' ');
      referer = cursor.quoted();
      if (referer == null || !cursor.skip(' ')) {
        return null;
      }
      userAgent = cursor.quoted();
      if (userAgent == null) {
        return null;
      }
    }
    if (!trailingWhitespaceFrom(line, cursor.pos)) {
      return null;
    }
    return new LogRecord(host, ident, user, epochSecond, request, endpointOf(request),
        status, bytes, referer, userAgent);
  }

  /** The request's second space-separated token (path and query), or null when there is none. */
  static String endpointOf(String request) {
    int start = request.indexOf(' ');
    while (start >= 0 && start + 1 < request.length() && request.charAt(start + 1) == ' ') {
      start++;
    }
    if (start < 0 || start + 1 >= request.length()) {
      return null;
    }
    int end = request.indexOf(' ', start + 1);
    return request.substring(start + 1, end < 0 ? request.length() : end);
  }

  private static boolean trailingWhitespaceFrom(String line, int from) {
    for (int i = from; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return false;
      }
    }
    return true;
  }

  /** A position in the line; each reader returns a sentinel (null, -1) when the text does not fit. */
  private static final class Cursor {
    private final String s;
    private int pos;

    Cursor(String s) {
      this.s = s;
    }

    boolean skip(char c) {
      if (pos < s.length() && s.charAt(pos) == c) {
        pos++;
        return true;
      }
      return false;
    }

    boolean peekIs(char first, char second) {
      return pos + 1 < s.length() && s.charAt(pos) == first && s.charAt(pos + 1) == second;
    }

    /** A non-empty run of characters other than space, followed by one space. */
    String token() {
      int start = pos;
      while (pos < s.length() && s.charAt(pos) != ' ') {
        pos++;
      }
      if (pos == start || pos >= s.length()) {
        return null;
      }
      return s.substring(start, pos++);
    }

    /** A run of minLen..maxLen ASCII digits as a number, or -1. */
    long digits(int minLen, int maxLen) {
      int start = pos;
      long value = 0;
      while (pos < s.length() && pos - start < maxLen) {
        char c = s.charAt(pos);
        if (c < '0' || c > '9') {
          break;
        }
        value = value * 10 + (c - '0');
        pos++;
      }
      boolean moreDigits = pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9';
      return pos - start < minLen || moreDigits ? -1 : value;
    }

    /** {@code "..."} with backslash escapes; returns the text between the quotes, escapes kept. */
    String quoted() {
      if (!skip('"')) {
        return null;
      }
      int start = pos;
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == '\\') {
          pos += 2;
        } else if (c == '"') {
          return s.substring(start, pos++);
        } else {
          pos++;
        }
      }
      return null;
    }

    /** {@code [dd/Mon/yyyy:HH:mm:ss ±zzzz]} as epoch seconds, or Long.MIN_VALUE. */
    long timestamp() {
      if (!skip('[')) {
        return Long.MIN_VALUE;
      }
      long day = digits(2, 2);
      if (day < 1 || day > 31 || !skip('/')) {
        return Long.MIN_VALUE;
      }
      int month = month();
      if (month < 0 || !skip('/')) {
        return Long.MIN_VALUE;
      }
      long year = digits(4, 4);
      if (year < 0 || !skip(':')) {
        return Long.MIN_VALUE;
      }
      long hour = digits(2, 2);
      if (hour < 0 || hour > 23 || !skip(':')) {
        return Long.MIN_VALUE;
      }
      long minute = digits(2, 2);
      if (minute < 0 || minute > 59 || !skip(':')) {
        return Long.MIN_VALUE;
      }
      long second = digits(2, 2);
      if (second < 0 || second > 60 || !skip(' ')) {
        return Long.MIN_VALUE;
      }
      int sign = skip('+') ? 1 : skip('-') ? -1 : 0;
      long zone = digits(4, 4);
      long zoneHours = zone / 100;
      long zoneMinutes = zone % 100;
      if (sign == 0 || zone < 0 || zoneHours > 18 || zoneMinutes > 59 || !skip(']')) {
        return Long.MIN_VALUE;
      }
      if (day > daysInMonth((int) year, month)) {
        return Long.MIN_VALUE;
      }
      long days = daysFromCivil(year, month + 1, day);
      long local = days * 86_400 + hour * 3_600 + minute * 60 + second;
      return local - sign * (zoneHours * 3_600 + zoneMinutes * 60);
    }

    /** Zero-based month index for the three-letter English abbreviation, or -1. */
    private int month() {
      if (pos + 3 > s.length()) {
        return -1;
      }
      for (int m = 0; m < 12; m++) {
        if (s.regionMatches(pos, MONTHS, m * 3, 3)) {
          pos += 3;
          return m;
        }
      }
      return -1;
    }
  }

  private static int daysInMonth(int year, int zeroBasedMonth) {
    return java.time.YearMonth.of(year, zeroBasedMonth + 1).lengthOfMonth();
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
  private static long daysFromCivil(long year, long month, long day) {
    year -= month <= 2 ? 1 : 0;
    long era = Math.floorDiv(year, 400);
    long yearOfEra = year - era * 400;
    long dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }
}
