package logmon.core.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import logmon.core.BatchCount;
import logmon.core.BatchHealth;
import logmon.core.ByteStats;
import logmon.core.Ranked;
import logmon.core.Snapshot;
import logmon.core.SourceStatus;
import logmon.core.TrafficStats;
import logmon.core.ViewSpec;
import logmon.core.stats.Keyed;
import logmon.core.stats.ResponseTimes;
import logmon.core.stats.Results;
import logmon.core.stats.Statistic;
import logmon.core.stats.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * "What changed", as tables: rankings of successive snapshots in, each entry's previous place (or
 * "new", or "?" with nothing to compare with) out.
 */
class ChangeTrackerTest {

  private static final Instant START = Instant.parse("2026-12-04T12:00:00Z");
  private static final SourceStatus SOURCE = new SourceStatus("127.0.0.1:9999", SourceStatus.State.CONNECTED, null);
  /** A 3 s window sliding every second: it compares with the snapshot 3 snapshots back. */
  private static final ViewSpec WINDOW =
      ViewSpec.window(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(1));

  /**
   * Each row: the endpoints ranked one window earlier (the snapshot at second 0), the ranking now
   * (second 3), and what each entry of it is marked with, in its order.
   */
  @ParameterizedTest(name = "[{0}] then [{1}]")
  @CsvSource(delimiter = '|', value = {
      // an entry entering: new; the others keep their previous place
      "a b       | a c b     | a=1 c=new b=2",
      // an entry leaving: it is simply not there; the one below moves up
      "a b c     | a c       | a=1 c=3",
      // the previous window was empty (no traffic): everything is new
      "''        | a b       | a=new b=new",
      // now empty: nothing to mark
      "a b       | ''        | ''",
      // ties: equal counts are ranked by name, so b tied with the new a has place 2
      "b         | a b       | a=new b=1",
      // a falling entry keeps its previous place
      "a b c d e | b c d e a | b=2 c=3 d=4 e=5 a=1",
  })
  void marksEachEntryAgainstTheRankingOneWindowEarlier(String before, String now, String expected) {
    ChangeTracker tracker = new ChangeTracker(Duration.ofSeconds(30));
    tracker.next(window(0, before));
    tracker.next(window(1, "x"));
    tracker.next(window(2, "y"));
    Comparison changes = tracker.next(window(3, now));
    assertThat(describe(changes, Rankings.ENDPOINTS, now)).isEqualTo(expected);
  }

  @Test
  void comparesWithTheWindowThatEndedWhereThisOneStarts() {
    ChangeTracker tracker = new ChangeTracker(Duration.ofSeconds(30));
    List<String> marks = new ArrayList<>();
    String[] rankings = {"a", "b", "c", "d", "a d", "b d", "c d"};
    for (int second = 0; second < rankings.length; second++) {
      marks.add(describe(tracker.next(window(second, rankings[second])), Rankings.ENDPOINTS, rankings[second]));
    }
    // Until one window has passed there is nothing to compare with; then each snapshot meets the
    // one three seconds (window/slide snapshots) before it: "a d" at 4 meets "b" (not "d", the
    // snapshot just before), and "c d" at 6 meets "d".
    assertThat(marks).containsExactly("a=?", "b=?", "c=?", "d=new", "a=new d=new", "b=new d=new", "c=new d=1");
  }

  @ParameterizedTest(name = "place {0} → {1}: {2}")
  @CsvSource({
      "1, 1, NONE", "4, 1, UP", "3, 1, NONE", "1, 4, DOWN", "1, 3, NONE", "10, 4, UP", "4, 10, DOWN"})
  void bigMovesAreThreePlacesOrMore(int before, int now, RankChange.Mark mark) {
    assertThat(new RankChange(now, false, before).mark()).isEqualTo(mark);
    assertThat(new RankChange(now, true, null).mark()).isEqualTo(RankChange.Mark.NEW);
    assertThat(RankChange.UNKNOWN.mark()).isEqualTo(RankChange.Mark.NONE);
  }

