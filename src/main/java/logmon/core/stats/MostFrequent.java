package logmon.core.stats;

import java.util.List;
import logmon.core.Ranked;
import logmon.core.StatKey;
import logmon.core.Tally;
import logmon.core.TopRanking;

/**
 * The part of a statistic whose result is its keys ranked by count ({@code --top} of them): hosts,
 * agents, referrers, 404 paths. One partition's keys, merged on the driver.
 */
final class MostFrequent implements Statistic.Part<List<Ranked>> {

  private static final long serialVersionUID = 1L;
  private final TopRanking top;

  MostFrequent(int limit) {
    top = new TopRanking(limit);
  }

  @Override
  public void add(StatKey key, Tally tally) {
    top.offer(new Ranked(key.name(), tally.count()));
  }

  @Override
  public void merge(Statistic.Part<List<Ranked>> other) {
    top.merge(((MostFrequent) other).top);
  }

  @Override
  public List<Ranked> result() {
    return top.toList();
  }

  /** The ranking as a plain-text section: count, then the name (a renderer sanitises it). */
  static List<Statistic.Section> section(String title, List<Ranked> result, String ranking) {
    if (result.isEmpty()) {
      return List.of();
    }
    return List.of(new Statistic.Section(title,
        result.stream().map(r -> new Statistic.Section.Row(String.format("%,d", r.count()), r.name())).toList(),
        "none", ranking));
  }

  /** The ranking's keys for "what changed": the names, best first. */
  static java.util.Map<String, List<String>> ranking(String name, List<Ranked> result) {
    return java.util.Map.of(name, result.stream().map(Ranked::name).toList());
  }
}
