package logmon.bench.jmh;

import java.util.concurrent.TimeUnit;
import logmon.bench.LogGenerator;
import logmon.core.format.FormatCompiler;
import logmon.core.format.LineFormat;
import logmon.core.format.LineParser;
import logmon.core.format.ParsedLine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Reading one Combined line (generated, ~200 bytes, 0.5% malformed), cycling through 4096 lines;
 * the score is lines per second on one thread. {@code handWritten} is the parser logmon had
 * before formats could be chosen, the baseline; {@code combined} the compiled preset,
 * {@code auto} auto-detection (the default), and {@code customWithTime} a verbatim Apache
 * LogFormat with {@code %D} on the same lines with a time appended. Each benchmark also reads the
 * fields the statistics read (client, endpoint, status, bytes), as the old parser did eagerly.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParserBenchmark {

  static final String CUSTOM_WITH_TIME =
      "LogFormat \"%h %l %u %t \\\"%r\\\" %>s %b \\\"%{Referer}i\\\" \\\"%{User-agent}i\\\" %D\" combined_time";

  private static final int MASK = 4095;
  private String[] lines;
  private String[] timedLines;
  private int next;
  private final ParsedLine parsed = new ParsedLine();
  private LineFormat combined;
  private LineFormat custom;
  private LineParser auto;

  @Setup
  public void setUp() {
    lines = BenchLines.generate(MASK + 1, LogGenerator.Cardinality.NORMAL);
    timedLines = new String[lines.length];
    for (int i = 0; i < lines.length; i++) {
      timedLines[i] = lines[i] + " " + (1000 + i * 37L);
    }
    combined = FormatCompiler.compile("combined", logmon.core.format.Presets.COMBINED);
    custom = FormatCompiler.compile("custom", CUSTOM_WITH_TIME);
    auto = LineParser.of(LineParser.AUTO);
  }

  @Benchmark
  public Object handWritten() {
    return HandWrittenParser.parse(lines[next++ & MASK]);
  }

  @Benchmark
  public long combined() {
    return fields(combined.match(lines[next++ & MASK], parsed) ? parsed : null);
  }

  @Benchmark
  public long auto() {
    return fields(auto.parse(lines[next++ & MASK]));
  }

  @Benchmark
  public long customWithTime() {
    return fields(custom.match(timedLines[next++ & MASK], parsed) ? parsed : null);
  }

  private static long fields(ParsedLine line) {
    if (line == null) {
      return -1;
    }
    String endpoint = line.endpoint();
    return line.client().length() + (endpoint == null ? 0 : endpoint.length()) + line.status() + line.bytes()
        + line.responseMicros();
  }
}
