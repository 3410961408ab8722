package logmon.core;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Keeps the N best {@link Ranked} entries seen, in memory proportional to N. Exact when each name
 * is offered once with its full count (as after a reduce by key), and mergeable across partitions.
 */
public final class TopRanking implements Serializable {

  private final int limit;
  // The worst kept entry sits at the head, ready to be evicted.
  private final PriorityQueue<Ranked> kept;

  public TopRanking(int limit) {
    this.limit = limit;
    this.kept = new PriorityQueue<>(Math.max(1, limit + 1), new WorstFirst());
  }

  public void offer(Ranked entry) {
    if (limit <= 0) {
      return;
    }
    if (kept.size() < limit) {
      kept.add(entry);
    } else if (Ranked.BY_COUNT_THEN_NAME.compare(entry, kept.peek()) < 0) {
      kept.poll();
      kept.add(entry);
    }
  }

  public void merge(TopRanking other) {
    other.kept.forEach(this::offer);
  }

  /** Serialisable, so a ranking can travel from an executor to the driver. */
  private static final class WorstFirst implements java.util.Comparator<Ranked>, Serializable {
    @Override
    public int compare(Ranked a, Ranked b) {
      return Ranked.BY_COUNT_THEN_NAME.compare(b, a);
    }
  }

  /** Best first. */
  public List<Ranked> toList() {
    List<Ranked> list = new ArrayList<>(kept);
    list.sort(Ranked.BY_COUNT_THEN_NAME);
    return List.copyOf(list);
  }
}
