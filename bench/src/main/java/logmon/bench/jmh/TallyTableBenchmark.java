package logmon.bench.jmh;

import java.util.concurrent.TimeUnit;
import logmon.bench.LogGenerator;
import logmon.core.TallyTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-partition summary of a batch: a new {@link TallyTable}, {@code addLine} for each of
 * {@code lines} lines, then the batch markers, as logmon's {@code BatchSummaries} does once per
 * partition per batch. The score is milliseconds per batch of {@code lines}; lines/s on one
 * thread is {@code lines / score * 1000}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TallyTableBenchmark {

  @Param({"1000", "100000"})
  public int lines;

  @Param({"NORMAL", "HIGH"})
  public LogGenerator.Cardinality cardinality;

  private String[] batch;

  @Setup
  public void setUp() {
    batch = BenchLines.generate(lines, cardinality);
  }

  @Benchmark
  public int summarise() {
    TallyTable table = new TallyTable();
    for (String line : batch) {
      table.addLine(line);
    }
    table.addBatchMarkers(1_735_689_600_000L);
    return table.asMap().size();
  }
}
