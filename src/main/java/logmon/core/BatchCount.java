package logmon.core;

import java.io.Serializable;

/** Parsed requests and malformed lines of one batch, named by the batch's epoch millis. */
public record BatchCount(long batchTimeMillis, long requests, long malformed) implements Serializable {

  public BatchCount plus(BatchCount other) {
    return new BatchCount(batchTimeMillis, requests + other.requests, malformed + other.malformed);
  }
}
