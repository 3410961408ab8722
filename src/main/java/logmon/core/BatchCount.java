package logmon.core;

import java.io.Serializable;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one batch brought, named by the batch's epoch millis: parsed requests and malformed lines;
 * the parsed lines {@code --where} left out (which flow control counts as read like any other);
 * and (for counters that must add each batch once, {@code --metrics}) its response bytes, shed
 * lines, requests per response code, and requests per response-time bucket (its lowest value in
 * microseconds, HdrHistogram's, as {@link logmon.core.stats.ResponseTimes} counts them).
 */
public record BatchCount(long batchTimeMillis, long requests, long malformed, long unmatched, long bytes, long shed,
    SortedMap<String, Long> status, SortedMap<Long, Long> times) implements Serializable {

  public BatchCount(long batchTimeMillis, long requests, long malformed, long unmatched, long bytes, long shed,
      SortedMap<String, Long> status) {
    this(batchTimeMillis, requests, malformed, unmatched, bytes, shed, status, Collections.emptySortedMap());
  }

  /** Requests and malformed lines only (renderer tests). */
  public BatchCount(long batchTimeMillis, long requests, long malformed) {
    this(batchTimeMillis, requests, malformed, 0);
  }

  public BatchCount(long batchTimeMillis, long requests, long malformed, long unmatched) {
    this(batchTimeMillis, requests, malformed, unmatched, 0, 0, Collections.emptySortedMap());
  }

  public BatchCount(long batchTimeMillis, long requests, long malformed, long bytes, long shed,
      SortedMap<String, Long> status) {
    this(batchTimeMillis, requests, malformed, 0, bytes, shed, status);
  }

  public BatchCount plus(BatchCount other) {
    TreeMap<String, Long> codes = new TreeMap<>(status);
    other.status.forEach((code, count) -> codes.merge(code, count, Long::sum));
    SortedMap<Long, Long> buckets = times;
    if (!other.times.isEmpty()) {
      TreeMap<Long, Long> merged = new TreeMap<>(times);
      other.times.forEach((bucket, count) -> merged.merge(bucket, count, Long::sum));
      buckets = merged;
    }
    return new BatchCount(batchTimeMillis, requests + other.requests, malformed + other.malformed,
        unmatched + other.unmatched, bytes + other.bytes, shed + other.shed, codes, buckets);
  }

  /** Every line of the batch that was read: counted, malformed or filtered out. */
  public long lines() {
    return requests + malformed + unmatched;
  }
}
