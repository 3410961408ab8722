package logmon.core;

/**
 * Whether logmon keeps up, from the last completed batch: processing time near the batch
 * interval, or a growing scheduling delay, means it is falling behind. Fields are null before
 * the first batch completes.
 */
public record BatchHealth(Long processingMillis, Long schedulingDelayMillis, Long totalDelayMillis,
    long batchesCompleted) {

  public static final BatchHealth NONE = new BatchHealth(null, null, null, 0);
}
