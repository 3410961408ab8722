package logmon.core.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import logmon.core.Ranked;
import logmon.core.StatKey;
import logmon.core.Tally;
import logmon.core.IncrementalTop;
import logmon.core.TallyTable;
import logmon.core.format.ParsedLine;
import logmon.core.format.Role;

/** Requests per virtual host ({@code %v}, {@code $host}): the {@code --top} busiest. */
public final class Hosts extends Statistic<List<Ranked>> {

  Hosts() {}

  @Override
  public void tally(ParsedLine line, TallyTable table) {
    String host = line.text(Role.VHOST);
    if (host != null) {
      table.count(key(0, host));
    }
  }

  @Override
  public boolean keyPerName(int sub) {
    return true;
  }

  @Override
  public Part<List<Ranked>> part(Limits limits) {
    return new MostFrequent(limits.top());
  }

  @Override
  public Running<List<Ranked>> running(Limits limits) {
    return new RunningBusiest(limits.top());
  }

  @Override
  public void json(List<Ranked> result, Map<String, Object> fields) {
    List<Object> list = new ArrayList<>();
    for (Ranked host : result) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("host", host.name());
      json.put("count", host.count());
      list.add(json);
    }
    fields.put("topHosts", list);
  }

  @Override
  public List<Section> sections(List<Ranked> result) {
    return MostFrequent.section("top hosts", result, logmon.core.change.Rankings.HOSTS);
  }

  @Override
  public Map<String, List<String>> rankings(List<Ranked> result) {
    return MostFrequent.ranking(logmon.core.change.Rankings.HOSTS, result);
  }

  /** Counts only grow: the top is kept from the hosts each batch touched. */
  private static final class RunningBusiest implements Running<List<Ranked>> {
    private static final long serialVersionUID = 1L;
    private final IncrementalTop<Ranked> top;

    RunningBusiest(int limit) {
      top = IncrementalTop.ofRanked(limit);
    }

    @Override
    public void update(StatKey key, Tally total, boolean fresh) {
      top.update(new Ranked(key.name(), total.count()));
    }

    @Override
    public void forget(StatKey key, Tally last) {
      top.forget(key.name());
    }

    @Override
    public void merge(Running<List<Ranked>> other) {
      top.merge(((RunningBusiest) other).top);
    }

    @Override
    public boolean exact() {
      return top.exact();
    }

    @Override
    public List<Ranked> result() {
      return top.toList();
    }
  }
}
