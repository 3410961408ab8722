package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import logmon.render.JsonContract;

/**
 * The real bin/logmon against a real {@code nc -lk} (and real stdin) fed a real file; the totals
 * logmon reports must equal an independent count of the same file.
 */
class SocketEndToEndTest {

  @RegisterExtension
  final E2e e2e = new E2e();

  static byte[] testLog;
  static ReferenceCount expected;

  @BeforeAll
  static void buildTheLog() throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    log.write(Files.readAllBytes(Path.of("data/apache.access.log"))); // 1,406 lines, CRLF
    String extra = String.join("\n",
        "this is not an access log line",
        "",
        "   ",
        "10.9.9.9 - - [07/Mar/2004:16:05:49 -0800] \"GET /\u001b]0;pwned\u0007 HTTP/1.1\" 404 12",
        "10.9.9.9 - - [07/Mar/2004:16:05:49 -0800] \"GET /quoted\\\"path HTTP/1.1\" 200 -",
        "10.9.9.9 - - [07/Mar/2004:16:05:49 -0800] \"GET /x HTTP/1.1\" 2OO 5",
        "[07/Mar/2004:16:05:49 -0800] \"GET /x HTTP/1.1\" 200 5",
        "2001:db8::7 - - [07/Mar/2004:16:05:49 -0800] \"GET /v6 HTTP/1.1\" 503 77 \"-\" \"curl\"",
        "") + "\n";
    log.write(extra.getBytes(StandardCharsets.UTF_8));
    // The edges of the grammar's ranges (dates, zones, byte counts), on both sides.
    for (String line : TestLogs.VALID_AT_THE_EDGES) {
      log.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
    for (String line : TestLogs.MALFORMED_AT_THE_EDGES) {
      log.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
    log.write(new byte[] {'b', 'a', 'd', (byte) 0xff, (byte) 0xfe, 0, 1, '\n'});
    // the stream ends without a newline
    log.write("10.9.9.9 - - [07/Mar/2004:16:05:49 -0800] \"GET /last HTTP/1.1\" 200 1".getBytes(StandardCharsets.UTF_8));
    testLog = log.toByteArray();
    expected = ReferenceCount.of(testLog);
  }

  private File logFile() throws IOException {
    return Files.write(e2e.dir().resolve("access.log"), testLog).toFile();
  }

  /**
   * nc serving the file; {@code -N} closes the connection at the end of the file, so the last line,
   * which has no newline, is complete. (Over a connection that stays open, a line without a newline
   * is one still being written, and waits.)
   */
  private int netcat() throws Exception {
    return e2e.serving(logFile().toPath()).port;
  }

  /** Waits until the file is counted, then stops logmon as a user would; returns every object. */
  private static List<JsonNode> countThenStop(LogmonProcess logmon) throws Exception {
    logmon.awaitJson("the whole file counted", 180, json -> json.get("requests").asLong() == expected.requests
        && json.get("malformed").asLong() == expected.malformed);
    logmon.signal("TERM");
    assertThat(logmon.waitFor(120)).as(logmon.stderrText()).isZero();
    return logmon.jsonLines();
  }

  @Test
  void cumulativeTotalsFromNcEqualAnIndependentCount() throws Exception {
    int port = netcat();
    LogmonProcess logmon = e2e.logmon("--port", Integer.toString(port), "--cumulative", "--output", "json");

    List<JsonNode> objects = countThenStop(logmon);
    assertThat(objects).as("one object per batch").hasSizeGreaterThan(1);
    JsonNode last = objects.get(objects.size() - 1);
    assertTotalsMatch(last);
    assertThat(last.get("mode").asText()).isEqualTo("cumulative");
    assertThat(logmon.stderrText()).contains("connected");
    assertThat(JsonContract.pointersOfEveryObject(false))
        .as("the documented fields of a real cumulative object").allSatisfy(pointer ->
            assertThat(last.at(pointer).isMissingNode()).as("%s missing from %s", pointer, last).isFalse());
  }

  @Test
  void stdinIsReadThroughAReceiverAndTheRunEndsWithTheInput() throws Exception {
    LogmonProcess logmon = e2e.logmon(logFile(), "--stdin", "--cumulative", "--output", "json");

    assertThat(logmon.waitFor(180)).as(logmon.stderrText()).isZero();
    List<JsonNode> objects = logmon.jsonLines();
    assertThat(objects).isNotEmpty();
    assertTotalsMatch(objects.get(objects.size() - 1));
    assertThat(logmon.stderrText()).contains("input ended");
  }

  @Test
  void windowModeCountsTheFileWhileItIsInTheWindow() throws Exception {
    int port = netcat();
    LogmonProcess logmon = e2e.logmon("--port", Integer.toString(port), "--window", "30s", "--output", "json");

    List<JsonNode> objects = countThenStop(logmon);
    JsonNode last = objects.get(objects.size() - 1);
    assertThat(last.get("mode").asText()).isEqualTo("window");
    assertThat(last.get("window").asText()).isEqualTo("30s");
    assertTotalsMatch(last);
    assertThat(JsonContract.pointersOfEveryObject(true))
        .as("the documented fields of a real window object").allSatisfy(pointer ->
            assertThat(last.at(pointer).isMissingNode()).as("%s missing from %s", pointer, last).isFalse());
  }

  /** --duration ends a run whose input never ends (stdin is a pipe the test keeps open). */
  @Test
  void durationStopsTheRunByItself() throws Exception {
    LogmonProcess logmon = e2e.logmon("--stdin", "--cumulative", "--output", "json", "--duration", "2s");
    assertThat(logmon.waitFor(180)).as(logmon.stderrText()).isZero();
    // The 2 s count from launch: on a loaded machine Spark may still be starting then, and the run
    // ends with no batch at all (StartupIT covers that case). Whatever it wrote is whole objects.
    System.out.printf("durationStopsTheRunByItself: %d batches in 2 s%n", logmon.jsonLines().size());
  }

  @Test
  void badOptionsGiveOneLineAndExitTwo() throws Exception {
    LogmonProcess logmon = e2e.logmon("--window", "45s", "--batch", "10s");
    assertThat(logmon.waitFor(60)).isEqualTo(2);
    assertThat(logmon.stderrText().strip().lines())
        .containsExactly("logmon: --window 45s is not a multiple of --batch 10s");
    assertThat(Files.size(logmon.stdout)).isZero();
  }

  private static void assertTotalsMatch(JsonNode json) {
    assertThat(json.get("requests").asLong()).isEqualTo(expected.requests).isEqualTo(1406 + 4 + 5);
    assertThat(json.get("malformed").asLong()).isEqualTo(expected.malformed).isEqualTo(4 + 15);
    assertThat(json.get("bytes").get("sum").asLong()).isEqualTo(expected.bytesSum);
    assertThat(json.get("bytes").get("min").asLong()).isEqualTo(expected.bytesMin);
    assertThat(json.get("bytes").get("max").asLong()).isEqualTo(expected.bytesMax);
    Map<String, Long> status = new TreeMap<>();
    json.get("status").fields().forEachRemaining(e -> status.put(e.getKey(), e.getValue().asLong()));
    assertThat(status).isEqualTo(expected.status);
    assertThat(names(json.get("topEndpoints"), "endpoint"))
        .isEqualTo(ReferenceCount.top(expected.endpoints, 10, 0));
    assertThat(names(json.get("frequentIps"), "ip"))
        .isEqualTo(ReferenceCount.top(expected.clients, Integer.MAX_VALUE, 10));
  }

  private static List<String> names(JsonNode array, String field) {
    List<String> names = new ArrayList<>();
    array.forEach(entry -> names.add(entry.get(field).asText() + "=" + entry.get("count").asLong()));
    return names;
  }
}
