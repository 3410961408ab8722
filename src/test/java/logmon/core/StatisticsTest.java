package logmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import logmon.core.stats.ResponseTimes;
import logmon.core.stats.SlowEndpoints;
import logmon.core.stats.Statistics;
import org.junit.jupiter.api.Test;

/** The pure statistics: tallies merge in any grouping, empty input is valid, ties are ordered. */
class StatisticsTest {

  static String line(String ip, String path, int status, long bytes) {
    return ip + " - - [07/Mar/2004:16:05:49 -0800] \"GET " + path + " HTTP/1.1\" " + status + " " + bytes;
  }

  private static TallyTable table(String... lines) {
    TallyTable table = new TallyTable();
    for (String line : lines) {
      table.addLine(line);
    }
    return table;
  }

  /** The statistics of one table: its entries accumulated, as a window or the state's keys are. */
  private static TrafficStats stats(TallyTable table) {
    StatsAccumulator acc = new StatsAccumulator(10, 1);
    table.forEach(acc::add);
    return acc.result();
  }

  /** Tables merged into a fresh one ({@link TallyTable#merge}), as a batch's partitions and a window's batches are. */
  private static TallyTable merged(TallyTable... tables) {
    TallyTable merged = new TallyTable();
    for (TallyTable t : tables) {
      merged.merge(t);
    }
    return merged;
  }

  @Test
  void tallyMergeIsAssociativeAndCommutative() {
    Tally a = Tally.ofValue(5);
    Tally b = Tally.ofValue(100);
    Tally c = Tally.ofCount(3);
    assertThat(a.merge(b).merge(c)).isEqualTo(a.merge(b.merge(c)));
    assertThat(a.merge(b)).isEqualTo(b.merge(a));
    assertThat(Tally.EMPTY.merge(a)).isEqualTo(a);
    assertThat(a.merge(b).merge(c)).isEqualTo(new Tally(5, 105, 5, 100));
  }

  /**
   * One table of all the lines, against the lines cut in pieces, each tallied apart and the tables
   * merged: every way of cutting them gives the same statistics (and the merged tables themselves
   * hold the same tallies, the lines and source counts included).
   */
  @Test
  void splittingTheLinesAnyWayGivesTheSameStatistics() {
    String[] lines = {
        line("a", "/x", 200, 10), line("b", "/x", 404, 0), line("a", "/y", 200, 50),
        "junk", line("c", "/z", 500, 7), line("a", "/x", 200, 1), TallyTable.OVERSIZED_LINE};
    TallyTable wholeTable = table(lines);
    wholeTable.addBatchMarkers(1_000L, "src");
    TrafficStats whole = stats(wholeTable);
    assertThat(whole.requests()).isEqualTo(5);
    assertThat(whole.malformed()).isEqualTo(2);
    assertThat(whole.bytes()).isEqualTo(new ByteStats(68, 0L, 50L, 68 / 5.0));
    assertThat(whole.sourceLines()).isEqualTo(Map.of("src", 7L));

    // Every cut of the lines into up to three consecutive pieces (empty pieces included).
    for (int first = 0; first <= lines.length; first++) {
      for (int second = first; second <= lines.length; second++) {
        TallyTable split = merged(
            table(java.util.Arrays.copyOfRange(lines, 0, first)),
            table(java.util.Arrays.copyOfRange(lines, first, second)),
            table(java.util.Arrays.copyOfRange(lines, second, lines.length)));
        split.addBatchMarkers(1_000L, "src");
        assertThat(split.asMap()).as("tallies cut at %d and %d", first, second).isEqualTo(wholeTable.asMap());
        assertThat(stats(split)).as("statistics cut at %d and %d", first, second).isEqualTo(whole);
      }
    }
  }

