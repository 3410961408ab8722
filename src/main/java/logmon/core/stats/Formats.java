package logmon.core.stats;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import logmon.core.StatKey;
import logmon.core.Tally;
import logmon.core.TallyTable;
import logmon.core.format.ParsedLine;

/**
 * Which format read the view's lines: each line counts under the format that matched it (with
 * {@code --log-format auto}, the preset each task found), and the one that read most is the
 * view's format. No task needs to agree with another: the counts merge like any other.
 */
public final class Formats extends Statistic<Formats.Counts> {

  Formats() {}

  /**
   * @param dominant the format that read the most lines (ties: by name), or null before any line
   * @param lines    lines read per format
   */
  public record Counts(String dominant, SortedMap<String, Long> lines) implements java.io.Serializable {}

  @Override
  public void tally(ParsedLine line, TallyTable table) {
    table.count(key(0, line.format().name()));
  }

  @Override
  public Part<Counts> part(Limits limits) {
    return new PerFormat();
  }

  @Override
  public void json(Counts result, Map<String, Object> fields) {
    fields.put("format", result.dominant());
    fields.put("formats", result.lines());
  }

  @Override
  public List<Figure> figures(Counts result) {
    if (result.dominant() == null) {
      return List.of();
    }
    String others = result.lines().size() > 1 ? " (+" + (result.lines().size() - 1) + " more)" : "";
    return List.of(new Figure("format", result.dominant() + others));
  }

  private static final class PerFormat implements Part<Counts> {
    private static final long serialVersionUID = 1L;
    private final TreeMap<String, Long> lines = new TreeMap<>();

    @Override
    public void add(StatKey key, Tally tally) {
      lines.merge(key.name(), tally.count(), Long::sum);
    }

    @Override
    public void merge(Part<Counts> other) {
      ((PerFormat) other).lines.forEach((name, count) -> lines.merge(name, count, Long::sum));
    }

    @Override
    public Counts result() {
      String dominant = null;
      long most = 0;
      for (var entry : lines.entrySet()) {
        if (entry.getValue() > most) {
          dominant = entry.getKey();
          most = entry.getValue();
        }
      }
      return new Counts(dominant, Collections.unmodifiableSortedMap(new TreeMap<>(lines)));
    }
  }
}
