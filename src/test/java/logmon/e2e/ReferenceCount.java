package logmon.e2e;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An independent count of a log file, written from the grammar with a regular expression and
 * sharing no code with logmon's parser: what the end-to-end tests compare logmon's totals with.
 */
final class ReferenceCount {

  /** A quoted field, written as an unrolled loop so that a 1 MB field does not overflow the stack. */
  private static final String QUOTED = "\"([^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+)\"";
  /** Blank lines are ignored: only spaces, tabs and CRs (README, "What counts as a log line"). */
  private static final Pattern BLANK = Pattern.compile("[ \\t\\r]*");
  /** logmon's default --max-line-bytes. */
  static final int DEFAULT_MAX_LINE_BYTES = 2 * 1024 * 1024;
  /**
   * The grammar, with the parser's ranges: day 01–31 (and a real date, checked apart), hour 00–23,
   * minute 00–59, second 00–60 (a leap second), zone ±hhmm with hh up to 18 and mm up to 59, a
   * status of three digits, and a byte count of 1 to 18 digits (beyond that it overflows a long).
   */
  private static final Pattern LINE = Pattern.compile(
      "([^ ]+) ([^ ]+) ([^ ]+) \\[(0[1-9]|[12]\\d|3[01])/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
          + "/(\\d{4}):(?:[01]\\d|2[0-3]):[0-5]\\d:(?:[0-5]\\d|60) [+-](?:0\\d|1[0-8])[0-5]\\d\\] "
          + QUOTED + " (\\d{3}) (\\d{1,18}|-)"
          + "(?: " + QUOTED + " " + QUOTED + ")?[ \\t\\r]*", Pattern.DOTALL);
  private static final List<String> MONTHS =
      List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");

  long requests;
  long malformed;
  /** Lines longer than the byte limit: counted as malformed too, as logmon does. */
  long oversized;
  long bytesSum;
  long bytesMin = Long.MAX_VALUE;
  long bytesMax = Long.MIN_VALUE;
  final Map<String, Long> status = new TreeMap<>();
  final Map<String, Long> endpoints = new TreeMap<>();
  final Map<String, Long> clients = new TreeMap<>();
  /** Lines the filter ({@link #of(byte[], Predicate)}) left out. */
  long unmatched;
  /** The lines counted, for rankings a test computes itself. */
  final List<Line> counted = new ArrayList<>();
  private Predicate<Line> where;

  /** A matched line's fields, for an independent filter: the request as it stands between the quotes. */
  record Line(String client, String request, int status, long bytes) {
    /** The request's second token, or null. */
    String endpoint() {
      String[] tokens = request.trim().split(" +");
      return tokens.length >= 2 ? tokens[1] : null;
    }
  }

  /** Counts only the lines {@code where} accepts; the others are unmatched (malformed ones stay malformed). */
  static ReferenceCount of(byte[] content, Predicate<Line> where) {
    ReferenceCount count = new ReferenceCount();
    count.where = where;
    count.addAll(content, DEFAULT_MAX_LINE_BYTES);
    return count;
  }

  static ReferenceCount of(byte[] content) {
    return of(content, DEFAULT_MAX_LINE_BYTES);
  }

  /**
   * Lines end at LF; a line of more than {@code maxLineBytes} bytes (its CR included) is malformed
   * and oversized; the others are decoded as UTF-8 (invalid bytes become U+FFFD) and matched.
   */
  static ReferenceCount of(byte[] content, int maxLineBytes) {
    ReferenceCount count = new ReferenceCount();
    count.addAll(content, maxLineBytes);
    return count;
  }

  private void addAll(byte[] content, int maxLineBytes) {
    ReferenceCount count = this;
    int start = 0;
    for (int i = 0; i <= content.length; i++) {
      if (i == content.length || content[i] == '\n') {
        if (i - start > maxLineBytes) {
          count.oversized++;
          count.malformed++;
        } else {
          count.add(new String(content, start, i - start, StandardCharsets.UTF_8));
        }
        start = i + 1;
      }
    }
  }

  private void add(String line) {
    if (BLANK.matcher(line).matches()) {
      return;
    }
    Matcher m = LINE.matcher(line);
    if (!m.matches() || !isDate(m.group(6), m.group(5), m.group(4))) {
      malformed++;
      return;
    }
    long bytes = m.group(9).equals("-") ? 0 : Long.parseLong(m.group(9));
    if (where != null && !where.test(new Line(m.group(1), m.group(7), Integer.parseInt(m.group(8)), bytes))) {
      unmatched++;
      return;
    }
    requests++;
    counted.add(new Line(m.group(1), m.group(7), Integer.parseInt(m.group(8)), bytes));
    bytesSum += bytes;
    bytesMin = Math.min(bytesMin, bytes);
    bytesMax = Math.max(bytesMax, bytes);
    status.merge(m.group(8), 1L, Long::sum);
    clients.merge(m.group(1), 1L, Long::sum);
    String[] request = m.group(7).trim().split(" +");
    if (request.length >= 2) {
      endpoints.merge(request[1], 1L, Long::sum);
    }
  }

  /** A day that exists in that month of that year (29 Feb only in leap years), by java.time. */
  private static boolean isDate(String year, String month, String day) {
    try {
      LocalDate.of(Integer.parseInt(year), MONTHS.indexOf(month) + 1, Integer.parseInt(day));
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  /** "name=count" for the top n, count descending then name. */
  static List<String> top(Map<String, Long> counts, int n, long moreThan) {
    List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
        .thenComparing(Map.Entry.comparingByKey()));
    return entries.stream().filter(e -> e.getValue() > moreThan).limit(n)
        .map(e -> e.getKey() + "=" + e.getValue()).toList();
  }
}
