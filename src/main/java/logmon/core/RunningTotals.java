package logmon.core;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import logmon.core.stats.Results;
import logmon.core.stats.Statistic;
import logmon.core.stats.Statistics;

/**
 * Cumulative mode's statistics, kept on the driver from the changes each batch made to the
 * running state ({@link StateChange}s: the keys it touched or forgot), so that a batch costs what
 * it touched, not everything ever seen. Totals (requests, bytes, codes …) are few keys and kept
 * as they are; endpoints are ranked by {@link IncrementalTop}s; clients above the threshold and
 * the number of clients are kept as clients enter, grow and leave. Exact: the same statistics as
 * a {@link StatsAccumulator} over the whole state, for as long as {@link #exact()} holds; when it
 * does not (after a restore, or once a listed endpoint was forgotten), build a fresh one from the
 * whole state: one per partition, each fed every entry as new, then {@link #merge}d.
 */
public final class RunningTotals implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int top;
  private final long ipThreshold;
  /** Keys of which there are few: requests, codes, sources … */
  private final HashMap<StatKey, Tally> totals = new HashMap<>();
  private final IncrementalTop<Ranked> endpoints;
  private final IncrementalTop<Ranked> errorEndpoints;
  /** Clients seen more than the threshold: once in, a client stays until it is forgotten. */
  private final HashMap<String, Long> frequentClients = new HashMap<>();
  private final Results.Running statistics;
  private long stateKeys;

  public RunningTotals(int top, long ipThreshold) {
    this.top = top;
    this.ipThreshold = ipThreshold;
    this.endpoints = IncrementalTop.ofRanked(top);
    this.errorEndpoints = IncrementalTop.ofRanked(top);
    this.statistics = new Results.Running(new Statistic.Limits(top, ipThreshold));
  }

  /**
   * True for keys of which a long run may hold without bound (an endpoint, a client, a host): the
   * ones {@code --forget-after} may drop. Totals (requests, bytes, codes …) are never forgotten.
   */
  public static boolean forgettable(StatKey key) {
    return switch (key.kind()) {
      case ENDPOINT, ERROR_ENDPOINT, CLIENT -> true;
      case STATISTIC -> Statistics.ALL.get(key.statistic()).keyPerName(key.sub());
      default -> false;
    };
  }

  /** Applies one change to a key of the state; per-batch keys belong to {@link #result}. */
  public void apply(StateChange change) {
    switch (change.change()) {
      case NEW -> update(change.key(), change.total(), true);
      case GROWN -> update(change.key(), change.total(), false);
      case FORGOTTEN -> forget(change.key(), change.total());
      case BATCH -> throw new IllegalArgumentException("per-batch keys are not state: " + change.key());
    }
  }

  /** The key's total is now {@code total}; {@code fresh}: it was not in the state before. */
  public void update(StatKey key, Tally total, boolean fresh) {
    if (fresh) {
      stateKeys++;
    }
    statistics.update(key, total, fresh);
    switch (key.kind()) {
      case ENDPOINT -> endpoints.update(new Ranked(key.name(), total.count()));
      case ERROR_ENDPOINT -> errorEndpoints.update(new Ranked(key.name(), total.count()));
      case CLIENT -> {
        if (total.count() > ipThreshold) {
          frequentClients.put(key.name(), total.count());
        }
      }
      case STATISTIC -> { } // above
      default -> totals.put(key, total);
    }
  }

  /**
   * The key left the state. Totals never do (cumulative mode keeps them out of the state that
   * forgets); an endpoint or client leaves the lists and the count of clients.
   */
  public void forget(StatKey key, Tally last) {
    stateKeys--;
    statistics.forget(key, last);
    switch (key.kind()) {
      case ENDPOINT -> endpoints.forget(key.name());
      case ERROR_ENDPOINT -> errorEndpoints.forget(key.name());
      case CLIENT -> frequentClients.remove(key.name());
      case STATISTIC -> { }
      default -> totals.remove(key);
    }
  }

  /** Adds the keys of another part of the state (another partition's). */
  public RunningTotals merge(RunningTotals other) {
    totals.putAll(other.totals);
    endpoints.merge(other.endpoints);
    errorEndpoints.merge(other.errorEndpoints);
    frequentClients.putAll(other.frequentClients);
    statistics.merge(other.statistics);
    stateKeys += other.stateKeys;
    return this;
  }

  /** False when the changes no longer tell the exact statistics: rebuild from the whole state. */
  public boolean exact() {
    return endpoints.exact() && errorEndpoints.exact() && statistics.exact();
  }

  /** Keys in the running state (endpoints, clients, codes … each once). */
  public long stateKeys() {
    return stateKeys;
  }

  /** The statistics since start, with this batch's per-batch keys (its time and counts). */
  public TrafficStats result(Iterable<Map.Entry<StatKey, Tally>> thisBatch) {
    StatsAccumulator small = new StatsAccumulator(top, ipThreshold);
    totals.forEach(small::add);
    thisBatch.forEach(entry -> small.add(entry.getKey(), entry.getValue()));
    TrafficStats t = small.result();
    List<Ranked> clients = new ArrayList<>(frequentClients.size());
    frequentClients.forEach((name, count) -> clients.add(new Ranked(name, count)));
    clients.sort(Ranked.BY_COUNT_THEN_NAME);
    return new TrafficStats(t.requests(), t.malformed(), t.oversized(), t.bytes(), t.status(),
        endpoints.toList(), errorEndpoints.toList(), List.copyOf(clients), t.batches(), t.sinceMillis(),
        t.sourceLines(), ipThreshold, t.shed(), statistics.result());
  }
}
