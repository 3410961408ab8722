package logmon.source;

/**
 * A ceiling on the bytes of the lines this JVM's receivers have stored but logmon has not yet
 * counted: the memory that waits between a receiver and a batch. Receivers take a line's bytes
 * as permits before they keep it; the task that counts the line into its batch's summary gives
 * them back. Whatever the rate control does (a cold JIT,
 * a GC pause, a batch slower than the last), the received backlog cannot outgrow the heap.
 *
 * <p>One per JVM, reached statically because receivers are deserialised by Spark and cannot be
 * handed objects. Installed in local mode, where receivers and driver share this JVM; on a cluster
 * the executors' receivers find none and rely on the rate limit alone.
 */
public final class Backlog {

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

  /** Bytes of lines a batch has counted: their permits go back to this JVM's backlog. */
  public static void counted(long bytes) {
    current.release(bytes);
  }

  static long ceilingFor(long maxHeapBytes) {
    return Math.max(1 << 20, (long) (maxHeapBytes * HEAP_SHARE));
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

  /** Returns {@code n} permits: bytes counted by a batch, or taken and not used. */
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
