package logmon.source;

/**
 * Stops this JVM's receivers from storing more lines, ahead of a graceful stop. Spark's graceful
 * stop closes the receiver's block log before it hands the last received blocks to a batch; with
 * the write-ahead log on, those blocks can then never be handed over, and the stop waits for its
 * timeout (10 batches) before giving up on them. Closing the gate first, then letting one more
 * batch complete, leaves Spark nothing to hand over. Reaches receivers in the driver's JVM
 * (local mode) only; on a cluster, Spark's own graceful stop applies.
 */
public final class InputGate {

  private static volatile boolean open = true;

  private InputGate() {}

  /** At the start of a run. */
  public static void open() {
    open = true;
  }

  /** Lines read after this are left unstored: the run is stopping. */
  public static void close() {
    open = false;
  }

  static boolean isOpen() {
    return open;
  }
}
