package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --top status,path} on the real bin/logmon: the ranking of pairs equals one computed here
 * from {@link ReferenceCount}'s lines (java.util.regex, no logmon code), entry by entry.
 */
class TopByEndToEndTest {

  @RegisterExtension
  final E2e e2e = new E2e();

  @Test
  void aRankingOfTwoFieldsIsExact() throws Exception {
    byte[] log = TestLogs.sampleWithOddLines();
    ReferenceCount reference = ReferenceCount.of(log);
    var file = Files.write(e2e.dir().resolve("access.log"), log).toFile();

    LogmonProcess logmon = e2e.logmon(file, "--stdin", "--cumulative", "--output", "json",
        "--top", "status,path", "--top", "7");

    assertThat(logmon.waitFor(180)).as(logmon.stderrText()).isZero();
    List<JsonNode> objects = logmon.jsonLines();
    JsonNode last = objects.get(objects.size() - 1);
    assertThat(last.get("requests").asLong()).isEqualTo(reference.requests);
    assertThat(entries(last.get("topBy").get("status,path"))).isEqualTo(expectedPairs(reference, 7));
    assertThat(last.get("topEndpoints").size()).as("--top 7 is the length of every list").isEqualTo(7);
  }

  /** "status path=count", count descending, then status, then path, as logmon orders keys. */
  private static List<String> expectedPairs(ReferenceCount reference, int n) {
    Map<List<String>, Long> counts = new TreeMap<>(Comparator.<List<String>, String>comparing(k -> k.get(0))
        .thenComparing(k -> k.get(1)));
    for (ReferenceCount.Line line : reference.counted) {
      String endpoint = line.endpoint();
      if (endpoint != null) {
        counts.merge(List.of(Integer.toString(line.status()), endpoint.split("\\?", 2)[0]), 1L, Long::sum);
      }
    }
    List<Map.Entry<List<String>, Long>> sorted = new ArrayList<>(counts.entrySet());
    sorted.sort(Map.Entry.<List<String>, Long>comparingByValue(Comparator.reverseOrder()));
    return sorted.stream().limit(n).map(e -> e.getKey().get(0) + " " + e.getKey().get(1) + "=" + e.getValue()).toList();
  }

  private static List<String> entries(JsonNode ranking) {
    List<String> entries = new ArrayList<>();
    ranking.forEach(e -> entries.add(e.get("key").get(0).asText() + " " + e.get("key").get(1).asText() + "="
        + e.get("count").asLong()));
    return entries;
  }
}
