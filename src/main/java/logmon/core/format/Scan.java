package logmon.core.format;

/**
 * The forward-only readers elements are made of. Each reads at {@code p.pos}, advances it and
 * returns a value, or a sentinel (-1, {@link ParsedLine#NO_TIME}) when the text does not fit. No
 * reader ever steps back, so a hostile line costs at most one pass.
 */
final class Scan {

  static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

  private Scan() {}

  static boolean skip(ParsedLine p, char c) {
    if (p.pos < p.line.length() && p.line.charAt(p.pos) == c) {
      p.pos++;
      return true;
    }
    return false;
  }

  /** A run of minLen..maxLen ASCII digits as a number, or -1 (also when more digits follow). */
  static long digits(ParsedLine p, int minLen, int maxLen) {
    String s = p.line;
    int start = p.pos;
    int pos = start;
    long value = 0;
    while (pos < s.length() && pos - start < maxLen) {
      char c = s.charAt(pos);
      if (c < '0' || c > '9') {
        break;
      }
      value = value * 10 + (c - '0');
      pos++;
    }
    p.pos = pos;
    boolean moreDigits = pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9';
    return pos - start < minLen || moreDigits ? -1 : value;
  }

  private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000,
      10_000_000, 100_000_000, 1_000_000_000};

  /** Digits, optionally with a fraction, in units of {@code unitMicros}, as microseconds ("0.123" s is 123000); or -1. */
  static long decimalMicros(ParsedLine p, long unitMicros) {
    long whole = digits(p, 1, 12);
    if (whole < 0) {
      return -1;
    }
    long micros = whole * unitMicros;
    if (skip(p, '.')) {
      int start = p.pos;
      long fraction = digits(p, 1, 9);
      if (fraction < 0) {
        return -1;
      }
      long power = POWERS_OF_TEN[p.pos - start];
      micros += (fraction * unitMicros * 2 + power) / (2 * power);
    }
    return micros;
  }

  /** Zero-based month index of the three-letter English abbreviation, or -1. */
  static int monthAbbreviation(ParsedLine p) {
    String s = p.line;
    if (p.pos + 3 > s.length()) {
      return -1;
    }
    for (int m = 0; m < 12; m++) {
      if (s.regionMatches(p.pos, MONTHS, m * 3, 3)) {
        p.pos += 3;
        return m;
      }
    }
    return -1;
  }

  /** {@code ±hhmm} (or {@code ±hh:mm} when {@code colon}, or {@code Z}) as seconds east of UTC, or Integer.MIN_VALUE. */
  static int zoneOffset(ParsedLine p, boolean colon) {
    if (colon && skip(p, 'Z')) {
      return 0;
    }
    int sign = skip(p, '+') ? 1 : skip(p, '-') ? -1 : 0;
    long hours;
    long minutes;
    if (colon) {
      hours = digits(p, 2, 2);
      minutes = sign == 0 || hours < 0 || !skip(p, ':') ? -1 : digits(p, 2, 2);
    } else {
      long zone = digits(p, 4, 4);
      hours = zone < 0 ? -1 : zone / 100;
      minutes = zone < 0 ? -1 : zone % 100;
    }
    if (sign == 0 || hours < 0 || hours > 18) {
      return Integer.MIN_VALUE;
    }
    if (minutes < 0 || minutes > 59) {
      return Integer.MIN_VALUE;
    }
    return (int) (sign * (hours * 3_600 + minutes * 60));
  }

  /** Epoch seconds of a civil date and time at an offset, or NO_TIME when the date does not exist. */
  static long epochSecond(long year, int zeroBasedMonth, long day, long hour, long minute, long second,
      long offsetSeconds) {
    if (zeroBasedMonth < 0 || zeroBasedMonth > 11 || day < 1 || hour > 23 || minute > 59 || second > 60
        || day > daysInMonth(year, zeroBasedMonth)) {
      return ParsedLine.NO_TIME;
    }
    long days = daysFromCivil(year, zeroBasedMonth + 1, day);
    return days * 86_400 + hour * 3_600 + minute * 60 + second - offsetSeconds;
  }

  private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  /** Days in a month of the proleptic Gregorian calendar (the parse loop must not allocate). */
  static int daysInMonth(long year, int zeroBasedMonth) {
    boolean leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    return zeroBasedMonth == 1 && leap ? 29 : DAYS_IN_MONTH[zeroBasedMonth];
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
  static long daysFromCivil(long year, long month, long day) {
    year -= month <= 2 ? 1 : 0;
    long era = Math.floorDiv(year, 400);
    long yearOfEra = year - era * 400;
    long dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }

  /** The length of {@code dd/Mon/yyyy:HH:mm:ss ±zzzz}: every field has a fixed width. */
  static final int CLF_TIME_LENGTH = 26;

  /**
   * Apache's {@code %t} without its brackets, nginx's {@code $time_local}: {@code dd/Mon/yyyy:HH:mm:ss ±zzzz}.
   * A busy server writes the same second on hundreds of lines in a row, so when the text equals
   * the one read last (same fixed width, same characters) its value is reused, not parsed again.
   */
  static long clfTime(ParsedLine p) {
    if (p.lastTimeLine != null
        && p.line.regionMatches(p.pos, p.lastTimeLine, p.lastTimeStart, CLF_TIME_LENGTH)) {
      p.pos += CLF_TIME_LENGTH;
      return p.lastTimeEpoch;
    }
    int start = p.pos;
    long epoch = parseClfTime(p);
    if (epoch != ParsedLine.NO_TIME && p.pos - start == CLF_TIME_LENGTH) {
      p.lastTimeLine = p.line;
      p.lastTimeStart = start;
      p.lastTimeEpoch = epoch;
    }
    return epoch;
  }

  private static long parseClfTime(ParsedLine p) {
    long day = digits(p, 2, 2);
    if (day < 1 || !skip(p, '/')) {
      return ParsedLine.NO_TIME;
    }
    int month = monthAbbreviation(p);
    if (month < 0 || !skip(p, '/')) {
      return ParsedLine.NO_TIME;
    }
    long year = digits(p, 4, 4);
    if (year < 0 || !skip(p, ':')) {
      return ParsedLine.NO_TIME;
    }
    long hour = digits(p, 2, 2);
    if (hour < 0 || !skip(p, ':')) {
      return ParsedLine.NO_TIME;
    }
    long minute = digits(p, 2, 2);
    if (minute < 0 || !skip(p, ':')) {
      return ParsedLine.NO_TIME;
    }
    long second = digits(p, 2, 2);
    if (second < 0 || !skip(p, ' ')) {
      return ParsedLine.NO_TIME;
    }
    int offset = zoneOffset(p, false);
    if (offset == Integer.MIN_VALUE) {
      return ParsedLine.NO_TIME;
    }
    return epochSecond(year, month, day, hour, minute, second, offset);
  }

  /** nginx's {@code $time_iso8601}: {@code yyyy-mm-ddTHH:MM:SS±hh:mm}. */
  static long isoTime(ParsedLine p) {
    long year = digits(p, 4, 4);
    if (year < 0 || !skip(p, '-')) {
      return ParsedLine.NO_TIME;
    }
    long month = digits(p, 2, 2);
    if (month < 1 || !skip(p, '-')) {
      return ParsedLine.NO_TIME;
    }
    long day = digits(p, 2, 2);
    if (day < 0 || !skip(p, 'T')) {
      return ParsedLine.NO_TIME;
    }
    long hour = digits(p, 2, 2);
    if (hour < 0 || !skip(p, ':')) {
      return ParsedLine.NO_TIME;
    }
    long minute = digits(p, 2, 2);
    if (minute < 0 || !skip(p, ':')) {
      return ParsedLine.NO_TIME;
    }
    long second = digits(p, 2, 2);
    int offset = second < 0 ? Integer.MIN_VALUE : zoneOffset(p, true);
    if (offset == Integer.MIN_VALUE) {
      return ParsedLine.NO_TIME;
    }
    return epochSecond(year, (int) month - 1, day, hour, minute, second, offset);
  }

  /** Seconds since the epoch with an optional fraction ({@code $msec}: 1733334892.123). */
  static long epochWithFraction(ParsedLine p) {
    long seconds = digits(p, 1, 12);
    if (seconds < 0) {
      return ParsedLine.NO_TIME;
    }
    if (skip(p, '.') && digits(p, 1, 9) < 0) {
      return ParsedLine.NO_TIME;
    }
    return seconds;
  }

  /** Text up to (not including) the first {@code c}, or to the end: returns its end. */
  static int until(ParsedLine p, char c) {
    int at = p.line.indexOf(c, p.pos);
    return at < 0 ? p.line.length() : at;
  }

  /**
   * The inside of a quoted field: up to the first {@code "} not escaped by a backslash. The
   * opening quote was read already; the closing one is left for the next literal. -1 if unclosed.
   */
  static int quotedEnd(ParsedLine p) {
    String s = p.line;
    int pos = p.pos;
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == '\\') {
        pos += 2;
      } else if (c == '"') {
        return pos;
      } else {
        pos++;
      }
    }
    return -1;
  }

  static boolean onlyWhitespaceFrom(String line, int from) {
    for (int i = from; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return false;
      }
    }
    return true;
  }
}
