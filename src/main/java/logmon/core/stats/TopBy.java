package logmon.core.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import logmon.core.StatKey;
import logmon.core.Tally;
import logmon.core.TallyTable;
import logmon.core.format.ParsedLine;
import logmon.core.query.Ranking;

/**
 * {@code --top FIELD[,FIELD]}: the {@code --top} most frequent values of any field, or pairs of
 * values, exact. Each line adds one key per ranking — the ranking's index and its values — so
 * windows and running state merge them like any other keys; the rankings (compiled per task) come
 * from the table, their names from {@link Limits#topBy()}.
 */
public final class TopBy extends Statistic<Map<String, List<Keyed>>> {

  TopBy() {}

  @Override
  public void tally(ParsedLine line, TallyTable table) {
    List<Ranking> rankings = table.rankings();
    for (int i = 0; i < rankings.size(); i++) {
      List<String> key = rankings.get(i).key(line);
      if (key != null) {
        table.count(key(0, encode(i, key)));
      }
    }
  }

  /** "index:value" for one field; "index:length:value1value2" for two, so that any text fits. */
  static String encode(int index, List<String> key) {
    if (key.size() == 1) {
      return index + ":" + key.get(0);
    }
    return index + ":" + key.get(0).length() + ":" + key.get(0) + key.get(1);
  }

  static int indexOf(String name) {
    return Integer.parseInt(name.substring(0, name.indexOf(':')));
  }

  static List<String> decode(String name, int fields) {
    String rest = name.substring(name.indexOf(':') + 1);
    if (fields == 1) {
      return List.of(rest);
    }
    int colon = rest.indexOf(':');
    int length = Integer.parseInt(rest.substring(0, colon));
    String values = rest.substring(colon + 1);
    return List.of(values.substring(0, length), values.substring(length));
  }

  @Override
  public Part<Map<String, List<Keyed>>> part(Limits limits) {
    return new Rankings(limits.topBy(), limits.top());
  }

  @Override
  public void json(Map<String, List<Keyed>> result, Map<String, Object> fields) {
    Map<String, Object> json = new LinkedHashMap<>();
    result.forEach((spec, entries) -> {
      List<Object> list = new ArrayList<>();
      for (Keyed entry : entries) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("key", entry.key().size() == 1 ? entry.key().get(0) : entry.key());
        item.put("count", entry.count());
        list.add(item);
      }
      json.put(spec, list);
    });
    fields.put("topBy", json);
  }

  @Override
  public List<Section> sections(Map<String, List<Keyed>> result) {
    List<Section> sections = new ArrayList<>();
    result.forEach((spec, entries) -> sections.add(new Section("top " + spec.replace(",", ", "),
        entries.stream().map(e -> new Section.Row(String.format("%,d", e.count()), e.name())).toList(),
        "none", rankingName(spec))));
    return sections;
  }

  /** "topBy/status,path": the ranking's place in the JSON. */
  public static String rankingName(String spec) {
    return "topBy/" + spec;
  }

  /** Each pair's values encoded as in the table ({@link #encode}), so that no two pairs read alike. */
  @Override
  public Map<String, List<String>> rankings(Map<String, List<Keyed>> result) {
    Map<String, List<String>> rankings = new LinkedHashMap<>();
    result.forEach((spec, entries) -> rankings.put(rankingName(spec),
        entries.stream().map(e -> encode(0, e.key())).toList()));
    return rankings;
  }

  private static final class Rankings implements Part<Map<String, List<Keyed>>> {
    private static final long serialVersionUID = 1L;
    private final List<String> specs;
    private final List<TopN<Keyed>> tops = new ArrayList<>();

    Rankings(List<String> specs, int limit) {
      this.specs = List.copyOf(specs);
      specs.forEach(spec -> tops.add(new TopN<>(limit, Keyed.BY_COUNT_THEN_KEY)));
    }

    @Override
    public void add(StatKey key, Tally tally) {
      int index = indexOf(key.name());
      if (index < specs.size()) {
        int fields = specs.get(index).split(",").length;
        tops.get(index).offer(new Keyed(decode(key.name(), fields), tally.count()));
      }
    }

    @Override
    public void merge(Part<Map<String, List<Keyed>>> other) {
      Rankings rankings = (Rankings) other;
      for (int i = 0; i < tops.size(); i++) {
        tops.get(i).merge(rankings.tops.get(i));
      }
    }

    @Override
    public Map<String, List<Keyed>> result() {
      Map<String, List<Keyed>> result = new LinkedHashMap<>();
      for (int i = 0; i < specs.size(); i++) {
        result.put(specs.get(i), tops.get(i).toList());
      }
      return java.util.Collections.unmodifiableMap(result);
    }
  }
}
