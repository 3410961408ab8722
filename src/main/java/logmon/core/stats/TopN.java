package logmon.core.stats;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** The N best entries by an order, in memory proportional to N; mergeable. */
final class TopN<T extends Serializable> implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int limit;
  private final SerializableOrder<T> order;
  private final PriorityQueue<T> kept;

  /** A comparator that can travel to an executor and back. */
  interface SerializableOrder<T> extends Comparator<T>, Serializable {}

  /** @param order best first */
  TopN(int limit, SerializableOrder<T> order) {
    this.limit = limit;
    this.order = order;
    // The worst kept entry sits at the head, ready to be evicted.
    this.kept = new PriorityQueue<>(Math.max(1, limit + 1), (SerializableOrder<T>) (a, b) -> order.compare(b, a));
  }

  void offer(T entry) {
    if (limit <= 0) {
      return;
    }
    if (kept.size() < limit) {
      kept.add(entry);
    } else if (order.compare(entry, kept.peek()) < 0) {
      kept.poll();
      kept.add(entry);
    }
  }

  void merge(TopN<T> other) {
    other.kept.forEach(this::offer);
  }

  List<T> toList() {
    List<T> list = new ArrayList<>(kept);
    list.sort(order);
    return List.copyOf(list);
  }
}
