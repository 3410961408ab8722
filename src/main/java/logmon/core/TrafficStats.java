package logmon.core;

import java.util.List;
import java.util.SortedMap;
import logmon.core.stats.Results;
import logmon.core.stats.Statistic;

/**
 * The statistics of one view (a window, or everything since start), ready to display.
 *
 * @param status     response code to count, in code order
 * @param frequentIps every client seen more than the threshold, not capped
 * @param batches    the batches the view spans, oldest first (only the last one in cumulative mode)
 * @param sinceMillis epoch millis of the earliest batch counted, or null before the first batch
 * @param sourceLines lines (parsed or malformed) per source name
 * @param ipThreshold frequentIps lists clients seen more than this many times
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
    Results results) implements java.io.Serializable {

  /** Without the statistics' results (they are empty). */
  public TrafficStats(long requests, long malformed, long oversized, ByteStats bytes,
      SortedMap<String, Long> status, List<Ranked> topEndpoints, List<Ranked> topErrorEndpoints,
      List<Ranked> frequentIps, List<BatchCount> batches, Long sinceMillis, SortedMap<String, Long> sourceLines,
      long ipThreshold) {
    this(requests, malformed, oversized, bytes, status, topEndpoints, topErrorEndpoints, frequentIps, batches,
        sinceMillis, sourceLines, ipThreshold, Results.empty(new Statistic.Limits(topEndpoints.size(), ipThreshold)));
  }

  /** The result of one of the {@link logmon.core.stats.Statistics}. */
  public <R> R of(Statistic<R> statistic) {
    return results.get(statistic);
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
