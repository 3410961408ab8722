package logmon.source;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import logmon.core.OverloadPolicy;

/**
 * Decides, line by line on a receiver's thread, whether a line is kept now, kept after a wait, or
 * dropped. Two bounds: the receiver's rate limit (lines/s, the value Spark's receiver rate limiter
 * holds, which {@code FlowController} sets after every batch through Spark's rate-update channel)
 * and the JVM's {@link Backlog} ceiling. Receivers store a few thousand lines per record, which
 * Spark's limiter counts as one, so the limit is enforced here, per line, with a token bucket.
 * {@link OverloadPolicy#WAIT} waits for both; {@link OverloadPolicy#SHED} drops what either
 * refuses now, and the caller counts each drop.
 */
final class Admission {

  /** Backlog permits (bytes) are taken this many at a time: one synchronised call per few hundred lines. */
  static final int CHUNK = 64 * 1024;
  /** With no rate limit, look at the limit again after this many lines. */
  private static final int UNLIMITED_LINES = 256;
  private static final long RATE_READ_EVERY_NANOS = 100_000_000L;
  /** The bucket holds at most this long a burst at the limit. */
  private static final double BURST_SECONDS = 0.05;
  /** A wait for the rate limit sleeps at most this long between looks at the stop request. */
  private static final long MAX_PARK_NANOS = 20_000_000L;

  private final OverloadPolicy policy;
  private final Backlog backlog;
  private final LongSupplier rateLimit;
  private final BooleanSupplier stopping;
  private final Runnable beforeWaiting;
  private long permits;
  private long rate = Long.MAX_VALUE;
  private long rateReadNanos = System.nanoTime() - 2 * RATE_READ_EVERY_NANOS; // read at the first line
  private double tokens;
  private long refillNanos = System.nanoTime();

  /**
   * @param beforeWaiting runs before a wait: the receiver stores what it has gathered, so that
   *     lines already read are counted while it waits
   */
  Admission(OverloadPolicy policy, Backlog backlog, LongSupplier rateLimit, BooleanSupplier stopping,
      Runnable beforeWaiting) {
    this.policy = policy;
    this.backlog = backlog;
    this.rateLimit = rateLimit;
    this.stopping = stopping;
    this.beforeWaiting = beforeWaiting;
  }

  /**
   * True: keep the line, which holds {@code bytes} bytes while it waits to be counted. False: shed
   * it (with {@link OverloadPolicy#SHED}), or the receiver is stopping. With
   * {@link OverloadPolicy#WAIT}, blocks until both bounds admit the line.
   */
  boolean admit(int bytes) throws InterruptedException {
    if (permits < bytes) {
      int wanted = Math.max(CHUNK, bytes);
      boolean taken;
      if (policy == OverloadPolicy.SHED) {
        taken = backlog.tryAcquire(wanted);
      } else {
        taken = backlog.tryAcquire(wanted) || waitForBacklog(wanted);
      }
      if (!taken) {
        return false;
      }
      permits += wanted;
    }
    if (!takeToken()) {
      if (policy == OverloadPolicy.SHED || !waitForToken()) {
        return false;
      }
    }
    permits -= bytes;
    return true;
  }

  private boolean waitForBacklog(int wanted) throws InterruptedException {
    beforeWaiting.run();
    return backlog.acquire(wanted, stopping);
  }

  private boolean waitForToken() {
    beforeWaiting.run();
    while (!takeToken()) {
      if (stopping.getAsBoolean()) {
        return false;
      }
      double missing = 1 - tokens;
      long nanos = rate == Long.MAX_VALUE ? 0 : (long) (missing * 1e9 / rate);
      LockSupport.parkNanos(Math.max(10_000, Math.min(MAX_PARK_NANOS, nanos)));
    }
    return true;
  }

  /** Gives back the permits taken and not used: the stream ended or the receiver stops. */
  void close() {
    backlog.release(permits);
    permits = 0;
  }

  private boolean takeToken() {
    if (tokens >= 1) {
      tokens--; // the common case: no clock read per line
      return true;
    }
    long now = System.nanoTime();
    if (now - rateReadNanos > RATE_READ_EVERY_NANOS) {
      rate = rateLimit.getAsLong();
      rateReadNanos = now;
    }
    if (rate == Long.MAX_VALUE) {
      tokens = UNLIMITED_LINES; // unlimited: look at the limit again in a while
      refillNanos = now;
      return true;
    }
    tokens = Math.min(rate * BURST_SECONDS + 1, tokens + (now - refillNanos) * rate / 1e9);
    refillNanos = now;
    if (tokens >= 1) {
      tokens--;
      return true;
    }
    backlog.sourceAhead(); // held at the limit: the source offered more than logmon reads
    return false;
  }
}
