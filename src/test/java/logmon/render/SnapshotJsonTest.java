package logmon.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import logmon.core.BatchCount;
import logmon.core.BatchHealth;
import logmon.core.ByteStats;
import logmon.core.Ranked;
import logmon.core.Snapshot;
import logmon.core.SourceStatus;
import logmon.core.TrafficStats;
import logmon.core.ViewSpec;
import org.junit.jupiter.api.Test;

/** The JSON field names are a contract that scripts rely on. */
class SnapshotJsonTest {

  static final Instant T = Instant.parse("2026-11-26T12:00:00Z");

  static Snapshot snapshot(ViewSpec view, TrafficStats traffic) {
    var source = new SourceStatus("127.0.0.1:9999", SourceStatus.State.CONNECTED, "127.0.0.1:9999");
    return new Snapshot(T, view, traffic, new BatchHealth(120L, 3L, 123L, 7), source, List.of(source));
  }

  static TrafficStats traffic() {
    var status = new TreeMap<String, Long>();
    status.put("200", 3L);
    status.put("404", 1L);
    return new TrafficStats(4, 1, 0, new ByteStats(400, 10L, 200L, 100.0), status,
        List.of(new Ranked("/a", 3), new Ranked("/\u001b]0;x\u0007", 1)), List.of(new Ranked("/b", 1)),
        List.of(new Ranked("10.0.0.1", 4)),
        List.of(new BatchCount(T.toEpochMilli() - 1000, 1, 0), new BatchCount(T.toEpochMilli(), 3, 1)),
        T.toEpochMilli() - 1000, new TreeMap<>(java.util.Map.of("127.0.0.1:9999", 5L)), 3);
  }

  @Test
  void windowSnapshotHasTheContractFields() throws Exception {
    var view = ViewSpec.window(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(1));
    JsonNode json = SnapshotJson.MAPPER.readTree(
        SnapshotJson.MAPPER.writeValueAsString(SnapshotJson.toJson(snapshot(view, traffic()))));

    assertThat(json.get("time").asText()).isEqualTo("2026-11-26T12:00:00Z");
    assertThat(json.get("mode").asText()).isEqualTo("window");
    assertThat(json.get("window").asText()).isEqualTo("30s");
    assertThat(json.get("requests").asLong()).isEqualTo(4);
    assertThat(json.get("malformed").asLong()).isEqualTo(1);
    assertThat(json.get("requestsPerSecond").asDouble()).isEqualTo(2.0); // 4 requests over 2 batches of 1 s
    assertThat(json.get("bytes").get("sum").asLong()).isEqualTo(400);
    assertThat(json.get("bytes").get("min").asLong()).isEqualTo(10);
    assertThat(json.get("bytes").get("max").asLong()).isEqualTo(200);
    assertThat(json.get("bytes").get("avg").asDouble()).isEqualTo(100.0);
    assertThat(json.get("status").get("200").asLong()).isEqualTo(3);
    assertThat(json.get("topEndpoints").get(0).get("endpoint").asText()).isEqualTo("/a");
    assertThat(json.get("topEndpoints").get(0).get("count").asLong()).isEqualTo(3);
    assertThat(json.get("topEndpoints").get(1).get("endpoint").asText()).isEqualTo("/\u001b]0;x\u0007");
    assertThat(json.get("topErrorEndpoints").get(0).get("endpoint").asText()).isEqualTo("/b");
    assertThat(json.get("frequentIps").get(0).get("ip").asText()).isEqualTo("10.0.0.1");
    assertThat(json.get("frequentIps").get(0).get("count").asLong()).isEqualTo(4);
    assertThat(json.get("batchHealth").get("processingMs").asLong()).isEqualTo(120);
    assertThat(json.get("source").get("state").asText()).isEqualTo("connected");
    assertThat(json.get("sources").get(0).get("name").asText()).isEqualTo("127.0.0.1:9999");
    assertThat(json.get("sources").get(0).get("lines").asLong()).isEqualTo(5);
  }

