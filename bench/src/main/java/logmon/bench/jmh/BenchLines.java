package logmon.bench.jmh;

import logmon.bench.LogGenerator;

/** Lines from the harness's generator (seeded), so the benchmarks parse what the harness sends. */
final class BenchLines {

  private BenchLines() {}

  static String[] generate(int count, LogGenerator.Cardinality cardinality) {
    LogGenerator generator = new LogGenerator(42, cardinality);
    String[] lines = new String[count];
    for (int i = 0; i < count; i++) {
      lines[i] = generator.nextLine();
    }
    return lines;
  }
}
