package logmon.core.stats;

import java.util.Map;
import logmon.core.StatKey;
import logmon.core.Tally;

/**
 * How many keys the view holds — each endpoint, client, response code, host … once: in cumulative
 * mode the entries of Spark's running state, which is what {@code --forget-after} bounds; in
 * window mode the distinct keys of the window's batch tables. Shown in the JSON only.
 */
public final class StateKeys extends Statistic<Long> {

  StateKeys() {}

  @Override
  public boolean reads(StatKey.Kind kind) {
    return !StatKey.isPerBatch(kind); // a batch's own counts are not kept from batch to batch
  }

  @Override
  public Part<Long> part(Limits limits) {
    return new Count();
  }

  @Override
  public Running<Long> running(Limits limits) {
    return new Count();
  }

  @Override
  public void json(Long result, Map<String, Object> fields) {
    fields.put("stateKeys", result);
  }

  /** Counts each key once: reduced entries arrive once each, and changes say when a key is new. */
  private static final class Count implements Part<Long>, Running<Long> {
    private static final long serialVersionUID = 1L;
    private long keys;

    @Override
    public void add(StatKey key, Tally tally) {
      keys++;
    }

    @Override
    public void update(StatKey key, Tally total, boolean fresh) {
      if (fresh) {
        keys++;
      }
    }

    @Override
    public void forget(StatKey key, Tally last) {
      keys--;
    }

    @Override
    public void merge(Part<Long> other) {
      keys += ((Count) other).keys;
    }

    @Override
    public void merge(Running<Long> other) {
      keys += ((Count) other).keys;
    }

    @Override
    public Long result() {
      return keys;
    }
  }
}
