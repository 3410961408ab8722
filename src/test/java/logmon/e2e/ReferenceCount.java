package logmon.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An independent count of a log file, written from the grammar with a regular expression and
 * sharing no code with logmon's parser: what the end-to-end tests compare logmon's totals with.
 */
final class ReferenceCount {

  private static final String QUOTED = "\"((?:[^\"\\\\]|\\\\.)*)\"";
  private static final Pattern LINE = Pattern.compile(
      "([^ ]+) ([^ ]+) ([^ ]+) \\[\\d{2}/(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/\\d{4}"
          + ":\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}\\] " + QUOTED + " (\\d{3}) (\\d+|-)"
          + "(?: " + QUOTED + " " + QUOTED + ")?[ \\t\\r]*", Pattern.DOTALL);

  long requests;
  long malformed;
  long bytesSum;
  long bytesMin = Long.MAX_VALUE;
  long bytesMax = Long.MIN_VALUE;
  final Map<String, Long> status = new TreeMap<>();
  final Map<String, Long> endpoints = new TreeMap<>();
  final Map<String, Long> clients = new TreeMap<>();

  static ReferenceCount of(byte[] content) {
    ReferenceCount count = new ReferenceCount();
    String text = new String(content, StandardCharsets.UTF_8);
    for (String line : text.split("\n", -1)) {
      count.add(line);
    }
    return count;
  }

  private void add(String line) {
    if (line.isBlank()) {
      return;
    }
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      malformed++;
      return;
    }
    requests++;
    long bytes = m.group(6).equals("-") ? 0 : Long.parseLong(m.group(6));
    bytesSum += bytes;
    bytesMin = Math.min(bytesMin, bytes);
    bytesMax = Math.max(bytesMax, bytes);
    status.merge(m.group(5), 1L, Long::sum);
    clients.merge(m.group(1), 1L, Long::sum);
    String[] request = m.group(4).trim().split(" +");
    if (request.length >= 2) {
      endpoints.merge(request[1], 1L, Long::sum);
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
