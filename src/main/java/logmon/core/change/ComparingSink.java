package logmon.core.change;

import java.time.Duration;
import logmon.core.Snapshot;
import logmon.core.SnapshotSink;
import logmon.core.SourceStatus;
import logmon.core.StartupStatus;

/** Adds what changed ({@link ChangeTracker}) to each snapshot before the renderer sees it. */
public final class ComparingSink implements SnapshotSink {

  private final SnapshotSink renderer;
  private final ChangeTracker tracker;

  /** @param recentSpan the period cumulative mode's headline compares ({@code --alert-window}) */
  public ComparingSink(SnapshotSink renderer, Duration recentSpan) {
    this.renderer = renderer;
    this.tracker = new ChangeTracker(recentSpan);
  }

  @Override
  public void accept(Snapshot snapshot) {
    renderer.accept(snapshot.withChanges(tracker.next(snapshot)));
  }

  @Override
  public void sourceChanged(SourceStatus source) {
    renderer.sourceChanged(source);
  }

  @Override
  public void startingUp(StartupStatus status) {
    renderer.startingUp(status);
  }

  @Override
  public void close() {
    renderer.close();
  }
}
