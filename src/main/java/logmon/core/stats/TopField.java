package logmon.core.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import logmon.core.Ranked;
import logmon.core.StatKey;
import logmon.core.Tally;
import logmon.core.TallyTable;
import logmon.core.TopRanking;
import logmon.core.format.ParsedLine;
import logmon.core.format.Role;

/**
 * A built-in ranking of one field where the format has it — user agents, referrers, the paths
 * answered 404 — as {@code [{key, count}]}, the {@code --top} most frequent. One class, an
 * instance per field (listed in {@link Statistics}).
 */
public final class TopField extends Statistic<List<Ranked>> {

  private final String jsonName;
  private final String title;
  private final Function<ParsedLine, String> value;

  private TopField(String jsonName, String title, Function<ParsedLine, String> value) {
    this.jsonName = jsonName;
    this.title = title;
    this.value = value;
  }

  static TopField agents() {
    return new TopField("topAgents", "top user agents", line -> line.text(Role.USER_AGENT));
  }

  /** "-" (no referrer) is left out: it would top every log. */
  static TopField referers() {
    return new TopField("topReferers", "top referrers", line -> {
      String referer = line.text(Role.REFERER);
      return referer == null || referer.equals("-") ? null : referer;
    });
  }

  static TopField notFound() {
    return new TopField("top404", "top 404 paths", line -> line.status() == 404 ? line.endpoint() : null);
  }

  /** Its name in the JSON. */
  public String jsonName() {
    return jsonName;
  }

  public String title() {
    return title;
  }

  @Override
  public void tally(ParsedLine line, TallyTable table) {
    String v = value.apply(line);
    if (v != null && !v.isEmpty()) {
      table.count(key(0, v));
    }
  }

  @Override
  public Part<List<Ranked>> part(Limits limits) {
    return new Most(limits.top());
  }

  @Override
  public void json(List<Ranked> result, Map<String, Object> fields) {
    List<Object> list = new ArrayList<>();
    for (Ranked entry : result) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("key", entry.name());
      json.put("count", entry.count());
      list.add(json);
    }
    fields.put(jsonName, list);
  }

  @Override
  public List<Section> sections(List<Ranked> result) {
    if (result.isEmpty()) {
      return List.of();
    }
    return List.of(new Section(title,
        result.stream().map(r -> new Section.Row(String.format("%,d", r.count()), r.name())).toList(), "none"));
  }

  private static final class Most implements Part<List<Ranked>> {
    private static final long serialVersionUID = 1L;
    private final TopRanking top;

    Most(int limit) {
      top = new TopRanking(limit);
    }

    @Override
    public void add(StatKey key, Tally tally) {
      top.offer(new Ranked(key.name(), tally.count()));
    }

    @Override
    public void merge(Part<List<Ranked>> other) {
      top.merge(((Most) other).top);
    }

    @Override
    public List<Ranked> result() {
      return top.toList();
    }
  }
}
