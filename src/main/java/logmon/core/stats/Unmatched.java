package logmon.core.stats;

import java.util.List;
import java.util.Map;
import logmon.core.StatKey;
import logmon.core.Tally;

/**
 * Parsed lines that {@code --where} left out of every other figure: how much of the traffic the
 * filter shows is {@code requests / (requests + unmatched)}. Zero without a filter.
 */
public final class Unmatched extends Statistic<Long> {

  Unmatched() {}

  @Override
  public boolean reads(StatKey.Kind kind) {
    return kind == StatKey.Kind.UNMATCHED;
  }

  @Override
  public Part<Long> part(Limits limits) {
    return new Count();
  }

  @Override
  public void json(Long result, Map<String, Object> fields) {
    fields.put("unmatched", result);
  }

  @Override
  public List<Figure> figures(Long result) {
    return result == 0 ? List.of() : List.of(new Figure("unmatched", String.format("%,d", result)));
  }

  private static final class Count implements Part<Long> {
    private static final long serialVersionUID = 1L;
    private long lines;

    @Override
    public void add(StatKey key, Tally tally) {
      lines += tally.count();
    }

    @Override
    public void merge(Part<Long> other) {
      lines += ((Count) other).lines;
    }

    @Override
    public Long result() {
      return lines;
    }
  }
}
