package logmon.bench.jmh;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import logmon.bench.LogGenerator;
import logmon.core.StatKey;
import logmon.core.Tally;
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
 * What Spark's default JavaSerializer does to a batch summary on each shuffle write (and each
 * window re-reduce): writeObject of every key and tally, with a stream reset every 100 objects
 * (spark.serializer.objectStreamReset). Not logmon code, but the cost logmon's graph pays per key
 * per shuffle; the score is milliseconds per summary of {@code lines} lines.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SummarySerializationBenchmark {

  @Param({"100000"})
  public int lines;

  @Param({"NORMAL", "HIGH"})
  public LogGenerator.Cardinality cardinality;

  private Map<StatKey, Tally> summary;
  private int bytes;

  @Setup
  public void setUp() throws IOException {
    TallyTable table = new TallyTable();
    for (String line : BenchLines.generate(lines, cardinality)) {
      table.addLine(line);
    }
    summary = table.asMap();
    bytes = serialise();
    System.out.printf("%n%,d keys serialise to %,d bytes%n", summary.size(), bytes);
  }

  @Benchmark
  public int javaSerialise() throws IOException {
    return serialise();
  }

  private int serialise() throws IOException {
    CountingStream counter = new CountingStream();
    try (ObjectOutputStream out = new ObjectOutputStream(counter)) {
      int written = 0;
      for (Map.Entry<StatKey, Tally> entry : summary.entrySet()) {
        out.writeObject(entry.getKey());
        out.writeObject(entry.getValue());
        written += 2;
        if (written >= 100) {
          out.reset();
          written = 0;
        }
      }
    }
    return counter.count;
  }

  /** Counts bytes without keeping them, so the benchmark measures serialisation, not copying. */
  private static final class CountingStream extends OutputStream {
    int count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
