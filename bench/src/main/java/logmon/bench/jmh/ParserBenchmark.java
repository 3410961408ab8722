package logmon.bench.jmh;

import java.util.concurrent.TimeUnit;
import logmon.bench.LogGenerator;
import logmon.core.AccessLogParser;
import logmon.core.LogRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link AccessLogParser#parse} of one Combined line (generated, ~200 bytes, 0.5% malformed),
 * cycling through 4096 lines. The score is lines per second on one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParserBenchmark {

  private static final int MASK = 4095;
  private String[] lines;
  private int next;

  @Setup
  public void setUp() {
    lines = BenchLines.generate(MASK + 1, LogGenerator.Cardinality.NORMAL);
  }

  @Benchmark
  public LogRecord parse() {
    return AccessLogParser.parse(lines[next++ & MASK]);
  }
}
