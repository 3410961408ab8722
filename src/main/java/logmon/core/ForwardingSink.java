package logmon.core;

/**
 * A sink that does something with each snapshot on its way to the next one (evaluating alert
 * rules, comparing with the previous window, recording metrics): source states, start-up progress
 * and the close pass straight through.
 */
public abstract class ForwardingSink implements SnapshotSink {

  protected final SnapshotSink next;

  protected ForwardingSink(SnapshotSink next) {
    this.next = next;
  }

  @Override
  public void sourceChanged(SourceStatus source) {
    next.sourceChanged(source);
  }

  @Override
  public void startingUp(StartupStatus status) {
    next.startingUp(status);
  }

  @Override
  public void close() {
    next.close();
  }
}
