package logmon.bench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import logmon.bench.LogGenerator;
import logmon.core.StatKey;
import logmon.core.StatsAccumulator;
import logmon.core.Tally;
import logmon.core.TallyTable;
import logmon.core.TrafficStats;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The snapshot side of a batch, as logmon's {@code SnapshotPublisher} does it: each of two
 * partitions feeds its reduced (StatKey, Tally) pairs into a {@link StatsAccumulator}
 * ({@code accumulate}), and the driver merges the partials into a fresh one and takes the result
 * ({@code mergeAndResult}). The input is the summary of {@code lines} generated lines split in
 * two by key hash, with logmon's defaults: top 10, IPs shown above 10 requests.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StatsAccumulatorBenchmark {

  private static final int TOP = 10;
  private static final long IP_THRESHOLD = 10;

  @Param({"100000", "3000000"})
  public int lines;

  @Param({"NORMAL"})
  public LogGenerator.Cardinality cardinality;

  private List<Map.Entry<StatKey, Tally>> firstHalf;
  private List<Map.Entry<StatKey, Tally>> secondHalf;
  private StatsAccumulator partialA;
  private StatsAccumulator partialB;

  @Setup
  public void setUp() {
    TallyTable table = new TallyTable();
    LogGenerator generator = new LogGenerator(42, cardinality);
    for (int i = 0; i < lines; i++) {
      table.addLine(generator.nextLine());
    }
    table.addBatchMarkers(1_735_689_600_000L);
    firstHalf = new ArrayList<>();
    secondHalf = new ArrayList<>();
    for (Map.Entry<StatKey, Tally> entry : table.asMap().entrySet()) {
      (Math.floorMod(entry.getKey().hashCode(), 2) == 0 ? firstHalf : secondHalf).add(Map.entry(entry.getKey(), entry.getValue()));
    }
    partialA = fill(firstHalf);
    partialB = fill(secondHalf);
  }

  private static StatsAccumulator fill(List<Map.Entry<StatKey, Tally>> pairs) {
    StatsAccumulator accumulator = new StatsAccumulator(TOP, IP_THRESHOLD);
    for (Map.Entry<StatKey, Tally> pair : pairs) {
      accumulator.add(pair.getKey(), pair.getValue());
    }
    return accumulator;
  }

  /** One partition's work: every reduced pair of half the keys into a new accumulator. */
  @Benchmark
  public StatsAccumulator accumulate() {
    return fill(firstHalf);
  }

  /** The driver's work: merge the two partials into a fresh accumulator and build the result. */
  @Benchmark
  public TrafficStats mergeAndResult() {
    return new StatsAccumulator(TOP, IP_THRESHOLD).merge(partialA).merge(partialB).result();
  }
}
