package logmon.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import logmon.core.BatchCount;
import logmon.core.BatchHealth;
import logmon.core.ByteStats;
import logmon.core.Ranked;
import logmon.core.Snapshot;
import logmon.core.SourceStatus;
import logmon.core.TrafficStats;
import logmon.core.ViewSpec;
import logmon.core.alert.AlertRule;
import logmon.core.alert.AlertStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON field names are a contract scripts rely on: every field the README documents is read
 * here, at its documented place, with the value the snapshot holds ({@link JsonContract}).
 */
class JsonContractTest {

  private static final Instant T = Instant.parse("2026-11-26T12:00:00Z");
  private static final ViewSpec WINDOW =
      ViewSpec.window(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(2));
  private static final ViewSpec CUMULATIVE = ViewSpec.cumulative(Duration.ofSeconds(1));

  /**
   * What changed against the window before: 2 requests then (one 5xx, p99 40 ms); /a is new among
   * the endpoints, /b was first; the agent curl/8 is new, and first as before in --top agent.
   */
  private static logmon.core.change.Comparison changes() {
    return new logmon.core.change.Comparison(Duration.ofSeconds(30),
        new logmon.core.change.Period(4, 0.0, 100.0), new logmon.core.change.Period(2, 50.0, 40.0), Map.of(
        "topEndpoints", logmon.core.change.RankingChanges.compare(List.of("/b"), List.of("/a", "/b")),
        "topAgents", logmon.core.change.RankingChanges.compare(List.of(), List.of("curl/8")),
        "topBy/agent", logmon.core.change.RankingChanges.compare(List.of("curl/8"), List.of("curl/8"))));
  }

  /** Every figure different, so that two fields swapped cannot pass. */
  private static JsonNode json(ViewSpec view) throws Exception {
    var source = new SourceStatus("127.0.0.1:9999", SourceStatus.State.CONNECTED, "127.0.0.1:9999");
    var status = new TreeMap<String, Long>(Map.of("200", 3L, "404", 1L));
    var traffic = new TrafficStats(4, 2, 1, new ByteStats(400, 10L, 200L, 100.0), status,
        List.of(new Ranked("/a", 3), new Ranked("/b", 1)), List.of(new Ranked("/b", 1)),
        List.of(new Ranked("10.0.0.1", 4)),
        List.of(new BatchCount(T.toEpochMilli() - 1000, 1, 1), new BatchCount(T.toEpochMilli(), 3, 1)),
        T.toEpochMilli() - 1000, new TreeMap<>(Map.of("127.0.0.1:9999", 6L)), 3, 5, timesAndHosts());
    var health = new BatchHealth(120L, 3L, 123L, 7, true, 400_000L, 9L);
    var snapshot = new Snapshot(T, view, traffic, health, source, List.of(source),
        new logmon.core.ActiveFilter("status != 500", T.minusSeconds(90))).withAlerts(List.of(
        new AlertStatus(AlertRule.parse("5xx > 2% for 1m"), AlertStatus.State.FIRING, T.minusSeconds(60), 25.0, true),
        new AlertStatus(AlertRule.parse("p99 > 800ms for 2m"), AlertStatus.State.PENDING, T, null, false)))
        .withChanges(changes());
    // Through the text, as scripts read it.
    return SnapshotJson.MAPPER.readTree(SnapshotJson.MAPPER.writeValueAsString(SnapshotJson.toJson(snapshot)));
  }

  /**
   * The statistics a format with virtual hosts and times gives (issue 10), from ten real lines:
   * /p0 took 20, 40 … 100 ms, /p1 10, 30 … 90 ms, all on shop.example, from three clients; and
   * one line that {@code --where status != 500} leaves out; one of them answered 404; all with a
   * referrer and the agent curl/8, ranked with {@code --top agent --top status,path}.
   */
  private static final List<String> TOP_BY = List.of("agent", "status,path");

