package logmon.core;

import java.io.Serializable;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one batch brought, named by the batch's epoch millis: parsed requests and malformed lines,
 * and (for counters that must add each batch once, {@code --metrics}) its response bytes, shed
 * lines and requests per response code.
 */
public record BatchCount(long batchTimeMillis, long requests, long malformed, long bytes, long shed,
    SortedMap<String, Long> status) implements Serializable {

  /** Requests and malformed lines only (renderer tests). */
  public BatchCount(long batchTimeMillis, long requests, long malformed) {
    this(batchTimeMillis, requests, malformed, 0, 0, Collections.emptySortedMap());
  }

  public BatchCount plus(BatchCount other) {
    TreeMap<String, Long> codes = new TreeMap<>(status);
    other.status.forEach((code, count) -> codes.merge(code, count, Long::sum));
    return new BatchCount(batchTimeMillis, requests + other.requests, malformed + other.malformed,
        bytes + other.bytes, shed + other.shed, codes);
  }
}
