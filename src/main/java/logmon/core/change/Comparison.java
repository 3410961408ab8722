package logmon.core.change;

import java.time.Duration;
import java.util.Map;

/**
 * What changed, for one snapshot: the headline figures of the last period beside those of the
 * period before it, and every ranking's entries against the same ranking one period earlier
 * ({@link ChangeTracker} says which periods).
 *
 * @param span     the length of a period compared in the headline, or null without a headline
 *                 comparison
 * @param now      the last period's figures (in window mode: the window's), or null
 * @param before   the period before it, or null while the run is too young to have one
 * @param rankings each ranking by name ({@code "topEndpoints"}, {@code "topBy/status,path"});
 *                 empty while there is nothing to compare with
 */
public record Comparison(Duration span, Period now, Period before, Map<String, RankingChanges> rankings) {

  /** Nothing to compare with. */
  public static final Comparison NONE = new Comparison(null, null, null, Map.of());

  public Comparison {
    rankings = Map.copyOf(rankings);
  }

  /** The change of a ranking's entry at {@code index} (from 0). */
  public RankChange at(String ranking, int index) {
    RankingChanges changes = ranking == null ? null : rankings.get(ranking);
    return changes == null ? RankChange.UNKNOWN : changes.at(index);
  }

  /** The change of a ranking's entry with this key. */
  public RankChange of(String ranking, String key) {
    RankingChanges changes = ranking == null ? null : rankings.get(ranking);
    return changes == null ? RankChange.UNKNOWN : changes.of(key);
  }

  public boolean hasHeadline() {
    return now != null && before != null;
  }

  /** Requests now against before, in percent; null without a previous period or when it had none. */
  public Double requestsChangePercent() {
    return !hasHeadline() || before.requests() == 0 ? null
        : 100.0 * (now.requests() - before.requests()) / before.requests();
  }

  /** The 5xx share now minus before, in percentage points; null when either has no requests. */
  public Double percent5xxChangePoints() {
    return !hasHeadline() || now.percent5xx() == null || before.percent5xx() == null ? null
        : now.percent5xx() - before.percent5xx();
  }

  /** The p99 now minus before, in ms; null when either has none. */
  public Double p99ChangeMs() {
    return !hasHeadline() || now.p99Ms() == null || before.p99Ms() == null ? null : now.p99Ms() - before.p99Ms();
  }
}
