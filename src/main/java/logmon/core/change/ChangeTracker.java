package logmon.core.change;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.SortedMap;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import logmon.core.Mode;
import logmon.core.Snapshot;
import logmon.core.TrafficStats;
import logmon.core.stats.ResponseTimes;
import logmon.core.stats.Statistics;

/**
 * "What changed": compares each snapshot with the run's earlier ones, kept here on the driver.
 *
 * <ul>
 *   <li>Window mode: with the snapshot of one window-length earlier (window/slide snapshots back),
 *       whose window ended where this one starts: the previous window, not an overlapping one. The
 *       headline compares the two windows' requests, 5xx shares and p99s.
 *   <li>Cumulative mode: rankings with the ranking as it stood {@link #CUMULATIVE_RANKING_SPAN}
 *       earlier (so every key first seen in the last minute that made a ranking is new); the
 *       headline compares the last {@code recentSpan} of traffic with the {@code recentSpan}
 *       before it, as differences of running totals; the p99s are those of the differences of the
 *       running response-time histograms (the same 1% buckets).
 * </ul>
 *
 * Until the run reaches that far back there is nothing to compare with ({@link Comparison#NONE}
 * parts): marking every entry of the first window as new would say nothing. A restart is a new
 * driver, so a new tracker: it compares nothing until it reaches back again. Holds the rankings
 * of one period of snapshots (a 30 s window at 1 s slides: 30; in cumulative mode also their
 * response-time buckets). Not thread-safe: one batch at a time.
 */
public final class ChangeTracker {

  public static final Duration CUMULATIVE_RANKING_SPAN = Duration.ofMinutes(1);

  /** @param buckets cumulative mode: the running response-time histogram (empty without times) */
  private record Entry(long timeMillis, Map<String, List<String>> rankings, long requests, long count5xx,
      Double p99Ms, SortedMap<Long, Long> buckets) {}

  private final long recentMillis;
  private final Deque<Entry> history = new ArrayDeque<>();

  /** @param recentSpan the period cumulative mode's headline compares ({@code --alert-window}) */
  public ChangeTracker(Duration recentSpan) {
    this.recentMillis = recentSpan.toMillis();
  }

  public Comparison next(Snapshot snapshot) {
    long time = snapshot.time().toEpochMilli();
    Entry now = entry(snapshot);
    Comparison comparison;
    long keep;
    if (snapshot.view().mode() == Mode.WINDOW) {
      long window = snapshot.view().window().toMillis();
      Entry before = newestAtOrBefore(time - window);
      comparison = before == null ? Comparison.NONE
          : new Comparison(snapshot.view().window(), period(now), period(before), compare(before, now));
      keep = window;
    } else {
      Entry rankingBase = newestAtOrBefore(time - CUMULATIVE_RANKING_SPAN.toMillis());
      Entry middle = newestAtOrBefore(time - recentMillis);
      Entry oldest = newestAtOrBefore(time - 2 * recentMillis);
      boolean headline = middle != null && oldest != null && grows(oldest, middle) && grows(middle, now);
      comparison = new Comparison(headline ? Duration.ofMillis(recentMillis) : null,
          headline ? difference(middle, now) : null, headline ? difference(oldest, middle) : null,
          rankingBase == null ? Map.of() : compare(rankingBase, now));
      keep = Math.max(CUMULATIVE_RANKING_SPAN.toMillis(), 2 * recentMillis);
    }
    history.addLast(now);
    forgetBefore(time - keep);
    return comparison;
  }

  private static Entry entry(Snapshot snapshot) {
    TrafficStats traffic = snapshot.traffic();
    ResponseTimes.Summary times = traffic.of(Statistics.RESPONSE_TIMES);
    boolean window = snapshot.view().mode() == Mode.WINDOW;
    Double p99 = window && times != null ? times.p99Ms() : null;
    SortedMap<Long, Long> buckets = window || times == null ? Collections.emptySortedMap() : times.buckets();
    return new Entry(snapshot.time().toEpochMilli(), Rankings.of(traffic), traffic.requests(),
        traffic.countOfClass(5), p99, buckets);
  }

  private static Period period(Entry entry) {
    return Period.of(entry.requests(), entry.count5xx(), entry.p99Ms());
  }

  /** The traffic between two cumulative snapshots. */
  private static Period difference(Entry from, Entry to) {
    return Period.of(to.requests() - from.requests(), to.count5xx() - from.count5xx(),
        p99Between(from.buckets(), to.buckets()));
  }

  /**
   * The p99 (ms) of the requests counted between two running histograms: the bucket where 99% of
   * the difference is reached, at its middle; null when no request with a time came between.
   */
  static Double p99Between(SortedMap<Long, Long> from, SortedMap<Long, Long> to) {
    long total = 0;
    for (Map.Entry<Long, Long> bucket : to.entrySet()) {
      total += bucket.getValue() - from.getOrDefault(bucket.getKey(), 0L);
    }
    if (total <= 0) {
      return null;
    }
    long rank = (long) Math.ceil(total * 0.99);
    long seen = 0;
    for (Map.Entry<Long, Long> bucket : to.entrySet()) {
      seen += bucket.getValue() - from.getOrDefault(bucket.getKey(), 0L);
      if (seen >= rank) {
        long lowest = bucket.getKey();
        return (lowest + ResponseTimes.bucketHighestMicros(lowest)) / 2.0 / 1000;
      }
    }
    return null;
  }

  /** Running totals only grow within a run; if not, the two are not of one run. */
  private static boolean grows(Entry from, Entry to) {
    return to.requests() >= from.requests() && to.count5xx() >= from.count5xx();
  }

  private static Map<String, RankingChanges> compare(Entry before, Entry now) {
    Map<String, RankingChanges> changes = new LinkedHashMap<>();
    now.rankings().forEach((name, keys) ->
        changes.put(name, RankingChanges.compare(before.rankings().getOrDefault(name, List.of()), keys)));
    return changes;
  }

  private Entry newestAtOrBefore(long timeMillis) {
    Entry found = null;
    for (Entry entry : history) {
      if (entry.timeMillis() > timeMillis) {
        break;
      }
      found = entry;
    }
    return found;
  }

  /** Keeps the newest entry at or before {@code timeMillis} (a later snapshot may compare with it) and all after. */
  private void forgetBefore(long timeMillis) {
    while (history.size() >= 2) {
      Iterator<Entry> entries = history.iterator();
      entries.next();
      if (entries.next().timeMillis() > timeMillis) {
        return;
      }
      history.removeFirst();
    }
  }
}
