package logmon.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import logmon.core.Ranked;
import logmon.core.StatsAccumulator;
import logmon.core.TallyTable;
import logmon.core.TrafficStats;
import logmon.core.format.LineParser;
import logmon.core.query.Ranking;
import org.junit.jupiter.api.Test;

/**
 * {@code --top FIELD[,FIELD]} and the built-in rankings (user agents, referrers, 404 paths): exact
 * counts, ties in key order, lines lacking a field left out, and the same result however the lines
 * are cut into tables and merged (as partitions, windows and state merge them).
 */
class RankingsTest {

  private static final String FORMAT = "nginx";
  private static final List<String> TOP_BY = List.of("agent", "status,path", "http_x_forwarded_for");

  static String line(String client, String path, int status, String referer, String agent, String forwarded) {
    return client + " - - [04/Dec/2026:21:00:00 +0000] \"GET " + path + " HTTP/1.1\" " + status + " 5 \""
        + referer + "\" \"" + agent + "\" \"" + forwarded + "\"";
  }

  static final List<String> LINES = List.of(
      line("10.0.0.1", "/a", 200, "-", "curl/8", "-"),
      line("10.0.0.1", "/a", 200, "https://x/", "curl/8", "203.0.113.9"),
      line("10.0.0.2", "/b?q=1", 404, "https://x/", "Mozilla", "-"),
      line("10.0.0.2", "/b?q=2", 404, "https://y/", "Mozilla", "-"),
      line("10.0.0.3", "/gone", 404, "-", "bot: a:b", "-"),
      // a key holding the separators the encoding uses
      line("10.0.0.3", "/7:x", 200, "-", "curl/8", "-"),
      // no path: left out of status,path only
      "10.0.0.4 - - [04/Dec/2026:21:00:00 +0000] \"-\" 400 0 \"-\" \"curl/8\" \"-\"");

  private static TallyTable table(List<String> lines) {
    LineParser parser = LineParser.of(FORMAT);
    List<Ranking> rankings = TOP_BY.stream().map(s -> Ranking.compile(s, LineParser.formats(FORMAT))).toList();
    TallyTable table = new TallyTable(parser, null, rankings);
    lines.forEach(table::addLine);
    return table;
  }

  private static TrafficStats stats(TallyTable... tables) {
    TallyTable merged = new TallyTable();
    for (TallyTable t : tables) {
      merged.merge(t);
    }
    StatsAccumulator accumulator = new StatsAccumulator(3, 0, TOP_BY);
    merged.forEach(accumulator::add);
    return accumulator.result();
  }

  @Test
  void eachRankingCountsItsFieldsExactly() {
    TrafficStats stats = stats(table(LINES));
    Map<String, List<Keyed>> topBy = stats.of(Statistics.TOP_BY);
    assertThat(topBy.keySet()).containsExactly("agent", "status,path", "http_x_forwarded_for");
    assertThat(topBy.get("agent")).containsExactly(
        new Keyed(List.of("curl/8"), 4), new Keyed(List.of("Mozilla"), 2), new Keyed(List.of("bot: a:b"), 1));
    // path without the query string: /b twice; ties by status, then path
    assertThat(topBy.get("status,path")).containsExactly(
        new Keyed(List.of("200", "/a"), 2), new Keyed(List.of("404", "/b"), 2), new Keyed(List.of("200", "/7:x"), 1));
    assertThat(topBy.get("http_x_forwarded_for")).containsExactly(
        new Keyed(List.of("-"), 6), new Keyed(List.of("203.0.113.9"), 1));
    assertThat(stats.of(Statistics.TOP_AGENTS)).containsExactly(
        new Ranked("curl/8", 4), new Ranked("Mozilla", 2), new Ranked("bot: a:b", 1));
    assertThat(stats.of(Statistics.TOP_REFERERS)).as("'-' is no referrer")
        .containsExactly(new Ranked("https://x/", 2), new Ranked("https://y/", 1));
    assertThat(stats.of(Statistics.TOP_404)).containsExactly(
        new Ranked("/b?q=1", 1), new Ranked("/b?q=2", 1), new Ranked("/gone", 1));
  }

  @Test
  void cuttingTheLinesAnyWayGivesTheSameRankings() {
    TrafficStats whole = stats(table(LINES));
    for (int cut = 0; cut <= LINES.size(); cut++) {
      TrafficStats pieces = stats(table(LINES.subList(0, cut)), table(LINES.subList(cut, LINES.size())));
      assertThat(pieces.results()).as("cut at %d", cut).isEqualTo(whole.results());
    }
  }

  @Test
  void withoutRankingsTopByIsEmptyAndFormatsWithoutAFieldGiveEmptyLists() {
    TallyTable table = new TallyTable(LineParser.of("common"));
    table.addLine("10.0.0.1 - - [04/Dec/2026:21:00:00 +0000] \"GET /x HTTP/1.1\" 404 5");
    StatsAccumulator accumulator = new StatsAccumulator(3, 0);
    table.forEach(accumulator::add);
    TrafficStats stats = accumulator.result();
    assertThat(stats.of(Statistics.TOP_BY)).isEmpty();
    assertThat(stats.of(Statistics.TOP_AGENTS)).isEmpty();
    assertThat(stats.of(Statistics.TOP_404)).containsExactly(new Ranked("/x", 1));
  }
}