  private static logmon.core.stats.Results timesAndHosts() {
    String format = "%v %h %t \"%r\" %>s %b %{ms}T \"%{Referer}i\" \"%{User-Agent}i\"";
    var formats = logmon.core.format.LineParser.formats(format);
    var table = new logmon.core.TallyTable(logmon.core.format.LineParser.of(format),
        logmon.core.query.Query.compile("status != 500", formats),
        TOP_BY.stream().map(spec -> logmon.core.query.Ranking.compile(spec, formats)).toList());
    // Left out by the filter: counted as unmatched only.
    table.addLine("shop.example 10.0.0.9 [26/Nov/2026:12:00:00 +0000] \"GET /x HTTP/1.1\" 500 5 7 \"-\" \"-\"");
    for (int i = 1; i <= 10; i++) {
      table.addLine("shop.example 10.0.0." + (i % 3) + " [26/Nov/2026:12:00:00 +0000] \"GET /p" + (i % 2)
          + " HTTP/1.1\" " + (i == 1 ? 404 : 200) + " 5 " + i * 10 + " \"https://ref.example/\" \"curl/8\"");
    }
    var accumulator = new logmon.core.StatsAccumulator(10, 10, TOP_BY);
    table.forEach(accumulator::add);
    return accumulator.result().results();
  }

  static Stream<Arguments> fieldsInEachMode() {
    return JsonContract.FIELDS.stream().flatMap(field -> Stream.of(
        Arguments.of(field.pointer(), "window", field.window()),
        Arguments.of(field.pointer(), "cumulative", field.cumulative())));
  }

  @ParameterizedTest(name = "{0} in {1} mode")
  @MethodSource("fieldsInEachMode")
  void eachDocumentedFieldHoldsItsValue(String pointer, String mode, String expected) throws Exception {
    JsonNode node = json(mode.equals("window") ? WINDOW : CUMULATIVE).at(pointer);
    if (expected.equals(JsonContract.ABSENT)) {
      assertThat(node.isMissingNode()).as("%s in %s mode is absent", pointer, mode).isTrue();
    } else {
      assertThat(node.isMissingNode()).as("%s in %s mode is there", pointer, mode).isFalse();
      assertThat(node).as("%s in %s mode", pointer, mode).isEqualTo(SnapshotJson.MAPPER.readTree(expected));
    }
  }

  /** A field documented in the README's "Output" section but missing from the table fails here. */
  @Test
  void everyFieldTheReadmeDocumentsIsInTheTable() throws Exception {
    Set<String> documented = documentedFieldNames(Files.readString(Path.of("README.md")));
    assertThat(documented).as("names found in the README's Output section")
        .contains("time", "slide", "batch", "since", "schedulingDelayMs", "totalDelayMs", "batchesCompleted",
            "sources");
    Set<String> tabled = new TreeSet<>();
    JsonContract.FIELDS.forEach(field -> tabled.addAll(field.names()));
    assertThat(tabled).as("fields with a line in JsonContract.FIELDS").containsAll(documented);
  }

  /**
   * The names in the "Output" section: the keys of the example object, and the first column of
   * the field table (`a`, `b` …); the JSON's `sources` list is documented under "More sources".
   */
  static Set<String> documentedFieldNames(String readme) {
    int start = readme.indexOf("\n## Output");
    int end = readme.indexOf("\n## ", start + 1);
    assertThat(start).as("the README's Output section").isNotNegative();
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    Set<String> names = new TreeSet<>();
    int example = section.indexOf("```json");
    // The keys of "formats" are data (format names), as those of "status" are.
    String object = section.substring(example, section.indexOf("```", example + 7))
        .replaceAll("\"formats\":\\{[^}]*}", "\"formats\":{}");
    Matcher key = Pattern.compile("\"([A-Za-z][A-Za-z0-9]*)\":").matcher(object);
    while (key.find()) {
      names.add(key.group(1));
    }
    Matcher row = Pattern.compile("(?m)^\\| (`[^|]*`) \\|").matcher(section);
    while (row.find()) {
      Matcher name = Pattern.compile("`([A-Za-z][A-Za-z0-9.]*)`").matcher(row.group(1));
      while (name.find()) {
        String dotted = name.group(1);
        names.add(dotted.substring(dotted.lastIndexOf('.') + 1));
      }
    }
    if (readme.contains("the JSON's `sources` list")) {
      names.add("sources");
    }
    return names;
  }
}
