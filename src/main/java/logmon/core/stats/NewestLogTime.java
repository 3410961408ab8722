package logmon.core.stats;

import java.util.Map;
import logmon.core.StatKey;
import logmon.core.Tally;
import logmon.core.TallyTable;
import logmon.core.format.ParsedLine;

/**
 * The newest log timestamp counted, in epoch seconds (null when no line had one): how far behind
 * the lines logmon counts are ({@code batchHealth.lagSeconds}, which the run monitor works out).
 */
public final class NewestLogTime extends Statistic<Long> {

  private StatKey newest;

  NewestLogTime() {}

  @Override
  public void tally(ParsedLine line, TallyTable table) {
    long second = line.epochSecond();
    if (second != ParsedLine.NO_TIME) {
      if (newest == null) {
        newest = key(0, "");
      }
      table.addValue(newest, second);
    }
  }

  @Override
  public Part<Long> part(Limits limits) {
    return new Newest();
  }

  /** Shown as the batch health's {@code lagSeconds}, not as a field of its own. */
  @Override
  public void json(Long result, Map<String, Object> fields) {}

  private static final class Newest implements Part<Long> {
    private static final long serialVersionUID = 1L;
    private long newest = Long.MIN_VALUE;

    @Override
    public void add(StatKey key, Tally tally) {
      newest = Math.max(newest, tally.max());
    }

    @Override
    public void merge(Part<Long> other) {
      newest = Math.max(newest, ((Newest) other).newest);
    }

    @Override
    public Long result() {
      return newest == Long.MIN_VALUE ? null : newest;
    }
  }
}
