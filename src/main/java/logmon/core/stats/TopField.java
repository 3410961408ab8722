package logmon.core.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import logmon.core.Ranked;
import logmon.core.TallyTable;
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
    return new MostFrequent(limits.top());
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
    return MostFrequent.section(title, result, jsonName);
  }

  @Override
  public Map<String, List<String>> rankings(List<Ranked> result) {
    return MostFrequent.ranking(jsonName, result);
  }

}
