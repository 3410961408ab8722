package logmon.core;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The statistics of the dashboard's live filter, kept on the driver from each batch's filtered
 * table. A filter starts from nothing: a table of another filter (an older {@code generation})
 * starts the view afresh, so nothing shown mixes lines from before the filter was set. Window
 * mode keeps the batches of the last window since then; cumulative mode everything since then,
 * merged, with only the newest batch's per-batch keys (for the rate). The unfiltered statistics
 * live elsewhere (Spark's window or state) and are never touched.
 */
public final class LiveCounts {

  private final ViewSpec view;
  private final int top;
  private final long ipThreshold;
  private final List<String> topBy;

  private long generation = Long.MIN_VALUE;
  /** Window mode: the filter's tables inside the window, oldest first. */
  private final ArrayDeque<Batch> window = new ArrayDeque<>();
  /** Cumulative mode: every batch since the filter was set, per-batch keys left out. */
  private TallyTable running = new TallyTable();
  /** Cumulative mode: the newest batch's per-batch keys. */
  private TallyTable newest = new TallyTable();

  private record Batch(long millis, TallyTable table) {}

  public LiveCounts(ViewSpec view, int top, long ipThreshold, List<String> topBy) {
    this.view = view;
    this.top = top;
    this.ipThreshold = ipThreshold;
    this.topBy = List.copyOf(topBy);
  }

  /**
   * Adds one batch's table (all sources merged) of the filter {@code generation} and returns the
   * filter's statistics after it.
   */
  public synchronized TrafficStats add(long generation, long batchMillis, TallyTable batch) {
    if (generation != this.generation) {
      clear();
      this.generation = generation;
    }
    StatsAccumulator accumulator = new StatsAccumulator(top, ipThreshold, topBy);
    if (view.mode() == Mode.WINDOW) {
      window.addLast(new Batch(batchMillis, batch));
      long oldest = batchMillis - view.window().toMillis();
      while (!window.isEmpty() && window.peekFirst().millis() <= oldest) {
        window.removeFirst();
      }
      TallyTable merged = new TallyTable();
      window.forEach(b -> merged.merge(b.table()));
      merged.forEach(accumulator::add);
      return accumulator.result();
    }
    newest = new TallyTable();
    TallyTable perBatch = newest;
    batch.forEach((key, tally) -> {
      if (key.isPerBatch()) {
        perBatch.add(key, tally);
      } else {
        running.add(key, tally);
      }
    });
    running.forEach(accumulator::add);
    newest.forEach(accumulator::add);
    return accumulator.result();
  }

  /** Lets go of everything (the filter was cleared). */
  public synchronized void clear() {
    generation = Long.MIN_VALUE;
    window.clear();
    running = new TallyTable();
    newest = new TallyTable();
  }
}
