package logmon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * One JSON Lines object logmon printed, with the moment the harness read it: the fields the
 * analysis needs, taken from the contract in logmon's SnapshotJson.
 *
 * @param batchTimeMillis   {@code lastBatch.time}: the end of the batch's interval (Spark's batch time)
 * @param batchLines        {@code lastBatch.requests + lastBatch.malformed}: lines counted in that batch
 * @param processingMs      {@code batchHealth.*}: of the last batch completed when this one was published
 * @param status            the {@code status} counts over the view
 * @param throttled         {@code batchHealth.throttled}: the receivers were held back
 * @param rateLimit         {@code batchHealth.rateLimit}: lines/s the receivers may read
 */
record Output(long readNanos, long readEpochMillis, int jsonChars, long batchTimeMillis, long batchLines,
    long batchMalformed, long requests, long malformed, Long processingMs, Long schedulingDelayMs,
    Long totalDelayMs, long batchesCompleted, Map<Integer, Long> status, int frequentIps,
    boolean throttled, Long rateLimit) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static Output parse(String json, long readNanos, long readEpochMillis) throws java.io.IOException {
    JsonNode root = MAPPER.readTree(json);
    JsonNode last = root.path("lastBatch");
    long batchTime = last.isObject() ? Instant.parse(last.path("time").asText()).toEpochMilli()
        : Instant.parse(root.path("time").asText()).toEpochMilli();
    long batchRequests = last.path("requests").asLong(0);
    long batchMalformed = last.path("malformed").asLong(0);
    JsonNode health = root.path("batchHealth");
    Map<Integer, Long> status = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = root.path("status").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      try {
        status.put(Integer.parseInt(field.getKey()), field.getValue().asLong());
      } catch (NumberFormatException ignored) {
        // not a status code; nothing logmon prints today
      }
    }
    return new Output(readNanos, readEpochMillis, json.length(), batchTime, batchRequests + batchMalformed,
        batchMalformed, root.path("requests").asLong(0), root.path("malformed").asLong(0),
        longOrNull(health.path("processingMs")), longOrNull(health.path("schedulingDelayMs")),
        longOrNull(health.path("totalDelayMs")), health.path("batchesCompleted").asLong(0), status,
        root.path("frequentIps").size(), health.path("throttled").asBoolean(false),
        longOrNull(health.path("rateLimit")));
  }

  private static Long longOrNull(JsonNode node) {
    return node.isNumber() ? node.asLong() : null;
  }

  long probeCount(int code) {
    return status.getOrDefault(code, 0L);
  }
}
