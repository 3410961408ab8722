package logmon.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import logmon.core.BatchCount;
import logmon.core.BatchHealth;
import logmon.core.ByteStats;
import logmon.core.Snapshot;
import logmon.core.SourceStatus;
import logmon.core.TrafficStats;
import logmon.core.ViewSpec;
import org.junit.jupiter.api.Test;

/** Counters only grow: each batch counted once in window mode, the restored totals in cumulative mode. */
class RunTotalsTest {

  private static final Instant T = Instant.parse("2026-12-04T12:00:00Z");
  private static final SourceStatus SOURCE = new SourceStatus("s", SourceStatus.State.CONNECTED, null);

  private static BatchCount batch(int second, long ok, long errors, long bytes, long malformed, long shed) {
    TreeMap<String, Long> status = new TreeMap<>();
    if (ok > 0) {
      status.put("200", ok);
    }
    if (errors > 0) {
      status.put("500", errors);
    }
    return new BatchCount(T.plusSeconds(second).toEpochMilli(), ok + errors, malformed, bytes, shed, status);
  }

  private static Snapshot window(int second, BatchCount... batches) {
    TrafficStats traffic = new TrafficStats(0, 0, 0, new ByteStats(0, null, null, null), new TreeMap<>(), List.of(),
        List.of(), List.of(), List.of(batches), null, new TreeMap<>(), 10);
    return new Snapshot(T.plusSeconds(second), ViewSpec.window(Duration.ofSeconds(1), Duration.ofSeconds(3),
        Duration.ofSeconds(1)), traffic, BatchHealth.NONE, SOURCE, List.of(SOURCE));
  }

  @Test
  void windowModeCountsEachBatchOnceAsItEntersAWindow() {
    RunTotals totals = new RunTotals();
    BatchCount b0 = batch(0, 10, 1, 100, 2, 0);
    BatchCount b1 = batch(1, 5, 0, 50, 0, 3);
    BatchCount b2 = batch(2, 0, 4, 40, 1, 0);
    BatchCount b3 = batch(3, 7, 0, 70, 0, 0);
    totals.add(window(0, b0));
    totals.add(window(1, b0, b1));
    totals.add(window(2, b0, b1, b2));
    RunTotals.Counts counts = totals.add(window(3, b1, b2, b3)); // b0 has left the window, not the totals

    assertThat(counts.status()).isEqualTo(new TreeMap<>(Map.of("200", 22L, "500", 5L)));
    assertThat(counts.requests()).isEqualTo(27);
    assertThat(counts.bytes()).isEqualTo(260);
    assertThat(counts.malformed()).isEqualTo(3);
    assertThat(counts.shed()).isEqualTo(3);
  }

  @Test
  void cumulativeModeReadsTheRunningTotalsSoARestoredRunResumes() {
    RunTotals afterRestart = new RunTotals();
    TreeMap<String, Long> status = new TreeMap<>(Map.of("200", 1_000L, "404", 6L));
    TrafficStats restored = new TrafficStats(1_006, 4, 0, new ByteStats(55_000, 0L, 900L, 54.7), status, List.of(),
        List.of(), List.of(), List.of(new BatchCount(T.toEpochMilli(), 0, 0)), T.toEpochMilli(), new TreeMap<>(), 10,
        9, (Long) null);
    RunTotals.Counts counts = afterRestart.add(new Snapshot(T, ViewSpec.cumulative(Duration.ofSeconds(1)), restored,
        BatchHealth.NONE, SOURCE, List.of(SOURCE)));

    assertThat(counts.status()).isEqualTo(status);
    assertThat(counts.bytes()).isEqualTo(55_000);
    assertThat(counts.malformed()).isEqualTo(4);
    assertThat(counts.shed()).isEqualTo(9);
  }

  /**
   * Each batch's response times travel as per-batch keys of their own (BATCH_TIMES), so that a
   * window holding several batches still tells each one's: 100 lines of 1 … 100 ms in two batches,
   * merged as a window merges them, give two batches whose buckets hold 60 and 40 requests, and
   * the window's own histogram (the Summary's buckets) all 100.
   */
  @Test
  void responseTimeBucketsArePerBatchAndInTheSummary() {
    var format = logmon.core.format.LineParser.of("%h %t \"%r\" %>s %b %D");
    var accumulator = new logmon.core.StatsAccumulator(10, 10);
    for (int batch = 0; batch < 2; batch++) {
      var table = new logmon.core.TallyTable(format);
      for (int i = 1; i <= (batch == 0 ? 60 : 40); i++) {
        table.addLine("10.0.0.1 [04/Dec/2026:12:00:00 +0000] \"GET / HTTP/1.1\" 200 10 " + i * 1000);
      }
      table.addBatchMarkers(T.plusSeconds(batch).toEpochMilli(), "s");
      table.forEach(accumulator::add);
    }
    TrafficStats traffic = accumulator.result();
    assertThat(traffic.batches()).extracting(b -> b.times().values().stream().mapToLong(Long::longValue).sum())
        .containsExactly(60L, 40L);
    assertThat(traffic.of(logmon.core.stats.Statistics.RESPONSE_TIMES).buckets().values().stream()
        .mapToLong(Long::longValue).sum()).isEqualTo(100);
  }

}
