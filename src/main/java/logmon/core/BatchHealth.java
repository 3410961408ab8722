package logmon.core;

/**
 * Whether logmon keeps up, from the last completed batch: processing time near the batch
 * interval, or a growing scheduling delay, means it is falling behind. Fields are null before
 * the first batch completes.
 *
 * @param throttled  the receivers were held back during the batch: the source offered more than
 *                   logmon read (the lines wait in the source, or are shed)
 * @param rateLimit  lines/s all receivers together may read now; null without receivers
 * @param lagSeconds now minus the newest counted line's own timestamp; null when unknown
 */
public record BatchHealth(Long processingMillis, Long schedulingDelayMillis, Long totalDelayMillis,
    long batchesCompleted, Boolean throttled, Long rateLimit, Long lagSeconds) {

  public static final BatchHealth NONE = new BatchHealth(null, null, null, 0);

  /** Health with no flow-control figures (before flow control reports, and renderer tests). */
  public BatchHealth(Long processingMillis, Long schedulingDelayMillis, Long totalDelayMillis,
      long batchesCompleted) {
    this(processingMillis, schedulingDelayMillis, totalDelayMillis, batchesCompleted, null, null, null);
  }

  public boolean isThrottled() {
    return Boolean.TRUE.equals(throttled);
  }

  public BatchHealth withLag(Long seconds) {
    return new BatchHealth(processingMillis, schedulingDelayMillis, totalDelayMillis, batchesCompleted,
        throttled, rateLimit, seconds);
  }
}
