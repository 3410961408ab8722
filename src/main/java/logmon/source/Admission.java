package logmon.source;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import logmon.core.OverloadPolicy;
import logmon.core.TallyTable;

/**
 * Decides, line by line on a receiver's thread, whether a line is stored now, stored after a
 * wait, or dropped. Waiting on the rate limit happens inside Spark's {@code store(line)} (its
 * receiver rate limiter); this class adds the {@link Backlog} ceiling and, with
 * {@link OverloadPolicy#SHED}, drops instead of waiting, counting every dropped line.
 *
 * <p>Shedding reads the same limit Spark's limiter enforces and admits lines at that rate from a
 * token bucket of its own, so that the store that follows does not wait either.
 */
final class Admission {

  /** Backlog permits are taken this many at a time: one synchronised call per 256 lines. */
  static final int CHUNK = 256;
  private static final long MARKER_EVERY_NANOS = 50_000_000L;
  private static final long RATE_READ_EVERY_NANOS = 100_000_000L;
  /** The shedding bucket holds at most this long a burst at the limit. */
  private static final double BURST_SECONDS = 0.05;

  private final OverloadPolicy policy;
  private final Backlog backlog;
  private final LongSupplier rateLimit;
  private final BooleanSupplier stopping;
  private int permits;
  private long droppedSinceMarker;
  private long lastMarkerNanos = System.nanoTime();
  private long rate = Long.MAX_VALUE;
  private long rateReadNanos;
  private double tokens;
  private long refillNanos = System.nanoTime();

  Admission(OverloadPolicy policy, Backlog backlog, LongSupplier rateLimit, BooleanSupplier stopping) {
    this.policy = policy;
    this.backlog = backlog;
    this.rateLimit = rateLimit;
    this.stopping = stopping;
  }

  /**
   * True: store the line. False: it was shed (counted), or the receiver is stopping. With
   * {@link OverloadPolicy#WAIT}, blocks while the backlog is at its ceiling.
   */
  boolean admit() throws InterruptedException {
    if (permits == 0) {
      boolean taken = policy == OverloadPolicy.SHED ? backlog.tryAcquire(CHUNK) : backlog.acquire(CHUNK, stopping);
      if (!taken) {
        return dropped();
      }
      permits = CHUNK;
    }
    if (policy == OverloadPolicy.SHED && !takeToken()) {
      return dropped();
    }
    permits--;
    return true;
  }

  private boolean dropped() {
    if (policy == OverloadPolicy.SHED) {
      droppedSinceMarker++;
    }
    return false;
  }

  /**
   * The marker line that carries the count of shed lines to the statistics, when one is due
   * (every 50 ms while shedding, or at once when {@code now}); null when there is none. It is
   * stored like a line, so the count travels with the data through windows, state and restarts.
   */
  String dueMarker(boolean now) {
    if (droppedSinceMarker == 0) {
      return null;
    }
    long nanos = System.nanoTime();
    if (!now && nanos - lastMarkerNanos < MARKER_EVERY_NANOS) {
      return null;
    }
    String marker = TallyTable.shedMarker(droppedSinceMarker);
    droppedSinceMarker = 0;
    lastMarkerNanos = nanos;
    backlog.add(1); // a marker is a record: the batch that counts it gives its permit back
    return marker;
  }

  /** Gives back the permits taken and not used: the stream ended or the receiver stops. */
  void close() {
    backlog.release(permits);
    permits = 0;
  }

  private boolean takeToken() {
    long now = System.nanoTime();
    if (now - rateReadNanos > RATE_READ_EVERY_NANOS) {
      rate = rateLimit.getAsLong();
      rateReadNanos = now;
    }
    if (rate == Long.MAX_VALUE) {
      return true;
    }
    tokens = Math.min(rate * BURST_SECONDS + 1, tokens + (now - refillNanos) * rate / 1e9);
    refillNanos = now;
    if (tokens >= 1) {
      tokens--;
      return true;
    }
    return false;
  }
}
