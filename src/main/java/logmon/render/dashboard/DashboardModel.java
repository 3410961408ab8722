package logmon.render.dashboard;

import logmon.core.Snapshot;
import logmon.core.SourceStatus;
import logmon.core.ViewSpec;

/**
 * Everything one frame shows. The UI thread builds one per frame; the view only reads it.
 *
 * @param snapshot the statistics shown, or null before the first batch
 * @param rates    requests per second of recent snapshots, oldest first
 * @param ratesSeen how many rates were ever recorded (the sparkline aligns its columns to it)
 * @param stopping the run is stopping (after {@code q}, a signal or the end of input)
 * @param p99s     the p99 response time (ms) of the same snapshots as {@code rates}, NaN where none
 * @param waiting  what the run waits for before the first batch ("waiting for Spark to start: 3 s"),
 *                 or null for {@link DashboardView#WAITING}
 */
record DashboardModel(ViewSpec view, SourceStatus source, Snapshot snapshot, double[] rates, long ratesSeen,
    DashboardState state, boolean stopping, double[] p99s, String waiting) {

  DashboardModel(ViewSpec view, SourceStatus source, Snapshot snapshot, double[] rates, long ratesSeen,
      DashboardState state, boolean stopping) {
    this(view, source, snapshot, rates, ratesSeen, state, stopping, new double[0], null);
  }

  DashboardModel(ViewSpec view, SourceStatus source, Snapshot snapshot, double[] rates, long ratesSeen,
      DashboardState state, boolean stopping, double[] p99s) {
    this(view, source, snapshot, rates, ratesSeen, state, stopping, p99s, null);
  }

  static DashboardModel starting(ViewSpec view, SourceStatus source) {
    return new DashboardModel(view, source, null, new double[0], 0, DashboardState.initial(), false);
  }
}
