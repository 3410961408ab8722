package logmon.core;

/**
 * The figures of a filter typed on the dashboard while the run goes on: counted from the batch
 * after it was set, beside (never instead of) the unfiltered figures, which keep being counted.
 *
 * @param filter  the typed expression and when it was set; the start's {@code --where} applies too
 * @param traffic the statistics of the lines both match, since the filter was set (window mode:
 *                the part of the window since then; cumulative mode: everything since then)
 */
public record LiveView(ActiveFilter filter, TrafficStats traffic) {}
