package logmon.core;

/**
 * How fast each receiver may read, decided again after every batch from what that batch cost.
 *
 * <p>Why not Spark's PID estimator: it divides a batch's records by its processing time, and here
 * much of a batch's time is not per record (merging a window's tables, ranking, GC). When the rate
 * drops, the records shrink but that fixed cost does not, so the estimate falls again, down to its
 * floor of 100 lines/s (measured, see SPARK-NOTES). This law looks at headroom instead: a batch
 * that took a fraction of the interval allows proportionally more, one that overran allows less.
 * The fixed cost then only lowers where the rate settles; it cannot drive it down for good.
 *
 * <p>The limit moves only when it matters: while receivers are held at it, towards the rate at
 * which a batch takes {@link #TARGET_SHARE} of the interval; below what arrives when batches fall
 * behind although nothing was held; not at all while the source sends less than the limit and
 * logmon keeps up. Pure and deterministic: a table of batches in, limits out.
 */
public final class RateControl {

  /** A batch may use this share of its interval: the rest absorbs GC pauses and spikes. */
  static final double TARGET_SHARE = 0.7;
  /** With a queue of batches waiting, aim lower so that the queue drains. */
  static final double DRAIN_SHARE = 0.4;
  /** One step changes the limit by at most this factor, up or down. */
  static final double MAX_STEP = 2.0;
  /** Receivers count as held at the limit when they read this share of it. */
  static final double HELD_SHARE = 0.9;

  private final long floor;
  private final long ceiling;
  private long limit;

  /**
   * @param initial the limit per receiver before the first batch: a cold JVM counts slowly
   * @param floor   never below this, however slow batches get (a monitor that reads nothing
   *                shows nothing)
   * @param ceiling never above this: the user's {@code --max-rate}, or {@link Long#MAX_VALUE}
   */
  public RateControl(long initial, long floor, long ceiling) {
    this.floor = Math.min(floor, ceiling);
    this.ceiling = ceiling;
    this.limit = clamp(initial);
  }

  /** The limit per receiver, in lines per second. */
  public long limit() {
    return limit;
  }

  /**
   * What one completed batch tells about the limit.
   *
   * @param lines        lines the receivers stored for that batch, all receivers together
   * @param receivers    how many receivers share the limit (each gets it)
   * @param processingMs how long the batch took to count
   * @param delayMs      how long it waited for earlier batches (scheduling delay)
   * @param intervalMs   the batch interval
   * @return whether the receivers were held back during that batch
   */
  public boolean observe(long lines, int receivers, long processingMs, long delayMs, long intervalMs) {
    double perReceiverRate = lines * 1000.0 / intervalMs / Math.max(1, receivers);
    boolean held = perReceiverRate >= HELD_SHARE * limit;
    double target = (delayMs > intervalMs ? DRAIN_SHARE : TARGET_SHARE) * intervalMs;
    double headroom = target / Math.max(1, processingMs);
    double step = Math.max(1 / MAX_STEP, Math.min(MAX_STEP, headroom));
    if (held) {
      limit = clamp(limit * step);
    } else if ((processingMs > intervalMs || delayMs > intervalMs) && perReceiverRate > floor) {
      // Behind although the receivers were not held: the source sends less than the limit, and
      // even that is too much. Limit below what arrived, so the receivers are held from now on.
      // (A slow batch with less than the floor's worth of lines says nothing about lines: a cold
      // start, a GC pause.)
      limit = clamp(Math.min(limit, perReceiverRate * step));
    }
    return held;
  }

  private long clamp(double value) {
    return (long) Math.max(floor, Math.min(ceiling, value));
  }
}
