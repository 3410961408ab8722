package logmon.core.stats;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import logmon.core.IncrementalTop;
import logmon.core.StatKey;
import logmon.core.Tally;
import logmon.core.TallyTable;
import logmon.core.format.ParsedLine;

/** The {@code --top} endpoints with the longest average response time (then the most requests). */
public final class SlowEndpoints extends Statistic<List<SlowEndpoints.Slow>> {

  SlowEndpoints() {}

  /** An endpoint's requests with a time: how many, their average and maximum in ms. */
  public record Slow(String endpoint, long count, double avgMs, double maxMs) implements Serializable {}

  static final TopN.SerializableOrder<Slow> SLOWEST_FIRST = (a, b) -> {
    int byAverage = Double.compare(b.avgMs(), a.avgMs());
    if (byAverage != 0) {
      return byAverage;
    }
    int byCount = Long.compare(b.count(), a.count());
    return byCount != 0 ? byCount : a.endpoint().compareTo(b.endpoint());
  };

  @Override
  public void tally(ParsedLine line, TallyTable table) {
    long micros = line.responseMicros();
    String endpoint = micros < 0 ? null : line.endpoint();
    if (endpoint != null) {
      table.addValue(key(0, endpoint), micros);
    }
  }

  @Override
  public boolean keyPerName(int sub) {
    return true;
  }

  @Override
  public Part<List<Slow>> part(Limits limits) {
    return new Slowest(limits.top());
  }

  /**
   * An average can fall as well as rise: the top is kept from the endpoints each batch touched
   * while that provably gives the exact top, and rebuilt from the whole state when it does not
   * (a listed endpoint's average fell below one left out).
   */
  @Override
  public Running<List<Slow>> running(Limits limits) {
    return new RunningSlowest(limits.top());
  }

  @Override
  public void json(List<Slow> result, Map<String, Object> fields) {
    List<Object> list = new ArrayList<>();
    for (Slow slow : result) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("endpoint", slow.endpoint());
      json.put("count", slow.count());
      json.put("avgMs", ResponseTimes.round(slow.avgMs()));
      json.put("maxMs", ResponseTimes.round(slow.maxMs()));
      list.add(json);
    }
    fields.put("topSlowEndpoints", list);
  }

  @Override
  public List<Section> sections(List<Slow> result) {
    if (result.isEmpty()) {
      return List.of();
    }
    List<Section.Row> rows = result.stream().map(s -> new Section.Row(
        "avg " + ResponseTimes.millis(s.avgMs()) + " ms  max " + ResponseTimes.millis(s.maxMs()) + " ms  ×"
            + String.format("%,d", s.count()), s.endpoint())).toList();
    return List.of(new Section("slowest endpoints (average response time)", rows, "none"));
  }

  private static Slow slow(StatKey key, Tally tally) {
    return new Slow(key.name(), tally.count(), (double) tally.sum() / tally.count() / 1000.0, tally.max() / 1000.0);
  }

  private static final class Slowest implements Part<List<Slow>> {
    private static final long serialVersionUID = 1L;
    private final TopN<Slow> top;

    Slowest(int limit) {
      top = new TopN<>(limit, SLOWEST_FIRST);
    }

    @Override
    public void add(StatKey key, Tally tally) {
      top.offer(slow(key, tally));
    }

    @Override
    public void merge(Part<List<Slow>> other) {
      top.merge(((Slowest) other).top);
    }

    @Override
    public List<Slow> result() {
      return top.toList();
    }
  }

  private static final class RunningSlowest implements Running<List<Slow>> {
    private static final long serialVersionUID = 1L;
    private final IncrementalTop<Slow> top;

    RunningSlowest(int limit) {
      top = new IncrementalTop<>(limit, (a, b) -> SLOWEST_FIRST.compare(a, b), Slow::endpoint);
    }

    @Override
    public void update(StatKey key, Tally total, boolean fresh) {
      top.update(slow(key, total));
    }

    @Override
    public void forget(StatKey key, Tally last) {
      top.forget(key.name());
    }

    @Override
    public void merge(Running<List<Slow>> other) {
      top.merge(((RunningSlowest) other).top);
    }

    @Override
    public boolean exact() {
      return top.exact();
    }

    @Override
    public List<Slow> result() {
      return top.toList();
    }
  }
}