  @Test
  void everyRankingIsCompared() {
    ChangeTracker tracker = new ChangeTracker(Duration.ofSeconds(30));
    tracker.next(withStatistics(0, List.of("curl"), List.of(List.of("200", "/a")), List.of("10.0.0.1")));
    tracker.next(window(1, "x"));
    tracker.next(window(2, "x"));
    Comparison changes = tracker.next(withStatistics(3, List.of("bot", "curl"),
        List.of(List.of("500", "/a"), List.of("200", "/a")), List.of("10.0.0.2", "10.0.0.1")));
    assertThat(changes.at("topAgents", 0).isNew()).isTrue();
    assertThat(changes.at("topAgents", 1).previousRank()).isEqualTo(1);
    assertThat(changes.at("topBy/status,path", 0).isNew()).isTrue();
    assertThat(changes.at("topBy/status,path", 1).previousRank()).isEqualTo(1);
    assertThat(changes.of(Rankings.HOSTS, "www.example").previousRank()).isEqualTo(1);
    assertThat(changes.of(Rankings.CLIENTS, "10.0.0.2").isNew()).isTrue();
    assertThat(changes.of(Rankings.CLIENTS, "10.0.0.1").previousRank()).isEqualTo(1);
    assertThat(changes.of("topReferers", "nothing")).isEqualTo(RankChange.UNKNOWN);
  }

  @Test
  void theHeadlineComparesTheTwoWindows() {
    ChangeTracker tracker = new ChangeTracker(Duration.ofSeconds(30));
    tracker.next(headline(0, 100, 1, 530.0));
    tracker.next(headline(1, 1, 0, null));
    tracker.next(headline(2, 1, 0, null));
    Comparison changes = tracker.next(headline(3, 108, 3, 840.0));
    assertThat(changes.span()).isEqualTo(Duration.ofSeconds(3));
    assertThat(changes.before()).isEqualTo(new Period(100, 1.0, 530.0));
    assertThat(changes.requestsChangePercent()).isEqualTo(8.0);
    assertThat(changes.percent5xxChangePoints()).isCloseTo(1.78, org.assertj.core.data.Offset.offset(0.01));
    assertThat(changes.p99ChangeMs()).isEqualTo(310.0);
    // Against a window without requests or times: no ratio, no share, no p99 change.
    Comparison fromNothing = tracker.next(headline(4, 5, 0, 20.0));
    assertThat(fromNothing.requestsChangePercent()).isEqualTo(400.0);
    assertThat(tracker.next(headline(5, 5, 0, 20.0)).p99ChangeMs()).isNull();
  }

  /**
   * Cumulative mode: the headline compares the last 30 s with the 30 s before (differences of
   * running totals); rankings compare with the ranking of a minute earlier.
   */
  @Test
  void cumulativeModeComparesTheLastSpanWithTheOneBefore() {
    ChangeTracker tracker = new ChangeTracker(Duration.ofSeconds(30));
    long requests = 0;
    long errors = 0;
    Comparison changes = null;
    for (int second = 0; second <= 60; second++) {
      requests += second <= 30 ? 10 : 12;
      errors += second <= 30 ? 0 : 1;
      changes = tracker.next(cumulative(second, requests, errors, second < 45 ? "a" : "b a"));
      if (second < 60) {
        assertThat(changes.hasHeadline()).as("second %d", second).isFalse();
        assertThat(changes.rankings()).as("second %d", second).isEmpty();
      }
    }
    // (30, 60] against (0, 30]: 30 × 12 against 30 × 10 requests, 30 5xx against none.
    assertThat(changes.span()).isEqualTo(Duration.ofSeconds(30));
    assertThat(changes.now()).isEqualTo(new Period(360, 100.0 * 30 / 360, null));
    assertThat(changes.before()).isEqualTo(new Period(300, 0.0, null));
    assertThat(changes.requestsChangePercent()).isEqualTo(20.0);
    assertThat(describe(changes, Rankings.ENDPOINTS, "b a")).isEqualTo("b=new a=1");
  }

