package logmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import logmon.core.format.LineParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cumulative mode's incremental statistics against a full ranking of the same state, batch after
 * batch, over random batch sequences: few names with small counts (ties everywhere), an endpoint
 * that enters the top late and takes it, response times whose averages fall as well as rise,
 * keys forgotten, and a restore from the state in the middle. The state is simulated as
 * {@code mapWithState} keeps it; each batch's changes are what its function emits.
 */
class RunningTotalsTest {

  /** Apache combined with the virtual host and %D, so that hosts and slow endpoints take part. */
  private static final String FORMAT =
      "%v %h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\" %D";
  private static final int TOP = 3;
  private static final long IP_THRESHOLD = 2;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  void incrementalStatisticsEqualAFullRankingOfTheState(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<StatKey, Tally> state = new HashMap<>();
    Map<StatKey, Integer> lastSeen = new HashMap<>();
    RunningTotals running = null;
    TrafficStats last = null;
    int fullPasses = 0;
    int batches = 60;
    for (int batch = 0; batch < batches; batch++) {
      TallyTable table = new TallyTable(LineParser.of(FORMAT));
      int lines = random.nextInt(0, 12);
      for (int i = 0; i < lines; i++) {
        table.addLine(line(random, batch));
      }
      table.addBatchMarkers(1_000L * batch, "test");
      List<StateChange> changes = new ArrayList<>();
      List<Map.Entry<StatKey, Tally>> perBatch = new ArrayList<>();
      int now = batch;
      table.forEach((key, tally) -> {
        if (key.isPerBatch()) {
          perBatch.add(Map.entry(key, tally));
          return;
        }
        Tally before = state.get(key);
        Tally after = before == null ? tally : before.merge(tally);
        state.put(key, after);
        lastSeen.put(key, now);
        changes.add(new StateChange(key, after, before == null ? StateChange.Change.NEW : StateChange.Change.GROWN));
      });
      if (batch % 5 == 4) { // forget what was not seen for 4 batches, as a state timeout does
        for (var it = state.entrySet().iterator(); it.hasNext(); ) {
          var entry = it.next();
          if (RunningTotals.forgettable(entry.getKey()) && lastSeen.get(entry.getKey()) < batch - 3) {
            changes.add(new StateChange(entry.getKey(), entry.getValue(), StateChange.Change.FORGOTTEN));
            it.remove();
          }
        }
      }
      if (running == null || batch == batches / 2) { // the start, and a restore in the middle
        running = rebuilt(state, random);
        fullPasses++;
      } else {
        changes.forEach(running::apply);
        if (!running.exact()) {
          running = rebuilt(state, random);
          fullPasses++;
        }
      }
      last = running.result(perBatch);
      assertThat(last).as("batch %d", batch).isEqualTo(full(state, perBatch));
      assertThat(running.stateKeys()).isEqualTo(state.size());
      assertThat(last.of(logmon.core.stats.Statistics.STATE_KEYS)).isEqualTo((long) state.size());
    }
    assertThat(fullPasses).as("full passes").isLessThan(batches / 2);
    // Every kind of ranking took part.
    assertThat(last.topEndpoints()).hasSize(TOP);
    assertThat(last.frequentIps()).isNotEmpty();
    assertThat(last.of(logmon.core.stats.Statistics.HOSTS)).hasSize(TOP);
    assertThat(last.of(logmon.core.stats.Statistics.SLOW_ENDPOINTS)).hasSize(TOP);
  }

  /** The full ranking: every key of the state once, as the updateStateByKey path ranks it. */
  private static TrafficStats full(Map<StatKey, Tally> state, List<Map.Entry<StatKey, Tally>> perBatch) {
    StatsAccumulator all = new StatsAccumulator(TOP, IP_THRESHOLD);
    state.forEach(all::add);
    perBatch.forEach(e -> all.add(e.getKey(), e.getValue()));
    return all.result();
  }

  /** As after a restore: the state cut into random partitions, each fed as new, merged. */
  private static RunningTotals rebuilt(Map<StatKey, Tally> state, SplittableRandom random) {
    int partitions = random.nextInt(1, 4);
    List<RunningTotals> parts = new ArrayList<>();
    for (int i = 0; i < partitions; i++) {
      parts.add(new RunningTotals(TOP, IP_THRESHOLD));
    }
    state.forEach((key, tally) -> parts.get(random.nextInt(partitions)).update(key, tally, true));
    RunningTotals merged = new RunningTotals(TOP, IP_THRESHOLD);
    parts.forEach(part -> merged.merge(travelled(part)));
    return merged;
  }

  /** As a partition's part reaches the driver: Java-serialised and read back. */
  private static RunningTotals travelled(RunningTotals part) {
    try {
      var bytes = new java.io.ByteArrayOutputStream();
      try (var out = new java.io.ObjectOutputStream(bytes)) {
        out.writeObject(part);
      }
      try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
        return (RunningTotals) in.readObject();
      }
    } catch (java.io.IOException | ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  private static String line(SplittableRandom random, int batch) {
    String endpoint;
    if (batch >= 20 && random.nextInt(3) == 0) {
      endpoint = "/late"; // enters the top late, then leads
    } else {
      endpoint = "/e" + random.nextInt(8);
    }
    String host = "h" + random.nextInt(5);
    String client = "10.0.0." + random.nextInt(7);
    int status = random.nextInt(4) == 0 ? 404 : 200;
    long micros = random.nextInt(4) == 0 ? random.nextLong(1, 1_000_000) : random.nextLong(1, 1_000);
    return host + " " + client + " - - [07/Mar/2004:16:05:49 -0800] \"GET " + endpoint + " HTTP/1.1\" "
        + status + " " + random.nextInt(0, 5000) + " \"-\" \"test\" " + micros;
  }
}
