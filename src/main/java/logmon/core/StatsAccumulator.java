package logmon.core;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import logmon.core.stats.Results;
import logmon.core.stats.Statistic;

/**
 * Turns reduced (StatKey, Tally) pairs into {@link TrafficStats}. Each Spark partition fills one
 * accumulator; the driver merges them. Exact as long as every key reaches exactly one
 * accumulator, which holds after a reduce by key.
 */
public final class StatsAccumulator implements Serializable {

  private final long ipThreshold;
  private Tally requests = Tally.EMPTY;
  private long malformed;
  private long oversized;
  private long shed;
  private long sinceMillis = Long.MAX_VALUE;
  private final TreeMap<String, Long> status = new TreeMap<>();
  private final TreeMap<Long, BatchCount> batches = new TreeMap<>();
  private final TreeMap<String, Long> sourceLines = new TreeMap<>();
  private final TopRanking topEndpoints;
  private final TopRanking topErrorEndpoints;
  private final List<Ranked> frequentIps = new ArrayList<>();
  private final Results.Parts statistics;

  public StatsAccumulator(int top, long ipThreshold) {
    this(top, ipThreshold, List.of());
  }

  /** @param topBy the {@code --top FIELD[,FIELD]} rankings, by name */
  public StatsAccumulator(int top, long ipThreshold, List<String> topBy) {
    this.ipThreshold = ipThreshold;
    this.statistics = new Results.Parts(new Statistic.Limits(top, ipThreshold, topBy));
    this.topEndpoints = new TopRanking(top);
    this.topErrorEndpoints = new TopRanking(top);
  }

  public void add(StatKey key, Tally tally) {
    statistics.add(key, tally);
    switch (key.kind()) {
      case REQUESTS -> requests = requests.merge(tally);
      case MALFORMED -> malformed += tally.count();
      case OVERSIZED -> oversized += tally.count();
      case STATUS -> status.merge(key.name(), tally.count(), Long::sum);
      case ENDPOINT -> topEndpoints.offer(new Ranked(key.name(), tally.count()));
      case ERROR_ENDPOINT -> topErrorEndpoints.offer(new Ranked(key.name(), tally.count()));
      case CLIENT -> {
        if (tally.count() > ipThreshold) {
          frequentIps.add(new Ranked(key.name(), tally.count()));
        }
      }
      case BATCH_REQUESTS -> addBatch(new BatchCount(Long.parseLong(key.name()), tally.count(), 0));
      case BATCH_MALFORMED -> addBatch(new BatchCount(Long.parseLong(key.name()), 0, tally.count()));
      case BATCH_STATUS -> {
        int space = key.name().indexOf(' ');
        addBatch(new BatchCount(Long.parseLong(key.name().substring(0, space)), 0, 0, 0, 0,
            new java.util.TreeMap<>(java.util.Map.of(key.name().substring(space + 1), tally.count()))));
      }
      case BATCH_BYTES -> addBatch(new BatchCount(Long.parseLong(key.name()), 0, 0, tally.count(), 0,
          java.util.Collections.emptySortedMap()));
      case BATCH_SHED -> addBatch(new BatchCount(Long.parseLong(key.name()), 0, 0, 0, tally.count(),
          java.util.Collections.emptySortedMap()));
      case SINCE -> sinceMillis = Math.min(sinceMillis, tally.min());
      case SOURCE_LINES -> sourceLines.merge(key.name(), tally.count(), Long::sum);
      case SHED -> shed += tally.count();
      case BATCH_UNMATCHED -> addBatch(new BatchCount(Long.parseLong(key.name()), 0, 0, tally.count()));
      case BATCH_TIMES -> {
        int space = key.name().indexOf(' ');
        addBatch(new BatchCount(Long.parseLong(key.name().substring(0, space)), 0, 0, 0, 0, 0,
            java.util.Collections.emptySortedMap(),
            new java.util.TreeMap<>(java.util.Map.of(Long.parseLong(key.name().substring(space + 1)), tally.count()))));
      }
      case STATISTIC, UNMATCHED -> { } // above
    }
  }

  private void addBatch(BatchCount count) {
    batches.merge(count.batchTimeMillis(), count, BatchCount::plus);
  }

  public StatsAccumulator merge(StatsAccumulator other) {
    requests = requests.merge(other.requests);
    malformed += other.malformed;
    oversized += other.oversized;
    shed += other.shed;
    sinceMillis = Math.min(sinceMillis, other.sinceMillis);
    other.status.forEach((code, count) -> status.merge(code, count, Long::sum));
    other.batches.values().forEach(this::addBatch);
    other.sourceLines.forEach((name, count) -> sourceLines.merge(name, count, Long::sum));
    topEndpoints.merge(other.topEndpoints);
    topErrorEndpoints.merge(other.topErrorEndpoints);
    frequentIps.addAll(other.frequentIps);
    statistics.merge(other.statistics);
    return this;
  }

  public TrafficStats result() {
    List<Ranked> ips = new ArrayList<>(frequentIps);
    ips.sort(Ranked.BY_COUNT_THEN_NAME);
    return new TrafficStats(
        requests.count(),
        malformed,
        oversized,
        ByteStats.of(requests),
        Collections.unmodifiableSortedMap(new TreeMap<>(status)),
        topEndpoints.toList(),
        topErrorEndpoints.toList(),
        List.copyOf(ips),
        List.copyOf(batches.values()),
        sinceMillis == Long.MAX_VALUE ? null : sinceMillis,
        Collections.unmodifiableSortedMap(new TreeMap<>(sourceLines)),
        ipThreshold,
        shed,
        statistics.result());
  }
}
