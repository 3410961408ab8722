package logmon.bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;
import logmon.bench.LogGenerator;
import logmon.core.format.FormatCompiler;
import logmon.core.format.LineFormat;
import logmon.core.format.LineParser;
import logmon.core.format.ParsedLine;
import logmon.core.format.Presets;

/**
 * {@link ParserBenchmark}'s cases measured for a shared machine: JMH's throughput counts wall
 * time, so another process's load lands on whichever benchmark runs at that moment. Here the
 * cases take turns, round after round in one JVM, and each round is charged this thread's CPU
 * time only; the figure is the median over the rounds of CPU nanoseconds per line, and the ratio
 * of each case to the hand-written parser within the same round.
 *
 * <pre>java -cp bench/target/classes:$(cat bench/target/classpath.txt) logmon.bench.jmh.ParserCpuTime [rounds]</pre>
 */
public final class ParserCpuTime {

  private static final int LINES_PER_ROUND = 2_000_000;
  private static final int MASK = 4095;

  private record Case(String name, ToLongFunction<String> parse) {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 21;
    String[] lines = BenchLines.generate(MASK + 1, LogGenerator.Cardinality.NORMAL);
    String[] timed = new String[lines.length];
    for (int i = 0; i < lines.length; i++) {
      timed[i] = lines[i] + " " + (1000 + i * 37L);
    }
    ParsedLine parsed = new ParsedLine();
    LineFormat combined = FormatCompiler.compile("combined", Presets.COMBINED);
    LineFormat custom = FormatCompiler.compile("custom", ParserBenchmark.CUSTOM_WITH_TIME);
    LineParser auto = LineParser.of(LineParser.AUTO);
    List<Case> cases = List.of(
        new Case("handWritten", line -> {
          var r = HandWrittenParser.parse(line);
          return r == null ? -1 : r.status();
        }),
        new Case("combined", line -> fields(combined.match(line, parsed) ? parsed : null)),
        new Case("auto", line -> fields(auto.parse(line))),
        new Case("customWithTime", null));
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    double[][] nanosPerLine = new double[cases.size()][rounds];
    long sink = 0;
    for (int round = -3; round < rounds; round++) {
      for (int k = 0; k < cases.size(); k++) {
        int c = (k + Math.max(round, 0)) % cases.size();  // a different case goes first each round
        String[] input = cases.get(c).name().equals("customWithTime") ? timed : lines;
        ToLongFunction<String> parse = cases.get(c).parse() != null ? cases.get(c).parse()
            : line -> fields(custom.match(line, parsed) ? parsed : null);
        long start = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < LINES_PER_ROUND; i++) {
          sink += parse.applyAsLong(input[i & MASK]);
        }
        long spent = cpu.getCurrentThreadCpuTime() - start;
        if (round >= 0) {
          nanosPerLine[c][round] = (double) spent / LINES_PER_ROUND;
        }
      }
    }
    System.out.printf("%-15s %12s %12s %14s%n", "case", "ns/line p50", "lines/CPU-s", "÷ handWritten");
    for (int c = 0; c < cases.size(); c++) {
      double[] ratios = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ratios[r] = nanosPerLine[c][r] / nanosPerLine[0][r];
      }
      double median = median(nanosPerLine[c]);
      System.out.printf("%-15s %12.1f %,12.0f %14.2f%n", cases.get(c).name(), median, 1e9 / median, median(ratios));
    }
    System.out.println("(" + rounds + " rounds of " + LINES_PER_ROUND + " lines; sink " + (sink & 1) + ")");
  }

  private static long fields(ParsedLine line) {
    if (line == null) {
      return -1;
    }
    String endpoint = line.endpoint();
    return line.client().length() + (endpoint == null ? 0 : endpoint.length()) + line.status() + line.bytes()
        + line.responseMicros();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
