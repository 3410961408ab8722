package logmon.core.change;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import logmon.core.Ranked;
import logmon.core.TrafficStats;
import logmon.core.stats.Statistic;
import logmon.core.stats.Statistics;

/**
 * Every ranking of a view, by its name in the JSON, as its keys best first: the built-in three
 * and each statistic's own ({@link Statistic#rankings}). What {@link ChangeTracker} compares.
 */
public final class Rankings {

  public static final String ENDPOINTS = "topEndpoints";
  public static final String ERROR_ENDPOINTS = "topErrorEndpoints";
  public static final String CLIENTS = "frequentIps";
  /** {@link logmon.core.stats.Hosts}'s, which the dashboard shows in a panel of its own. */
  public static final String HOSTS = "topHosts";

  private Rankings() {}

  public static Map<String, List<String>> of(TrafficStats traffic) {
    Map<String, List<String>> rankings = new LinkedHashMap<>();
    rankings.put(ENDPOINTS, names(traffic.topEndpoints()));
    rankings.put(ERROR_ENDPOINTS, names(traffic.topErrorEndpoints()));
    rankings.put(CLIENTS, names(traffic.frequentIps()));
    for (Statistic<?> statistic : Statistics.ALL) {
      rankings.putAll(rankingsOf(statistic, traffic));
    }
    return rankings;
  }

  private static <R> Map<String, List<String>> rankingsOf(Statistic<R> statistic, TrafficStats traffic) {
    return statistic.rankings(traffic.of(statistic));
  }

  private static List<String> names(List<Ranked> ranked) {
    return ranked.stream().map(Ranked::name).toList();
  }
}
