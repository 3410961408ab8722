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

  /** True if it also reads entries of the built-in kind (a client, an endpoint …). */
  public boolean reads(StatKey.Kind kind) {
    return false;
  }

  /** An empty accumulator: one per partition, merged on the driver. */
  public abstract Part<R> part(Limits limits);

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

  /** Folds reduced entries (each key once, with its whole tally) into a result. */
  public interface Part<R> extends Serializable {
    void add(StatKey key, Tally tally);

    /** Adds {@code other}'s entries, which are for other keys. */
    void merge(Part<R> other);

    R result();
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
   */
  public record Section(String title, List<Row> rows, String emptyText) {
    public record Row(String figures, String name) {}
  }
}
