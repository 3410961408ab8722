package logmon.core;

/** Where snapshots go: a renderer. Called from Spark's batch thread, so it must return quickly. */
public interface SnapshotSink extends AutoCloseable {

  void accept(Snapshot snapshot);

  /** The source changed state between batches (connected, disconnected …). */
  default void sourceChanged(SourceStatus source) {}

  /** Spark is still starting: called about once a second until it has, then never again. */
  default void startingUp(StartupStatus status) {}

  @Override
  default void close() {}
}
