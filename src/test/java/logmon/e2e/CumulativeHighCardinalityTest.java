package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cumulative mode on a feed of many distinct endpoints and clients (most seen once, as scanners
 * and cache-busting query strings make them), appended in parts through {@code tail -f | nc}:
 * after each part, the totals, the top endpoints, the frequent clients and the number of clients
 * equal an independent count of everything sent so far. The parts make the ranking change hands
 * between batches — near ties, and an endpoint that only appears in the last parts and ends on top —
 * which is what the incremental ranking must follow exactly.
 */
class CumulativeHighCardinalityTest {

  private static final int PARTS = 4;
  private static final int LINES_PER_PART = 40_000;
  private static final int TOP = 5;
  private static final long IP_THRESHOLD = 3;

  @RegisterExtension
  final E2e e2e = new E2e();

  @Test
  void totalsAndRankingsAreExactAfterEveryPart() throws Exception {
    Path feed = Files.createFile(e2e.dir().resolve("feed.log"));
    int port = e2e.following(feed).port;
    LogmonProcess logmon = e2e.logmon("--cumulative", "--port", Integer.toString(port), "--output", "json",
        "--top", Integer.toString(TOP), "--ip-threshold", Long.toString(IP_THRESHOLD));
    SplittableRandom random = new SplittableRandom(11);
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    for (int part = 0; part < PARTS; part++) {
      byte[] lines = part(random, part);
      sent.write(lines);
      TestLogs.append(feed, lines);
      ReferenceCount expected = ReferenceCount.of(sent.toByteArray());
      JsonNode json = logmon.awaitJson("part " + part + " counted", 600,
          j -> j.get("requests").asLong() + j.get("malformed").asLong() == expected.requests + expected.malformed);
      assertThat(json.get("requests").asLong()).as("requests after part %d", part).isEqualTo(expected.requests);
      assertThat(json.get("bytes").get("sum").asLong()).isEqualTo(expected.bytesSum);
      assertThat(statusOf(json)).isEqualTo(expected.status.toString());
      assertThat(ranked(json.get("topEndpoints"), "endpoint")).as("top endpoints after part %d", part)
          .isEqualTo(ReferenceCount.top(expected.endpoints, TOP, 0));
      assertThat(ranked(json.get("frequentIps"), "ip")).as("frequent clients after part %d", part)
          .isEqualTo(ReferenceCount.top(expected.clients, Integer.MAX_VALUE, IP_THRESHOLD));
      assertThat(json.get("uniqueClients").asLong()).isEqualTo(expected.clients.size());
      if (part == PARTS - 1) {
        assertThat(ranked(json.get("topEndpoints"), "endpoint").get(0)).startsWith("/late=");
      }
    }
  }

  /**
   * {@code --forget-after}: a burst of endpoints and clients each seen once fills the state; once
   * they have been silent for longer, they are gone from it (a handful of keys remain), while the
   * totals still count every line, and the rankings hold only what was seen since.
   */
  @Test
  void forgetAfterBoundsTheStateAndKeepsTotalsExact() throws Exception {
    Path feed = Files.createFile(e2e.dir().resolve("feed.log"));
    int port = e2e.following(feed).port;
    LogmonProcess logmon = e2e.logmon("--cumulative", "--port", Integer.toString(port), "--output", "json",
        "--forget-after", "2s", "--ip-threshold", "0");
    StringBuilder burst = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      burst.append("10.").append(i / 256 % 256).append('.').append(i % 256).append(".1 - - [07/Mar/2004:16:05:49 -0800]"
          + " \"GET /once/").append(i).append(" HTTP/1.1\" ").append(i % 10 == 0 ? 500 : 200).append(" 100\n");
    }
    byte[] first = burst.toString().getBytes(StandardCharsets.UTF_8);
    TestLogs.append(feed, first);
    JsonNode full = logmon.awaitJson("the burst counted", 600, j -> j.get("requests").asLong() == 20_000);
    assertThat(full.get("stateKeys").asLong()).as("keys in state after the burst").isGreaterThanOrEqualTo(40_000);

    JsonNode forgotten = logmon.awaitJson("the burst's endpoints and clients forgotten",
        logmon.completeJsonLines().size(), 600, j -> j.get("stateKeys").asLong() < 100);
    assertThat(forgotten.get("requests").asLong()).as("requests once forgotten").isEqualTo(20_000);
    assertThat(forgotten.get("topEndpoints")).isEmpty();
    assertThat(forgotten.get("uniqueClients").asLong()).isZero();

    // What comes after is counted from zero, beside exact totals.
    byte[] alive = "192.0.2.7 - - [07/Mar/2004:16:05:49 -0800] \"GET /alive HTTP/1.1\" 200 5\n"
        .repeat(50).getBytes(StandardCharsets.UTF_8);
    TestLogs.append(feed, alive);
    JsonNode bounded = logmon.awaitJson("the lines after counted", 600, j -> j.get("requests").asLong() == 20_050);
    ReferenceCount expected = ReferenceCount.of(TestLogs.concat(first, alive));
    assertThat(bounded.get("requests").asLong()).isEqualTo(expected.requests);
    assertThat(bounded.get("bytes").get("sum").asLong()).isEqualTo(expected.bytesSum);
    assertThat(statusOf(bounded)).isEqualTo(expected.status.toString());
    assertThat(ranked(bounded.get("topEndpoints"), "endpoint")).containsExactly("/alive=50");
    assertThat(ranked(bounded.get("frequentIps"), "ip")).containsExactly("192.0.2.7=50");
    assertThat(bounded.get("uniqueClients").asLong()).isEqualTo(1);
    assertThat(bounded.get("topErrorEndpoints")).isEmpty();
  }

  /**
   * A part: mostly endpoints and clients drawn from a million each (nearly all new), a few hot
   * endpoints whose counts stay close, and from part 2 on one endpoint that overtakes them all.
   */
  private static byte[] part(SplittableRandom random, int part) {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < LINES_PER_PART; i++) {
      String endpoint;
      int pick = random.nextInt(100);
      if (pick < 3) {
        endpoint = "/hot/" + random.nextInt(8);
      } else if (pick < 10 && part >= 2) {
        endpoint = "/late";
      } else {
        endpoint = "/item/" + random.nextInt(1_000_000) + "?v=" + random.nextInt(10);
      }
      String client = random.nextInt(10) == 0
          ? "10.0.0." + random.nextInt(200)
          : "172." + random.nextInt(16, 32) + "." + random.nextInt(256) + "." + random.nextInt(256);
      int status = random.nextInt(20) == 0 ? 404 : 200;
      lines.append(client).append(" - - [07/Mar/2004:16:05:49 -0800] \"GET ").append(endpoint)
          .append(" HTTP/1.1\" ").append(status).append(' ').append(random.nextInt(100_000)).append('\n');
    }
    return lines.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> ranked(JsonNode list, String nameField) {
    List<String> names = new ArrayList<>();
    list.forEach(entry -> names.add(entry.get(nameField).asText() + "=" + entry.get("count").asLong()));
    return names;
  }

  private static String statusOf(JsonNode json) {
    var status = new java.util.TreeMap<String, Long>();
    json.get("status").fields().forEachRemaining(e -> status.put(e.getKey(), e.getValue().asLong()));
    return status.toString();
  }
}
