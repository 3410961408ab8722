package logmon.source;

/**
 * A ceiling on the lines this JVM's receivers have stored but logmon has not yet counted: the
 * memory that waits between a receiver and a batch. Receivers take permits before they store;
 * the driver gives them back as each batch completes. Whatever the rate control does (a cold JIT,
 * a GC pause, a batch slower than the last), the received backlog cannot outgrow the heap.
 *
 * <p>One per JVM, reached statically because receivers are deserialised by Spark and cannot be
 * handed objects. Installed in local mode, where receivers and driver share this JVM; on a cluster
 * the executors' receivers find none and rely on the rate limit alone.
 */
public final class Backlog {

  /** What an average access-log line costs while it waits: its String, its bytes, its slot. */
  static final long BYTES_PER_LINE = 400;
  /** The share of the heap the waiting lines may take; the rest is Spark's and the statistics'. */
  static final double HEAP_SHARE = 0.2;

  private static volatile Backlog current = new Backlog(Long.MAX_VALUE);

  private final long ceiling;
  private long inFlight; // guarded by this
  private boolean held; // guarded by this: a receiver waited (or shed) since the last batch

  Backlog(long ceiling) {
    this.ceiling = ceiling;
  }

  /** Installs a ceiling for this JVM's receivers, sized to a heap of {@code maxHeapBytes}. */
  public static Backlog install(long maxHeapBytes) {
    current = new Backlog(ceilingFor(maxHeapBytes));
    return current;
  }

  /** Back to no ceiling (a run in the same JVM that does not install one: tests). */
  public static void uninstall() {
    current = new Backlog(Long.MAX_VALUE);
  }

  static Backlog current() {
    return current;
  }

  static long ceilingFor(long maxHeapBytes) {
    return Math.max(10_000, (long) (maxHeapBytes * HEAP_SHARE / BYTES_PER_LINE));
  }

  public long ceiling() {
    return ceiling;
  }

  public synchronized long inFlight() {
    return inFlight;
  }

  /**
   * Takes {@code n} permits, waiting while they would pass the ceiling; returns false, with none
   * taken, if {@code stopping} becomes true meanwhile. A backlog that is empty always admits, so
   * a single huge request cannot wait forever.
   */
  synchronized boolean acquire(int n, java.util.function.BooleanSupplier stopping) throws InterruptedException {
    while (inFlight > 0 && inFlight + n > ceiling) {
      held = true;
      if (stopping.getAsBoolean()) {
        return false;
      }
      wait(100);
    }
    inFlight += n;
    return true;
  }

  /** Takes {@code n} permits if they fit now. */
  synchronized boolean tryAcquire(int n) {
    if (inFlight > 0 && inFlight + n > ceiling) {
      held = true;
      return false;
    }
    inFlight += n;
    return true;
  }

  /** The source had more waiting than a receiver could read: it is held back all the same. */
  synchronized void sourceAhead() {
    held = true;
  }

  /** Takes {@code n} permits whatever the ceiling (a few marker records). */
  synchronized void add(long n) {
    inFlight += n;
  }

  /** Returns {@code n} permits: lines counted by a batch, or taken and not used. */
  public synchronized void release(long n) {
    inFlight = Math.max(0, inFlight - n);
    notifyAll();
  }

  /** Whether a receiver was held at the ceiling, or fell behind its source, since the last call. */
  public synchronized boolean takeHeld() {
    boolean was = held;
    held = false;
    return was;
  }
}
