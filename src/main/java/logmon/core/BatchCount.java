package logmon.core;

import java.io.Serializable;

/**
 * Parsed requests and malformed lines of one batch, named by the batch's epoch millis, and the
 * parsed lines {@code --where} left out (which flow control counts as read like any other).
 */
public record BatchCount(long batchTimeMillis, long requests, long malformed, long unmatched) implements Serializable {

  public BatchCount(long batchTimeMillis, long requests, long malformed) {
    this(batchTimeMillis, requests, malformed, 0);
  }

  public BatchCount plus(BatchCount other) {
    return new BatchCount(batchTimeMillis, requests + other.requests, malformed + other.malformed,
        unmatched + other.unmatched);
  }

  /** Every line of the batch that was read: counted, malformed or filtered out. */
  public long lines() {
    return requests + malformed + unmatched;
  }
}