  @Test
  void flowControlFieldsSayWhetherLogmonIsHeldBackAndHowFarBehind() throws Exception {
    var view = ViewSpec.cumulative(Duration.ofSeconds(1));
    TrafficStats t = traffic();
    TrafficStats shedding = new TrafficStats(t.requests(), t.malformed(), t.oversized(), t.bytes(), t.status(),
        t.topEndpoints(), t.topErrorEndpoints(), t.frequentIps(), t.batches(), t.sinceMillis(), t.sourceLines(),
        t.ipThreshold(), 1234, T.getEpochSecond() - 5);
    var source = new SourceStatus("127.0.0.1:9999", SourceStatus.State.CONNECTED, "127.0.0.1:9999");
    var health = new BatchHealth(900L, 1500L, 2400L, 7, true, 240_000L, 5L);
    JsonNode json = SnapshotJson.toJson(new Snapshot(T, view, shedding, health, source, List.of(source)));
    assertThat(json.get("shed").asLong()).isEqualTo(1234);
    assertThat(json.at("/batchHealth/throttled").asBoolean()).isTrue();
    assertThat(json.at("/batchHealth/rateLimit").asLong()).isEqualTo(240_000);
    assertThat(json.at("/batchHealth/lagSeconds").asLong()).isEqualTo(5);

    JsonNode unknown = SnapshotJson.toJson(snapshot(view, t));
    assertThat(unknown.get("shed").asLong()).isZero();
    assertThat(unknown.at("/batchHealth/throttled").isNull()).isTrue();
    assertThat(unknown.at("/batchHealth/rateLimit").isNull()).isTrue();
    assertThat(unknown.at("/batchHealth/lagSeconds").isNull()).isTrue();
  }

  @Test
  void controlCharactersAreEscapedInTheJsonText() throws Exception {
    var view = ViewSpec.cumulative(Duration.ofSeconds(1));
    String text = SnapshotJson.MAPPER.writeValueAsString(SnapshotJson.toJson(snapshot(view, traffic())));
    assertThat(text).doesNotContain("\u001b").doesNotContain("\u0007").contains("\\u001B");
    assertThat(text).doesNotContain("\"window\"");
  }

  @Test
  void emptySnapshotIsZerosAndNulls() throws Exception {
    var view = ViewSpec.cumulative(Duration.ofSeconds(1));
    var empty = new logmon.core.StatsAccumulator(10, 10).result();
    JsonNode json = SnapshotJson.toJson(snapshot(view, empty));
    assertThat(json.get("requests").asLong()).isZero();
    assertThat(json.get("bytes").get("min").isNull()).isTrue();
    assertThat(json.get("bytes").get("avg").isNull()).isTrue();
    assertThat(json.get("requestsPerSecond").asDouble()).isZero();
    assertThat(json.get("topEndpoints")).isEmpty();
    // The statistics' fields: present, empty or null.
    assertThat(json.get("format").isNull()).isTrue();
    assertThat(json.get("uniqueClients").asLong()).isZero();
    assertThat(json.get("responseTimeMs").isNull()).isTrue();
    assertThat(json.get("topHosts")).isEmpty();
    assertThat(json.get("topSlowEndpoints")).isEmpty();
  }

  @Test
  void theStatisticsFieldsOfALogWithTimesAndHosts() throws Exception {
    var table = new logmon.core.TallyTable(logmon.core.format.LineParser.of("%v %h %t \"%r\" %>s %b %{ms}T"));
    for (int i = 1; i <= 10; i++) {
      table.addLine("shop.example 10.0.0." + (i % 3) + " [26/Nov/2026:12:00:00 +0000] \"GET /p" + (i % 2)
          + " HTTP/1.1\" 200 5 " + i * 10);
    }
    var accumulator = new logmon.core.StatsAccumulator(10, 10);
    table.forEach(accumulator::add);
    JsonNode json = SnapshotJson.MAPPER.readTree(SnapshotJson.MAPPER.writeValueAsString(
        SnapshotJson.toJson(snapshot(ViewSpec.cumulative(Duration.ofSeconds(1)), accumulator.result()))));
    assertThat(json.get("format").asText()).isEqualTo("custom");
    assertThat(json.get("uniqueClients").asLong()).isEqualTo(3);
    assertThat(json.get("responseTimeMs").get("avg").asDouble()).isEqualTo(55.0);
    assertThat(json.get("responseTimeMs").get("max").asDouble()).isEqualTo(100.0);
    assertThat(json.get("responseTimeMs").get("p50").asDouble()).isCloseTo(50.0, org.assertj.core.data.Offset.offset(0.5));
    assertThat(json.get("topHosts").get(0).get("host").asText()).isEqualTo("shop.example");
    assertThat(json.get("topHosts").get(0).get("count").asLong()).isEqualTo(10);
    // /p0 took 20, 40 … 100 ms (avg 60), /p1 10, 30 … 90 ms (avg 50): slowest first.
    JsonNode slow = json.get("topSlowEndpoints");
    assertThat(slow.get(0).get("endpoint").asText()).isEqualTo("/p0");
    assertThat(slow.get(0).get("count").asLong()).isEqualTo(5);
    assertThat(slow.get(0).get("avgMs").asDouble()).isEqualTo(60.0);
    assertThat(slow.get(0).get("maxMs").asDouble()).isEqualTo(100.0);
    assertThat(slow.get(1).get("endpoint").asText()).isEqualTo("/p1");
  }
}
