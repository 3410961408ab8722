package logmon.core;

import java.util.List;
import java.util.SortedMap;
import logmon.core.stats.Results;
import logmon.core.stats.Statistic;
import logmon.core.stats.Statistics;

/**
 * The statistics of one view (a window, or everything since start), ready to display.
 *
 * @param status     response code to count, in code order
 * @param frequentIps every client seen more than the threshold, not capped
 * @param batches    the batches the view spans, oldest first (only the last one in cumulative mode)
 * @param sinceMillis epoch millis of the earliest batch counted, or null before the first batch
 * @param sourceLines lines (parsed or malformed) per source name
 * @param ipThreshold frequentIps lists clients seen more than this many times
 * @param shed       lines dropped unread under overload ({@code --overload shed})
 * @param results    the results of every {@link logmon.core.stats.Statistic}
 */
public record TrafficStats(
    long requests,
    long malformed,
    long oversized,
    ByteStats bytes,
    SortedMap<String, Long> status,
    List<Ranked> topEndpoints,
    List<Ranked> topErrorEndpoints,
    List<Ranked> frequentIps,
    List<BatchCount> batches,
    Long sinceMillis,
    SortedMap<String, Long> sourceLines,
    long ipThreshold,
    long shed,
    Results results) implements java.io.Serializable {

  /** With nothing shed, and the statistics' results empty (renderer tests). */
  public TrafficStats(long requests, long malformed, long oversized, ByteStats bytes,
      SortedMap<String, Long> status, List<Ranked> topEndpoints, List<Ranked> topErrorEndpoints,
      List<Ranked> frequentIps, List<BatchCount> batches, Long sinceMillis, SortedMap<String, Long> sourceLines,
      long ipThreshold) {
    this(requests, malformed, oversized, bytes, status, topEndpoints, topErrorEndpoints, frequentIps, batches,
        sinceMillis, sourceLines, ipThreshold, 0, (Long) null);
  }

  /** With what was shed and the newest log time known, the other statistics' results empty (renderer tests). */
  public TrafficStats(long requests, long malformed, long oversized, ByteStats bytes,
      SortedMap<String, Long> status, List<Ranked> topEndpoints, List<Ranked> topErrorEndpoints,
      List<Ranked> frequentIps, List<BatchCount> batches, Long sinceMillis, SortedMap<String, Long> sourceLines,
      long ipThreshold, long shed, Long newestLogSecond) {
    this(requests, malformed, oversized, bytes, status, topEndpoints, topErrorEndpoints, frequentIps, batches,
        sinceMillis, sourceLines, ipThreshold, shed, Results.empty(new Statistic.Limits(topEndpoints.size(), ipThreshold))
            .with(Statistics.NEWEST_LOG_TIME, newestLogSecond));
  }

  /** The result of one of the {@link logmon.core.stats.Statistics}. */
  public <R> R of(Statistic<R> statistic) {
    return results.get(statistic);
  }

  /** The newest log timestamp counted (epoch seconds), or null: how far behind the view is. */
  public Long newestLogSecond() {
    return of(Statistics.NEWEST_LOG_TIME);
  }

  /** The newest batch, or null before the first one. */
  public BatchCount lastBatch() {
    return batches.isEmpty() ? null : batches.get(batches.size() - 1);
  }

  public long countOfClass(int hundreds) {
    long total = 0;
    for (var entry : status.entrySet()) {
      if (entry.getKey().charAt(0) - '0' == hundreds) {
        total += entry.getValue();
      }
    }
    return total;
  }
}
