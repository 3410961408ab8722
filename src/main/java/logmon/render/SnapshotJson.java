package logmon.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import logmon.core.BatchCount;
import logmon.core.BatchHealth;
import logmon.core.ByteStats;
import logmon.core.DurationText;
import logmon.core.Mode;
import logmon.core.Ranked;
import logmon.core.Snapshot;
import logmon.core.SourceStatus;
import logmon.core.TrafficStats;
import logmon.core.alert.AlertStatus;
import logmon.core.stats.Statistic;
import logmon.core.stats.Statistics;
import java.time.Instant;

/**
 * The JSON form of a snapshot. Field names are a contract scripts rely on: add fields freely,
 * never rename one. Built field by field (not by reflection) so a refactoring cannot change it.
 */
public final class SnapshotJson {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private SnapshotJson() {}

  public static ObjectNode toJson(Snapshot snapshot) {
    TrafficStats traffic = snapshot.traffic();
    ObjectNode json = MAPPER.createObjectNode();
    json.put("time", snapshot.time().toString());
    json.put("mode", snapshot.view().mode().label());
    if (snapshot.view().mode() == Mode.WINDOW) {
      json.put("window", DurationText.format(snapshot.view().window()));
      json.put("slide", DurationText.format(snapshot.view().slide()));
    }
    json.put("batch", DurationText.format(snapshot.view().batch()));
    json.put("since", traffic.sinceMillis() == null ? null : Instant.ofEpochMilli(traffic.sinceMillis()).toString());
    json.put("requests", traffic.requests());
    json.put("malformed", traffic.malformed());
    json.put("oversized", traffic.oversized());
    json.put("shed", traffic.shed());
    json.put("requestsPerSecond", round(snapshot.requestsPerSecond()));
    json.set("bytes", bytes(traffic.bytes()));
    ObjectNode status = json.putObject("status");
    traffic.status().forEach(status::put);
    json.set("topEndpoints", ranked(traffic.topEndpoints(), "endpoint"));
    json.set("topErrorEndpoints", ranked(traffic.topErrorEndpoints(), "endpoint"));
    json.set("frequentIps", ranked(traffic.frequentIps(), "ip"));
    Map<String, Object> fields = new LinkedHashMap<>();
    for (Statistic<?> statistic : Statistics.ALL) {
      addFields(statistic, traffic, fields);
    }
    fields.forEach((name, value) -> json.set(name, MAPPER.valueToTree(value)));
    json.set("lastBatch", lastBatch(traffic.lastBatch()));
    json.set("batchHealth", health(snapshot.health()));
    json.set("source", source(snapshot.source()));
    ArrayNode sources = json.putArray("sources");
    for (SourceStatus each : snapshot.sources()) {
      sources.add(source(each).put("lines", traffic.sourceLines().getOrDefault(each.description(), 0L)));
    }
    json.put("warning", snapshot.mostlyMalformed() ? PlainText.MOSTLY_MALFORMED : null);
    json.put("filter", snapshot.filter() == null ? null : snapshot.filter().expression());
    json.put("filterSince", snapshot.filter() == null ? null : snapshot.filter().since().toString());
    json.set("alerts", alerts(snapshot.alerts()));
    return json;
  }

  private static ArrayNode alerts(List<AlertStatus> alerts) {
    ArrayNode array = MAPPER.createArrayNode();
    alerts.forEach(status -> array.add(alert(status)));
    return array;
  }

  /** One rule's state: an element of {@code alerts}, and what {@code --on-alert} commands read. */
  public static ObjectNode alert(AlertStatus status) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("rule", status.rule().text());
    json.put("state", status.state().label());
    json.put("since", status.since() == null ? null : status.since().toString());
    json.put("value", AlertText.jsonValue(status));
    json.put("unit", status.rule().condition().metric().kind().unit());
    return json;
  }

  private static <R> void addFields(Statistic<R> statistic, TrafficStats traffic, Map<String, Object> fields) {
    statistic.json(traffic.of(statistic), fields);
  }

  private static ObjectNode source(SourceStatus status) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("name", status.description());
    json.put("state", status.state().label());
    json.put("detail", status.detail());
    return json;
  }

  private static ObjectNode bytes(ByteStats bytes) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("sum", bytes.sum());
    json.put("min", bytes.min());
    json.put("max", bytes.max());
    json.put("avg", bytes.avg() == null ? null : round(bytes.avg()));
    return json;
  }

  private static ArrayNode ranked(List<Ranked> entries, String nameField) {
    ArrayNode array = MAPPER.createArrayNode();
    for (Ranked entry : entries) {
      array.addObject().put(nameField, entry.name()).put("count", entry.count());
    }
    return array;
  }

  private static ObjectNode lastBatch(BatchCount last) {
    if (last == null) {
      return null;
    }
    ObjectNode json = MAPPER.createObjectNode();
    json.put("time", Instant.ofEpochMilli(last.batchTimeMillis()).toString());
    json.put("requests", last.requests());
    json.put("malformed", last.malformed());
    return json;
  }

  private static ObjectNode health(BatchHealth health) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("processingMs", health.processingMillis());
    json.put("schedulingDelayMs", health.schedulingDelayMillis());
    json.put("totalDelayMs", health.totalDelayMillis());
    json.put("batchesCompleted", health.batchesCompleted());
    json.put("throttled", health.throttled());
    json.put("rateLimit", health.rateLimit() == null || health.rateLimit() == Long.MAX_VALUE ? null : health.rateLimit());
    json.put("lagSeconds", health.lagSeconds());
    return json;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
