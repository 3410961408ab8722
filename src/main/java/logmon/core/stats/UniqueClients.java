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
}
