package logmon.core.change;

import java.time.Duration;
import logmon.core.ForwardingSink;
import logmon.core.Snapshot;
import logmon.core.SnapshotSink;

/** Adds what changed ({@link ChangeTracker}) to each snapshot before the renderer sees it. */
public final class ComparingSink extends ForwardingSink {

  private final ChangeTracker tracker;

  /** @param recentSpan the period cumulative mode's headline compares ({@code --alert-window}) */
  public ComparingSink(SnapshotSink renderer, Duration recentSpan) {
    super(renderer);
    this.tracker = new ChangeTracker(recentSpan);
  }

  @Override
  public void accept(Snapshot snapshot) {
    next.accept(snapshot.withChanges(tracker.next(snapshot)));
  }
}