  @Test
  void accumulatorsMergeAssociatively() {
    TallyTable reduced = table(line("a", "/x", 200, 10), line("b", "/y", 404, 3),
        line("a", "/x", 301, 7), line("c", "/w", 200, 9), line("a", "/q", 503, 1));
    var entries = List.copyOf(reduced.asMap().entrySet());
    StatsAccumulator[] parts = new StatsAccumulator[3];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = new StatsAccumulator(2, 1);
    }
    for (int i = 0; i < entries.size(); i++) {
      parts[i % 3].add(entries.get(i).getKey(), entries.get(i).getValue());
    }
    StatsAccumulator left = new StatsAccumulator(2, 1).merge(parts[0]).merge(parts[1]).merge(parts[2]);
    StatsAccumulator inner = new StatsAccumulator(2, 1).merge(parts[1]).merge(parts[2]);
    StatsAccumulator right = new StatsAccumulator(2, 1).merge(parts[0]).merge(inner);
    assertThat(left.result()).isEqualTo(right.result());
    assertThat(left.result().topEndpoints()).containsExactly(new Ranked("/x", 2), new Ranked("/q", 1));
  }

  @Test
  void emptyInputIsZerosAndNulls() {
    TrafficStats empty = new StatsAccumulator(10, 10).result();
    assertThat(empty.requests()).isZero();
    assertThat(empty.malformed()).isZero();
    assertThat(empty.bytes()).isEqualTo(new ByteStats(0, null, null, null));
    assertThat(empty.status()).isEmpty();
    assertThat(empty.topEndpoints()).isEmpty();
    assertThat(empty.frequentIps()).isEmpty();
    assertThat(empty.lastBatch()).isNull();
    assertThat(empty.sinceMillis()).isNull();
  }

  @Test
  void tiesAreOrderedByName() {
    TrafficStats stats = stats(table(
        line("z", "/b", 200, 1), line("z", "/a", 200, 1), line("y", "/c", 200, 1),
        line("y", "/c", 200, 1), line("x", "/d", 200, 1)));
    assertThat(stats.topEndpoints()).containsExactly(
        new Ranked("/c", 2), new Ranked("/a", 1), new Ranked("/b", 1), new Ranked("/d", 1));
    assertThat(stats.frequentIps()).containsExactly(new Ranked("y", 2), new Ranked("z", 2));
  }

  @Test
  void topRankingKeepsOnlyTheBestAndMergesExactly() {
    TopRanking first = new TopRanking(2);
    TopRanking second = new TopRanking(2);
    first.offer(new Ranked("a", 5));
    first.offer(new Ranked("b", 1));
    first.offer(new Ranked("c", 3));
    second.offer(new Ranked("d", 4));
    second.offer(new Ranked("e", 3));
    first.merge(second);
    assertThat(first.toList()).containsExactly(new Ranked("a", 5), new Ranked("d", 4));
  }

  @Test
  void errorsAndBlanksAndOversizedLines() {
    TrafficStats stats = stats(table(
        line("a", "/x", 404, 1), line("a", "/x", 500, 1), line("a", "/ok", 200, 1), "   ", "\r",
        TallyTable.OVERSIZED_LINE));
    assertThat(stats.requests()).isEqualTo(3);
    assertThat(stats.malformed()).isEqualTo(1);
    assertThat(stats.oversized()).isEqualTo(1);
    assertThat(stats.topErrorEndpoints()).containsExactly(new Ranked("/x", 2));
    assertThat(stats.status()).isEqualTo(Map.of("200", 1L, "404", 1L, "500", 1L));
    assertThat(stats.countOfClass(4)).isEqualTo(1);
    assertThat(stats.countOfClass(5)).isEqualTo(1);
  }

  @Test
  void durationsAsPeopleWriteThem() {
    assertThat(DurationText.parse("500ms")).hasMillis(500);
    assertThat(DurationText.parse("30s")).hasSeconds(30);
    assertThat(DurationText.parse("5m")).hasMinutes(5);
    assertThat(DurationText.parse("1h")).hasHours(1);
    assertThat(DurationText.format(DurationText.parse("90s"))).isEqualTo("90s");
    assertThat(DurationText.format(DurationText.parse("120s"))).isEqualTo("2m");
    for (String bad : new String[] {"0s", "-5s", "10", "5x", "s", "1.5s", "PT30S", ""}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> DurationText.parse(bad))
          .as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  /** A line of a vhost format with a time in microseconds. */
  static String timed(String host, String ip, String path, long micros) {
    return host + ":443 " + ip + " - - [07/Mar/2004:16:05:49 -0800] \"GET " + path + " HTTP/1.1\" 200 10 " + micros;
  }

  private static TallyTable timedTable(String... lines) {
    TallyTable table = new TallyTable(logmon.core.format.LineParser.of(
        "%v:%p %h %l %u %t \"%r\" %>s %O %D"));
    for (String line : lines) {
      table.addLine(line);
    }
    return table;
  }

  @Test
  void theNewStatisticsMergeInAnyGroupingToo() {
    String[] lines = new String[60];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = timed(i % 4 == 0 ? "b.example" : "a.example", "10.0.0." + (i % 9), "/e" + (i % 5), 1_000L * (i + 1));
    }
    TrafficStats whole = stats(timedTable(lines));
    TrafficStats split = stats(merged(timedTable(java.util.Arrays.copyOfRange(lines, 0, 7)),
        timedTable(java.util.Arrays.copyOfRange(lines, 7, 31)), timedTable(java.util.Arrays.copyOfRange(lines, 31, 60))));
    assertThat(split).isEqualTo(whole);
    assertThat(whole.of(Statistics.UNIQUE_CLIENTS)).isEqualTo(9L);
    assertThat(whole.of(Statistics.HOSTS)).containsExactly(new Ranked("a.example", 45), new Ranked("b.example", 15));
    ResponseTimes.Summary times = whole.of(Statistics.RESPONSE_TIMES);
    assertThat(times.count()).isEqualTo(60);
    assertThat(times.avgMs()).isEqualTo(30.5);
    assertThat(times.maxMs()).isEqualTo(60.0);
    assertThat(times.p50Ms()).isCloseTo(30.0, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(times.p99Ms()).isCloseTo(60.0, org.assertj.core.data.Percentage.withPercentage(1));
    // /e4 has the lines 5, 10 … 60 ms: the slowest on average.
    SlowEndpoints.Slow slowest = whole.of(Statistics.SLOW_ENDPOINTS).get(0);
    assertThat(slowest.endpoint()).isEqualTo("/e4");
    assertThat(slowest.count()).isEqualTo(12);
    assertThat(slowest.avgMs()).isEqualTo(32.5);
    assertThat(slowest.maxMs()).isEqualTo(60.0);
    // p95 of 12 times is the 11th (55 ms), p99 the 12th (60 ms), within the histogram's 1%.
    assertThat(slowest.p95Ms()).isCloseTo(55.0, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(slowest.p99Ms()).isCloseTo(60.0, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(whole.of(Statistics.FORMATS).dominant()).isEqualTo("custom");
    // Window mode ranks in a task and sends the statistics to the driver: they must serialise.
    assertThat(serialisedAndBack(whole)).isEqualTo(whole);
  }

  private static Object serialisedAndBack(Object value) {
    try {
      var bytes = new java.io.ByteArrayOutputStream();
      try (var out = new java.io.ObjectOutputStream(bytes)) {
        out.writeObject(value);
      }
      try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
        return in.readObject();
      }
    } catch (java.io.IOException | ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aLogWithoutTimesHasNoResponseTimesAndNoHosts() {
    TrafficStats stats = stats(table(line("a", "/x", 200, 10)));
    assertThat(stats.of(Statistics.RESPONSE_TIMES)).isNull();
    assertThat(stats.of(Statistics.SLOW_ENDPOINTS)).isEmpty();
    assertThat(stats.of(Statistics.HOSTS)).isEmpty();
    assertThat(stats.of(Statistics.UNIQUE_CLIENTS)).isEqualTo(1L);
    assertThat(stats.of(Statistics.FORMATS).dominant()).isEqualTo("common");
  }
}
