package logmon.core.stats;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import logmon.core.StatKey;
import logmon.core.Tally;
import logmon.core.TallyTable;
import logmon.core.format.ParsedLine;

/**
 * A statistic, declared in one place: what each line adds to a batch's {@link TallyTable} (as
 * keyed tallies, so windows and running state merge it like any other), how the reduced entries
 * fold into a result, and how the result reads — JSON fields, headline figures, listed sections.
 * The renderers show every statistic in {@link Statistics#ALL} without knowing it.
 *
 * @param <R> the result, immutable with value equality, and serialisable: in window mode it is
 *     computed in a task and sent to the driver
 */
public abstract class Statistic<R> {

  private int id = -1;

  /** Its place in {@link Statistics#ALL}: the same in every JVM of the job. */
  public final int id() {
    if (id < 0) {
      id = Statistics.ALL.indexOf(this);
      if (id < 0) {
        throw new IllegalStateException(getClass().getSimpleName() + " is not listed in Statistics.ALL");
      }
    }
    return id;
  }

  /** A key of this statistic: {@code sub} is its own kind of key (0–15). */
  protected final StatKey key(int sub, String name) {
    return StatKey.of(this, sub, name);
  }

  /** Adds what one parsed line says. */
  public void tally(ParsedLine line, TallyTable table) {}

  /**
   * True if its keys of kind {@code sub} are one per name of an unbounded set (an endpoint, a
   * host): such keys may be forgotten by a long cumulative run ({@code --forget-after}), totals
   * may not.
   */
  public boolean keyPerName(int sub) {
    return false;
  }

  /** True if it also reads entries of the built-in kind (a client, an endpoint …). */
  public boolean reads(StatKey.Kind kind) {
    return false;
  }

  /** An empty accumulator: one per partition, merged on the driver. */
  public abstract Part<R> part(Limits limits);

  /**
   * An empty running result for cumulative mode, kept on the driver from the changes of the keys
   * each batch touched. By default it remembers the latest total of each of its keys and folds
   * them with {@link #part} for each result: right for statistics with few keys (codes, buckets,
   * formats); a statistic with a key per endpoint or client keeps something smaller.
   */
  public Running<R> running(Limits limits) {
    return new LatestTotals<>(this, limits);
  }

  /** Its fields of the JSON snapshot, as maps, lists, strings and numbers (null allowed). */
  public abstract void json(R result, Map<String, Object> fields);

  /** Figures for the headline ("clients 1,234"); none by default. */
  public List<Figure> figures(R result) {
    return List.of();
  }

  /** Lists shown under a title in the plain output. */
  public List<Section> sections(R result) {
    return List.of();
  }

  /**
   * Its ranked lists, each by its name in the JSON ({@code "topAgents"}; a list inside an object is
   * {@code "topBy/status,path"}) as its keys best first, one text per entry that tells entries
   * apart: what "what changed" ({@link logmon.core.change.ChangeTracker}) compares between views.
   * None by default.
   */
  public Map<String, List<String>> rankings(R result) {
    return Map.of();
  }

  /** Folds reduced entries (each key once, with its whole tally) into a result. */
  public interface Part<R> extends Serializable {
    void add(StatKey key, Tally tally);

    /** Adds {@code other}'s entries, which are for other keys. */
    void merge(Part<R> other);

    R result();
  }

  /**
   * A result kept up to date from changes: each key arrives with its new total (or leaves),
   * never as a partial tally to add. Mergeable across partitions holding other keys, for the
   * one full pass over the state after a restore.
   */
  public interface Running<R> extends Serializable {
    /** The key's total is now {@code total}; {@code fresh}: the key was not there before. */
    void update(StatKey key, Tally total, boolean fresh);

    /** The key left the running state; {@code last} was its total. */
    void forget(StatKey key, Tally last);

    /** Adds {@code other}'s keys, which are other keys. */
    void merge(Running<R> other);

    /** False when the result can no longer be told from changes alone: rebuild it from the whole state. */
    default boolean exact() {
      return true;
    }

    R result();
  }

  /** The default {@link Running}: each key's latest total, folded with a fresh part per result. */
  private static final class LatestTotals<R> implements Running<R> {
    private static final long serialVersionUID = 1L;
    /** Its statistic's id: a running result travels from executors, and statistics do not. */
    private final int statistic;
    private final Limits limits;
    private final java.util.HashMap<StatKey, Tally> totals = new java.util.HashMap<>();

    LatestTotals(Statistic<R> statistic, Limits limits) {
      this.statistic = statistic.id();
      this.limits = limits;
    }

    @Override
    public void update(StatKey key, Tally total, boolean fresh) {
      totals.put(key, total);
    }

    @Override
    public void forget(StatKey key, Tally last) {
      totals.remove(key);
    }

    @Override
    public void merge(Running<R> other) {
      totals.putAll(((LatestTotals<R>) other).totals);
    }

    @Override
    public R result() {
      @SuppressWarnings("unchecked")
      Part<R> part = ((Statistic<R>) Statistics.ALL.get(statistic)).part(limits);
      totals.forEach(part::add);
      return part.result();
    }
  }

  /**
   * How long ranked lists are: {@code --top}, {@code --ip-threshold}; and the {@code --top FIELD[,FIELD]}
   * rankings asked for, by name.
   */
  public record Limits(int top, long ipThreshold, List<String> topBy) implements Serializable {
    public Limits(int top, long ipThreshold) {
      this(top, ipThreshold, List.of());
    }

    public Limits {
      topBy = List.copyOf(topBy);
    }
  }

  /** A headline figure: label and value, both logmon's own text. */
  public record Figure(String label, String value) {}

  /**
   * A titled list: each row has figures (logmon's text) and a name from a log line, which a
   * renderer must sanitise.
   *
   * @param ranking the name of the ranking (in {@link #rankings}) whose entries the rows are, in
   *     its order, or null: renderers mark what changed by it
   */
  public record Section(String title, List<Row> rows, String emptyText, String ranking) {
    public Section(String title, List<Row> rows, String emptyText) {
      this(title, rows, emptyText, null);
    }

    public record Row(String figures, String name) {}
  }
}
