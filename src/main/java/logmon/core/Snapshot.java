package logmon.core;

import java.time.Instant;
import java.util.List;
import logmon.core.alert.AlertStatus;
import logmon.core.change.Comparison;

/**
 * Everything a renderer shows for one batch: the statistics of the view, and the state of the
 * run around them. Immutable, so it can be handed to another thread as it is.
 *
 * @param source  all sources in one status (the most worrying state)
 * @param sources each source's own status
 * @param filter  the filter in force, or null: every figure is of the lines it matches
 * @param alerts  each {@code --alert} rule's state after this batch, in the order given
 * @param changes what changed against the previous window ({@link Comparison#NONE} before it is known)
 * @param live    the dashboard's live filter and its figures, or null: none is set, or its first
 *                batch is not counted yet. Only the dashboard shows it (see {@link #throughLive})
 */
public record Snapshot(Instant time, ViewSpec view, TrafficStats traffic, BatchHealth health,
    SourceStatus source, List<SourceStatus> sources, ActiveFilter filter, List<AlertStatus> alerts,
    Comparison changes, LiveView live) {

  /** Unfiltered, before the rules are evaluated (and in runs without rules). */
  public Snapshot(Instant time, ViewSpec view, TrafficStats traffic, BatchHealth health, SourceStatus source,
      List<SourceStatus> sources) {
    this(time, view, traffic, health, source, sources, (ActiveFilter) null);
  }

  /** Before the rules are evaluated (and in runs without rules). */
  public Snapshot(Instant time, ViewSpec view, TrafficStats traffic, BatchHealth health, SourceStatus source,
      List<SourceStatus> sources, ActiveFilter filter) {
    this(time, view, traffic, health, source, sources, filter, List.of(), Comparison.NONE, null);
  }

  public Snapshot withAlerts(List<AlertStatus> statuses) {
    return new Snapshot(time, view, traffic, health, source, sources, filter, List.copyOf(statuses), changes, live);
  }

  public Snapshot withChanges(Comparison comparison) {
    return new Snapshot(time, view, traffic, health, source, sources, filter, alerts, comparison, live);
  }

  public Snapshot withLive(LiveView view) {
    return new Snapshot(time, this.view, traffic, health, source, sources, filter, alerts, changes, view);
  }

  /**
   * This batch as seen through its live filter: the live view's figures in place of the unfiltered
   * ones, and as its filter everything in force (the start's {@code --where} and the live one, since
   * the live one was set). Run state (health, sources, alerts) is the run's, whatever the filter;
   * what changed is the unfiltered run's, so the filtered view shows none.
   */
  public Snapshot throughLive() {
    if (live == null) {
      return this;
    }
    String expression = filter == null ? live.filter().expression()
        : "(" + filter.expression() + ") and (" + live.filter().expression() + ")";
    return new Snapshot(time, view, live.traffic(), health, source, sources,
        new ActiveFilter(expression, live.filter().since()), alerts, Comparison.NONE, null);
  }

  /**
   * Over the window in window mode (only as much of it as has elapsed, while it fills), over the
   * last batch in cumulative mode.
   */
  public double requestsPerSecond() {
    double batchSeconds = view.batch().toMillis() / 1000.0;
    if (view.mode() == Mode.CUMULATIVE) {
      BatchCount last = traffic.lastBatch();
      return last == null ? 0 : last.requests() / batchSeconds;
    }
    int batchesSpanned = traffic.batches().size();
    return batchesSpanned == 0 ? 0 : traffic.requests() / (batchesSpanned * batchSeconds);
  }

  /** Most lines malformed, in the view or in the last batch: usually the wrong log format. */
  public boolean mostlyMalformed() {
    BatchCount last = traffic.lastBatch();
    // Lines --where left out were read well: they count against the malformed ones.
    boolean lastBatchBad = last != null && last.malformed() > last.requests() + last.unmatched();
    Long unmatched = traffic.of(logmon.core.stats.Statistics.UNMATCHED);
    return lastBatchBad || traffic.malformed() > traffic.requests() + (unmatched == null ? 0 : unmatched);
  }
}
