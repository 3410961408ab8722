package logmon.render.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import logmon.core.BatchCount;
import logmon.core.BatchHealth;
import logmon.core.ByteStats;
import logmon.core.Ranked;
import logmon.core.Snapshot;
import logmon.core.StatsAccumulator;
import logmon.core.TallyTable;
import logmon.core.format.LineParser;
import logmon.core.SourceStatus;
import logmon.core.TrafficStats;
import logmon.core.ViewSpec;

/** Hand-built snapshots with known figures, including hostile and overlong endpoints. */
final class Fixtures {

  static final ViewSpec WINDOW = ViewSpec.window(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(1));
  static final SourceStatus CONNECTED = new SourceStatus("127.0.0.1:9999", SourceStatus.State.CONNECTED, null);
  static final Instant TIME = Instant.parse("2026-03-07T12:03:04Z");

  static final String LONG_ENDPOINT = "/" + "very/long/".repeat(40) + "end";
  static final String TITLE_ATTACK = "/\u001b]0;pwned\u0007";
  static final String CLEAR_ATTACK = "/x\u001b[2Jy";

  private Fixtures() {}

  /** 12,345 requests: 10,000 × 200, 1,200 × 304, 1,000 × 404, 145 × 500. */
  static Snapshot sample() {
    return snapshot(12_345, 7, 2, List.of(
        new Ranked("/index.html", 4_321),
        new Ranked("/api/v1/orders", 2_100),
        new Ranked(LONG_ENDPOINT, 900),
        new Ranked(TITLE_ATTACK, 55),
        new Ranked(CLEAR_ATTACK, 44)));
  }

  static Snapshot snapshot(long requests, long malformed, long oversized, List<Ranked> endpoints) {
    TreeMap<String, Long> status = new TreeMap<>(Map.of("200", 10_000L, "304", 1_200L, "404", 1_000L, "500", 145L));
    long batchStart = TIME.toEpochMilli() - 3_000;
    TrafficStats traffic = new TrafficStats(requests, malformed, oversized,
        new ByteStats(141_000_000L, 0L, 138_789L, 11_435.4),
        status,
        endpoints,
        List.of(new Ranked("/missing", 1_000), new Ranked("/boom", 145)),
        List.of(new Ranked("64.242.88.10", 5_432), new Ranked("10.0.0.153", 1_234)),
        List.of(new BatchCount(batchStart, 4_000, 0), new BatchCount(batchStart + 1000, 4_000, 0),
            new BatchCount(batchStart + 2000, 4_345, malformed)),
        batchStart,
        new TreeMap<>(Map.of(CONNECTED.description(), requests + malformed)),
        10);
    return new Snapshot(TIME, WINDOW, traffic, new BatchHealth(123L, 4L, 127L, 42), CONNECTED, List.of(CONNECTED));
  }

  /**
   * Built the real way, from lines in a custom format with a virtual host and %D: 100 requests
   * taking 1 … 100 ms, 60 for shop.example and 40 for blog.example.
   */
  static Snapshot withTimesAndHosts() {
    TallyTable table = new TallyTable(LineParser.of("%v %h %t \"%r\" %>s %b %D"));
    for (int i = 1; i <= 100; i++) {
      table.addLine((i <= 60 ? "shop.example" : "blog.example") + " 10.0.0." + (i % 7)
          + " [07/Mar/2026:12:03:01 +0000] \"GET /p" + (i % 3) + " HTTP/1.1\" 200 10 " + i * 1000);
    }
    table.addBatchMarkers(TIME.toEpochMilli(), CONNECTED.description());
    StatsAccumulator accumulator = new StatsAccumulator(10, 1);
    table.forEach(accumulator::add);
    return new Snapshot(TIME, WINDOW, accumulator.result(), new BatchHealth(123L, 4L, 127L, 42), CONNECTED,
        List.of(CONNECTED));
  }

  /**
   * Built the real way from nginx lines, with {@code --top status,path}: agents (one hostile),
   * referrers, 404 paths.
   */
  static Snapshot withRankings() {
    String format = "nginx";
    var rankings = List.of(logmon.core.query.Ranking.compile("status,path", LineParser.formats(format)));
    TallyTable table = new TallyTable(LineParser.of(format), null, rankings);
    for (int i = 1; i <= 30; i++) {
      String agent = i % 3 == 0 ? "curl/8.0" : "evil\u001b]0;pwned\u0007";
      table.addLine("10.0.0." + (i % 4) + " - - [07/Mar/2026:12:03:01 +0000] \"GET /p" + (i % 2) + " HTTP/1.1\" "
          + (i % 5 == 0 ? 404 : 200) + " 10 \"https://ref.example/" + (i % 2) + "\" \"" + agent + "\" \"-\"");
    }
    table.addBatchMarkers(TIME.toEpochMilli(), CONNECTED.description());
    StatsAccumulator accumulator = new StatsAccumulator(10, 1, List.of("status,path"));
    table.forEach(accumulator::add);
    return new Snapshot(TIME, WINDOW, accumulator.result(), new BatchHealth(123L, 4L, 127L, 42), CONNECTED,
        List.of(CONNECTED));
  }

  static Snapshot mostlyMalformed() {
    return snapshot(10, 500, 0, List.of(new Ranked("/index.html", 10)));
  }

  static DashboardModel model(Snapshot snapshot, DashboardState state) {
    double[] rates = new double[120];
    for (int i = 0; i < rates.length; i++) {
      rates[i] = 100 + 300 * Math.sin(i / 10.0) * Math.sin(i / 10.0);
    }
    return new DashboardModel(WINDOW, CONNECTED, snapshot, rates, rates.length, state, false);
  }

  static DashboardModel model(Snapshot snapshot) {
    return model(snapshot, DashboardState.initial());
  }

  /** The sample with alerts: one firing since a minute ago (a transition when {@code changed}), one pending. */
  static Snapshot alerting(boolean changed) {
    return sample().withAlerts(List.of(
        new logmon.core.alert.AlertStatus(logmon.core.alert.AlertRule.parse("5xx > 1% for 1m"),
            logmon.core.alert.AlertStatus.State.FIRING, TIME.minusSeconds(60), 1.17, changed),
        new logmon.core.alert.AlertStatus(logmon.core.alert.AlertRule.parse("p99 > 800ms for 2m"),
            logmon.core.alert.AlertStatus.State.PENDING, TIME, 950.0, false)));
  }
}
