package logmon.core.stats;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import logmon.core.StatKey;
import logmon.core.Tally;

/**
 * The results of every {@link Statistic} for one view, and (while they are built) their parts.
 * Immutable once built; equal when every result is.
 */
public final class Results implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Object[] results;

  private Results(Object[] results) {
    this.results = results;
  }

  /** Results of views with nothing in them. */
  public static Results empty(Statistic.Limits limits) {
    return new Parts(limits).result();
  }

  /** A copy with one statistic's result replaced (hand-built statistics in tests). */
  public <R> Results with(Statistic<R> statistic, R result) {
    Object[] copy = results.clone();
    copy[statistic.id()] = result;
    return new Results(copy);
  }

  @SuppressWarnings("unchecked")
  public <R> R get(Statistic<R> statistic) {
    return (R) results[statistic.id()];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Results r && Arrays.deepEquals(results, r.results);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(results);
  }

  @Override
  public String toString() {
    return Arrays.toString(results);
  }

  /** One part per statistic; routes each reduced entry to the statistics that read it. */
  public static final class Parts implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Statistic.Part<?>[] parts;
    private final int[][] readersByKind;

    public Parts(Statistic.Limits limits) {
      List<Statistic<?>> all = Statistics.ALL;
      parts = new Statistic.Part<?>[all.size()];
      for (int i = 0; i < parts.length; i++) {
        parts[i] = all.get(i).part(limits);
      }
      StatKey.Kind[] kinds = StatKey.Kind.values();
      readersByKind = new int[kinds.length][];
      for (StatKey.Kind kind : kinds) {
        readersByKind[kind.ordinal()] = all.stream().filter(s -> s.reads(kind)).mapToInt(Statistic::id).toArray();
      }
    }

    public void add(StatKey key, Tally tally) {
      if (key.kind() == StatKey.Kind.STATISTIC) {
        parts[key.statistic()].add(key, tally);
        return;
      }
      for (int reader : readersByKind[key.kind().ordinal()]) {
        parts[reader].add(key, tally);
      }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public void merge(Parts other) {
      for (int i = 0; i < parts.length; i++) {
        ((Statistic.Part) parts[i]).merge(other.parts[i]);
      }
    }

    public Results result() {
      Object[] results = new Object[parts.length];
      for (int i = 0; i < parts.length; i++) {
        results[i] = parts[i].result();
      }
      return new Results(results);
    }
  }
}