  /**
   * Cumulative mode's p99 per period, from the running histograms: 1,000 requests of 1 ms before,
   * then 100 more of which 2 took ~2 s: the last period's p99 is ~2 s (2 of 100 are above 99%),
   * the one before 1 ms.
   */
  @Test
  void cumulativeModeTakesEachPeriodsP99FromTheDifferenceOfHistograms() {
    TreeMap<Long, Long> before = new TreeMap<>(Map.of(1000L, 1_000L));
    TreeMap<Long, Long> after = new TreeMap<>(Map.of(1000L, 1_098L, 1998848L, 2L));
    assertThat(ChangeTracker.p99Between(new TreeMap<>(), before)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
    assertThat(ChangeTracker.p99Between(before, after)).isCloseTo(2002.9, org.assertj.core.data.Offset.offset(5.0));
    assertThat(ChangeTracker.p99Between(after, after)).as("nothing between").isNull();
    // One request of 100 slow: exactly at 99%, not above: the p99 is the fast bucket.
    assertThat(ChangeTracker.p99Between(before, new TreeMap<>(Map.of(1000L, 1_099L, 1998848L, 1L))))
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
  }

  /**
   * After a restart from a checkpoint the totals hold earlier runs; the tracker (on the driver,
   * not checkpointed) starts empty, so nothing is compared until it reaches back far enough.
   */
  @Test
  void cumulativeModeAfterARestartWaitsForItsOwnHistory() {
    ChangeTracker tracker = new ChangeTracker(Duration.ofSeconds(30));
    Comparison changes = null;
    for (int second = 0; second <= 60; second++) {
      changes = tracker.next(cumulative(second, 1_000_000 + 10L * second, 0, "a"));
      if (second < 60) {
        assertThat(changes.hasHeadline()).isFalse();
      }
    }
    assertThat(changes.now().requests()).isEqualTo(300);
    assertThat(changes.before().requests()).isEqualTo(300);
    assertThat(describe(changes, Rankings.ENDPOINTS, "a")).isEqualTo("a=1");
  }

  // ---- the tables' plumbing ----

  /** "a=1 c=new b=2": each entry of {@code now} with its previous place, "new", or "?" with no baseline. */
  private static String describe(Comparison changes, String ranking, String now) {
    List<String> keys = keys(now);
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      RankChange change = changes.at(ranking, i);
      assertThat(changes.of(ranking, keys.get(i))).isEqualTo(change);
      parts.add(keys.get(i) + "=" + (change.isNew() ? "new" : change.previousRank() == null ? "?"
          : change.previousRank().toString()));
      if (change != RankChange.UNKNOWN) {
        assertThat(change.rank()).isEqualTo(i + 1);
      }
    }
    return String.join(" ", parts);
  }

  private static List<String> keys(String ranking) {
    return ranking.isBlank() ? List.of() : Arrays.asList(ranking.trim().split("\\s+"));
  }

  /** Endpoints ranked in the order given (counts falling), in a 3 s window. */
  private static Snapshot window(int second, String endpoints) {
    List<String> keys = keys(endpoints);
    List<Ranked> ranked = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      ranked.add(new Ranked(keys.get(i), keys.size() - i));
    }
    return snapshot(second, WINDOW, ranked.size(), 0, ranked, List.of(), Results.empty(new Statistic.Limits(10, 10)));
  }

  private static Snapshot headline(int second, long requests, long errors, Double p99) {
    Results results = Results.empty(new Statistic.Limits(10, 10));
    if (p99 != null) {
      results = results.with(Statistics.RESPONSE_TIMES, new ResponseTimes.Summary(requests, p99 / 2, p99 / 3,
          p99 / 2, p99, p99));
    }
    return snapshot(second, WINDOW, requests, errors, List.of(), List.of(), results);
  }

  private static Snapshot cumulative(int second, long requests, long errors, String endpoints) {
    List<Ranked> ranked = keys(endpoints).stream().map(k -> new Ranked(k, 1)).toList();
    return snapshot(second, ViewSpec.cumulative(Duration.ofSeconds(1)), requests, errors, ranked, List.of(),
        Results.empty(new Statistic.Limits(10, 10)));
  }

  private static Snapshot withStatistics(int second, List<String> agents, List<List<String>> statusPaths,
      List<String> clients) {
    Map<String, List<Keyed>> topBy = new LinkedHashMap<>();
    topBy.put("status,path", statusPaths.stream().map(k -> new Keyed(k, 1)).toList());
    Results results = Results.empty(new Statistic.Limits(10, 10, List.of("status,path")))
        .with(Statistics.TOP_AGENTS, agents.stream().map(a -> new Ranked(a, 1)).toList())
        .with(Statistics.TOP_BY, topBy)
        .with(Statistics.HOSTS, List.of(new Ranked("www.example", 1)));
    return snapshot(second, WINDOW, 1, 0, List.of(),
        clients.stream().map(c -> new Ranked(c, 20)).collect(Collectors.toList()), results);
  }

  private static Snapshot snapshot(int second, ViewSpec view, long requests, long errors, List<Ranked> endpoints,
      List<Ranked> clients, Results results) {
    TreeMap<String, Long> status = new TreeMap<>();
    if (requests - errors > 0) {
      status.put("200", requests - errors);
    }
    if (errors > 0) {
      status.put("500", errors);
    }
    long batch = START.plusSeconds(second).toEpochMilli();
    TrafficStats traffic = new TrafficStats(requests, 0, 0, new ByteStats(0, null, null, null), status, endpoints,
        List.of(), clients, List.of(new BatchCount(batch, requests, 0)), batch, new TreeMap<>(Map.of()), 10, 0,
        results);
    return new Snapshot(START.plusSeconds(second), view, traffic, BatchHealth.NONE, SOURCE, List.of(SOURCE));
  }
}
