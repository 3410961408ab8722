package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real bin/logmon against a real {@code nc -lk} (and real stdin) fed a real file; the totals
 * logmon reports must equal an independent count of the same file.
 */
class SocketEndToEndTest {

  @TempDir
  Path dir;
  private final List<Process> children = new ArrayList<>();

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

  @AfterEach
  void stopChildren() {
    children.forEach(Process::destroyForcibly);
  }

  private File logFile() throws IOException {
    Path file = dir.resolve("access.log");
    Files.write(file, testLog);
    return file.toFile();
  }

  /**
   * nc serving the file; {@code -N} closes the connection at the end of the file, so the last line,
   * which has no newline, is complete. (Over a connection that stays open, a line without a newline
   * is one still being written, and waits.)
   */
  private Process netcat(int port) throws IOException {
    return new ProcessBuilder("nc", "-N", "-lk", "127.0.0.1", Integer.toString(port))
        .redirectInput(logFile()).redirectErrorStream(true).start();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void cumulativeTotalsFromNcEqualAnIndependentCount() throws Exception {
    assertThat(new File("/usr/bin/nc")).as("netcat-openbsd (nc) must be installed").exists();
    int port = freePort();
    Process nc = netcat(port);
    children.add(nc);

    LogmonProcess logmon = LogmonProcess.start(dir, null,
        "--port", Integer.toString(port), "--cumulative", "--output", "json", "--duration", "12s");
    children.add(logmon.process);

    assertThat(logmon.waitFor(90)).as(logmon.stderrText()).isZero();
    List<JsonNode> objects = logmon.jsonLines();
    assertThat(objects).as("one object per batch").hasSizeGreaterThan(3);
    assertTotalsMatch(objects.get(objects.size() - 1));
    assertThat(objects.get(objects.size() - 1).get("mode").asText()).isEqualTo("cumulative");
    assertThat(logmon.stderrText()).contains("connected");
  }

  @Test
  void stdinIsReadThroughAReceiverAndTheRunEndsWithTheInput() throws Exception {
    LogmonProcess logmon = LogmonProcess.start(dir, logFile(),
        "--stdin", "--cumulative", "--output", "json");
    children.add(logmon.process);

    assertThat(logmon.waitFor(90)).as(logmon.stderrText()).isZero();
    List<JsonNode> objects = logmon.jsonLines();
    assertThat(objects).isNotEmpty();
    assertTotalsMatch(objects.get(objects.size() - 1));
    assertThat(logmon.stderrText()).contains("input ended");
  }

  @Test
  void windowModeCountsTheFileWhileItIsInTheWindow() throws Exception {
    int port = freePort();
    Process nc = netcat(port);
    children.add(nc);

    LogmonProcess logmon = LogmonProcess.start(dir, null,
        "--port", Integer.toString(port), "--window", "30s", "--output", "json", "--duration", "10s");
    children.add(logmon.process);

    assertThat(logmon.waitFor(90)).as(logmon.stderrText()).isZero();
    JsonNode last = logmon.jsonLines().get(logmon.jsonLines().size() - 1);
    assertThat(last.get("mode").asText()).isEqualTo("window");
    assertThat(last.get("window").asText()).isEqualTo("30s");
    assertTotalsMatch(last);
  }

  @Test
  void badOptionsGiveOneLineAndExitTwo() throws Exception {
    LogmonProcess logmon = LogmonProcess.start(dir, null, "--window", "45s", "--batch", "10s");
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
