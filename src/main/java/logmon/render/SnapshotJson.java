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
import logmon.core.change.Comparison;
import logmon.core.change.RankChange;
import logmon.core.change.Rankings;
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
    Comparison changes = snapshot.changes();
    json.set("topEndpoints", ranked(traffic.topEndpoints(), "endpoint", changes, Rankings.ENDPOINTS));
    json.set("topErrorEndpoints", ranked(traffic.topErrorEndpoints(), "endpoint", changes, Rankings.ERROR_ENDPOINTS));
    json.set("frequentIps", ranked(traffic.frequentIps(), "ip", changes, Rankings.CLIENTS));
    Map<String, Object> fields = new LinkedHashMap<>();
    for (Statistic<?> statistic : Statistics.ALL) {
      addFields(statistic, traffic, fields, changes);
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
    json.set("previousWindow", previousWindow(changes));
    return json;
  }

  /**
   * The previous period's headline figures and the change since, or null while there is none
   * (see {@link logmon.core.change.ChangeTracker}).
   */
  private static ObjectNode previousWindow(Comparison changes) {
    if (!changes.hasHeadline()) {
      return null;
    }
    ObjectNode json = MAPPER.createObjectNode();
    json.put("span", DurationText.format(changes.span()));
    json.put("requests", changes.before().requests());
    json.put("percent5xx", roundOrNull(changes.before().percent5xx()));
    json.put("p99Ms", roundOrNull(changes.before().p99Ms()));
    ObjectNode change = json.putObject("change");
    change.put("requests", changes.now().requests() - changes.before().requests());
    change.put("requestsPercent", roundOrNull(changes.requestsChangePercent()));
    change.put("percent5xxPoints", roundOrNull(changes.percent5xxChangePoints()));
    change.put("p99Ms", roundOrNull(changes.p99ChangeMs()));
    return json;
  }

  /** {@code new} and {@code previousRank} of a ranking's row: false and null while nothing is compared. */
  private static void putChange(RankChange change, java.util.function.BiConsumer<String, Object> put) {
    put.accept("new", change.isNew());
    put.accept("previousRank", change.previousRank());
  }

  /** Adds {@code new} and {@code previousRank} to each row of a statistic's ranking, found by its name. */
  @SuppressWarnings("unchecked")
  private static void markRows(Map<String, Object> fields, String ranking, Comparison changes) {
    int slash = ranking.indexOf('/');
    Object list = fields.get(slash < 0 ? ranking : ranking.substring(0, slash));
    if (slash >= 0 && list instanceof Map<?, ?> inner) {
      list = inner.get(ranking.substring(slash + 1));
    }
    if (!(list instanceof List<?> rows)) {
      return;
    }
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i) instanceof Map<?, ?> row) {
        putChange(changes.at(ranking, i), ((Map<String, Object>) row)::put);
      }
    }
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

  private static <R> void addFields(Statistic<R> statistic, TrafficStats traffic, Map<String, Object> fields,
      Comparison changes) {
    R result = traffic.of(statistic);
    statistic.json(result, fields);
    for (String ranking : statistic.rankings(result).keySet()) {
      markRows(fields, ranking, changes);
    }
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

  private static ArrayNode ranked(List<Ranked> entries, String nameField, Comparison changes, String ranking) {
    ArrayNode array = MAPPER.createArrayNode();
    for (int i = 0; i < entries.size(); i++) {
      Ranked entry = entries.get(i);
      ObjectNode row = array.addObject().put(nameField, entry.name()).put("count", entry.count());
      putChange(changes.at(ranking, i), (name, value) -> row.set(name, MAPPER.valueToTree(value)));
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

  private static Double roundOrNull(Double value) {
    return value == null ? null : round(value);
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
