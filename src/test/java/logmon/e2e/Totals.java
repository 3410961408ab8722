package logmon.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * The totals a test compares: requests, malformed and oversized lines, response bytes and the
 * status map, from logmon's JSON or from a {@link ReferenceCount}. Equal records, equal totals.
 */
record Totals(long requests, long malformed, long oversized, Long bytesSum, Long bytesMin,
    Long bytesMax, Map<String, Long> status) {

  static Totals of(JsonNode json) {
    JsonNode bytes = json.get("bytes");
    Map<String, Long> status = new TreeMap<>();
    json.get("status").fields().forEachRemaining(e -> status.put(e.getKey(), e.getValue().asLong()));
    return new Totals(json.get("requests").asLong(), json.get("malformed").asLong(),
        json.get("oversized").asLong(), number(bytes.get("sum")), number(bytes.get("min")),
        number(bytes.get("max")), status);
  }

  static Totals of(ReferenceCount count) {
    boolean none = count.requests == 0;
    return new Totals(count.requests, count.malformed, count.oversized, count.bytesSum,
        none ? null : count.bytesMin, none ? null : count.bytesMax, new TreeMap<>(count.status));
  }

  /** Zero requests: logmon reports a sum of 0 and no min or max. */
  static final Totals ZERO = new Totals(0, 0, 0, 0L, null, null, Map.of());

  private static Long number(JsonNode node) {
    return node == null || node.isNull() ? null : node.asLong();
  }
}
