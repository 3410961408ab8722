package logmon.bench.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;
import logmon.bench.LogGenerator;
import logmon.core.format.FormatCompiler;
import logmon.core.format.LineFormat;
import logmon.core.format.ParsedLine;
import logmon.core.format.Presets;
import logmon.core.query.Query;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code --where} per line: the Combined preset matches a generated line (as in
 * {@link ParserBenchmark}), then the compiled expression is evaluated on it; {@code parseOnly} is
 * the same without an expression, so the difference is the evaluator's cost. Lines per second on
 * one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FilterBenchmark {

  private static final int MASK = 4095;

  @Param({
      "status >= 400",
      "(status >= 400 or client in 10.0.0.0/8) and path !~ '^/static/' and method in [GET, POST]",
      "agent ~ '(?i)bot'",
      "path ^= /api/ and referer != '-'"})
  public String where;

  private String[] lines;
  private int next;
  private final ParsedLine parsed = new ParsedLine();
  private LineFormat combined;
  private Query query;

  @Setup
  public void setUp() {
    lines = BenchLines.generate(MASK + 1, LogGenerator.Cardinality.NORMAL);
    combined = FormatCompiler.compile("combined", Presets.COMBINED);
    query = Query.compile(where, List.of(combined));
  }

  @Benchmark
  public boolean parseOnly() {
    return combined.match(lines[next++ & MASK], parsed) && parsed.status() > 0;
  }

  @Benchmark
  public boolean parseAndFilter() {
    return combined.match(lines[next++ & MASK], parsed) && query.test(parsed);
  }
}
