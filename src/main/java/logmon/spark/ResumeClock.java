package logmon.spark;

import org.apache.spark.util.Clock;

/**
 * Spark Streaming's clock for logmon: real time minus an offset. After a restart from a
 * checkpoint, Spark runs one batch for every interval it was down (8 hours of 1 s batches is
 * 28,800 batches before live data shows). logmon instead moves the clock back by the downtime, so
 * Spark resumes right after its checkpoint; the offset is kept with the checkpoint and added back
 * wherever a batch time is shown.
 */
public final class ResumeClock implements Clock {

  private static volatile long offsetMillis;

  static void setOffsetMillis(long offset) {
    offsetMillis = offset;
  }

  /** Batch time + this = the real time of the batch. */
  static long offsetMillis() {
    return offsetMillis;
  }

  @Override
  public long getTimeMillis() {
    return System.currentTimeMillis() - offsetMillis;
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public long waitTillTime(long targetTime) {
    while (true) {
      long now = getTimeMillis();
      long wait = targetTime - now;
      if (wait <= 0) {
        return now;
      }
      try {
        Thread.sleep(Math.min(wait, 25));
      } catch (InterruptedException e) {
        // Spark's timer stops by interrupting this wait and expects the exception, as its own
        // (Scala) clock throws it; Java's checked-exception rule does not apply to Spark.
        throw ResumeClock.<RuntimeException>sneaky(e);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }
}
