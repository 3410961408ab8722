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

  /** One running result per statistic (cumulative mode); routes each change like {@link Parts}. */
  public static final class Running implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Statistic.Running<?>[] running;
    private final int[][] readersByKind;

    public Running(Statistic.Limits limits) {
      List<Statistic<?>> all = Statistics.ALL;
      running = new Statistic.Running<?>[all.size()];
      for (int i = 0; i < running.length; i++) {
        running[i] = all.get(i).running(limits);
      }
      readersByKind = readersByKind(all);
    }

    public void update(StatKey key, Tally total, boolean fresh) {
      if (key.kind() == StatKey.Kind.STATISTIC) {
        running[key.statistic()].update(key, total, fresh);
      }
      for (int reader : readersByKind[key.kind().ordinal()]) {
        running[reader].update(key, total, fresh);
      }
    }

    public void forget(StatKey key, Tally last) {
      if (key.kind() == StatKey.Kind.STATISTIC) {
        running[key.statistic()].forget(key, last);
      }
      for (int reader : readersByKind[key.kind().ordinal()]) {
        running[reader].forget(key, last);
      }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public void merge(Running other) {
      for (int i = 0; i < running.length; i++) {
        ((Statistic.Running) running[i]).merge(other.running[i]);
      }
    }

    public boolean exact() {
      for (Statistic.Running<?> r : running) {
        if (!r.exact()) {
          return false;
        }
      }
      return true;
    }

    public Results result() {
      Object[] results = new Object[running.length];
      for (int i = 0; i < running.length; i++) {
        results[i] = running[i].result();
      }
      return new Results(results);
    }
  }

  /**
   * Which statistics read each kind of key, besides a statistic's own keys, which always reach it
   * (a statistic that reads {@link StatKey.Kind#STATISTIC} sees the others' keys too).
   */
  private static int[][] readersByKind(List<Statistic<?>> all) {
    StatKey.Kind[] kinds = StatKey.Kind.values();
    int[][] readers = new int[kinds.length][];
    for (StatKey.Kind kind : kinds) {
      readers[kind.ordinal()] = all.stream().filter(s -> s.reads(kind)).mapToInt(Statistic::id).toArray();
    }
    return readers;
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
      readersByKind = readersByKind(all);
    }

    public void add(StatKey key, Tally tally) {
      if (key.kind() == StatKey.Kind.STATISTIC) {
        parts[key.statistic()].add(key, tally);
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
