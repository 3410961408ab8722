package logmon.core.stats;

import java.util.List;
import java.util.Map;
import logmon.core.StatKey;
import logmon.core.Tally;

/**
 * How many distinct clients the view holds: exact, since each client is a key of its own
 * (the same keys {@code frequentIps} ranks), and a reduced view holds each key once.
 */
public final class UniqueClients extends Statistic<Long> {

  UniqueClients() {}

  @Override
  public boolean reads(StatKey.Kind kind) {
    return kind == StatKey.Kind.CLIENT;
  }

  @Override
  public Part<Long> part(Limits limits) {
    return new Count();
  }

  /** Counts clients as they enter and leave the state: no client needs to be remembered. */
  @Override
  public Running<Long> running(Limits limits) {
    return new RunningCount();
  }

  @Override
  public void json(Long result, Map<String, Object> fields) {
    fields.put("uniqueClients", result);
  }

  @Override
  public List<Figure> figures(Long result) {
    return List.of(new Figure("clients", String.format("%,d", result)));
  }

  private static final class Count implements Part<Long> {
    private static final long serialVersionUID = 1L;
    private long clients;

    @Override
    public void add(StatKey key, Tally tally) {
      clients++;
    }

    @Override
    public void merge(Part<Long> other) {
      clients += ((Count) other).clients;
    }

    @Override
    public Long result() {
      return clients;
    }
  }

  private static final class RunningCount implements Running<Long> {
    private static final long serialVersionUID = 1L;
    private long clients;

    @Override
    public void update(StatKey key, Tally total, boolean fresh) {
      if (fresh) {
        clients++;
      }
    }

    @Override
    public void forget(StatKey key, Tally last) {
      clients--;
    }

    @Override
    public void merge(Running<Long> other) {
      clients += ((RunningCount) other).clients;
    }

    @Override
    public Long result() {
      return clients;
    }
  }
}
