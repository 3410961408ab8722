package logmon.core;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact top N of a changing set of named entries, kept from the changes alone: each update
 * costs O(N), whatever the number of names. It stays exact while it can prove it: it remembers
 * the best entry it has seen left outside the top ({@code bound}, an upper bound of every name
 * it does not keep, since it may be stale but never too low). When the worst kept entry is no
 * longer better than that bound — a kept entry got worse, or one was forgotten — {@link #exact()}
 * says so, and the owner rebuilds it from every entry ({@link #merge} of partial tops).
 * Where entries only grow (counts since start), that happens only when a kept name is forgotten.
 *
 * @param <T> an entry, immutable; its name is its identity
 */
public final class IncrementalTop<T extends Serializable> implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Best first; serialisable, so a partial top can travel from an executor. */
  public interface Order<T> extends Comparator<T>, Serializable {}

  /** The name an entry is kept under; serialisable for the same reason. */
  public interface Naming<T> extends java.util.function.Function<T, String>, Serializable {}

  private final int limit;
  private final Order<T> order;
  private final Naming<T> naming;
  private final HashMap<String, T> kept = new HashMap<>();
  /** The best entry seen and not kept (null: every name seen is kept). */
  private T bound;

  public IncrementalTop(int limit, Order<T> order, Naming<T> naming) {
    this.limit = Math.max(0, limit);
    this.order = order;
    this.naming = naming;
  }

  /** The named entry's new value (the name new, or kept, or not). */
  public void update(T entry) {
    String name = naming.apply(entry);
    if (kept.containsKey(name)) {
      kept.put(name, entry);
    } else if (kept.size() < limit) {
      kept.put(name, entry); // if a forgotten name left a gap, exact() already says false
    } else {
      T worst = worst();
      if (worst != null && order.compare(entry, worst) < 0) {
        kept.remove(naming.apply(worst));
        kept.put(name, entry);
        raiseBound(worst);
      } else {
        raiseBound(entry);
      }
    }
  }

  /** The name is gone from the set. */
  public void forget(String name) {
    kept.remove(name);
  }

  /** True while the kept entries are provably the top N of every entry updated and not forgotten. */
  public boolean exact() {
    if (bound == null) {
      return true;
    }
    T worst = worst();
    return kept.size() == limit && worst != null && order.compare(worst, bound) < 0;
  }

  /** Adds a top of other names (a partition's): the result is the top of both. */
  public void merge(IncrementalTop<T> other) {
    if (other.bound != null) {
      raiseBound(other.bound);
    }
    other.kept.values().forEach(this::update);
  }

  /** Best first. */
  public List<T> toList() {
    List<T> list = new ArrayList<>(kept.values());
    list.sort(order);
    return List.copyOf(list);
  }

  private void raiseBound(T entry) {
    if (bound == null || order.compare(entry, bound) < 0) {
      bound = entry;
    }
  }

  // N is small (--top): a scan is cheaper than keeping a second, ordered index in step.
  private T worst() {
    T worst = null;
    for (T entry : kept.values()) {
      if (worst == null || order.compare(entry, worst) > 0) {
        worst = entry;
      }
    }
    return worst;
  }

  /** Counts, most first, then by name: the order of the ranked lists. */
  public static IncrementalTop<Ranked> ofRanked(int limit) {
    return new IncrementalTop<>(limit, (a, b) -> Ranked.BY_COUNT_THEN_NAME.compare(a, b), Ranked::name);
  }
}
