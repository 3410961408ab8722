package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Input that is too long, not UTF-8, full of control bytes and escape sequences, a flood of junk:
 * every line is counted exactly as an independent count says, and the job survives it.
 */
class HostileInputTest {

  private static final int DEFAULT_LIMIT = 2 * 1024 * 1024;
  private static final String PREFIX = "10.6.6.6 - - [07/Mar/2004:16:05:49 -0800] \"GET ";

  @RegisterExtension
  final E2e e2e = new E2e();
  static byte[] hostile;

  @BeforeAll
  static void buildTheInput() {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try {
      log.write(TestLogs.sampleLines(0, 200));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    // 3 MB: over the default limit, with or without parsing.
    log.writeBytes(requestWithPathOf(3 * 1024 * 1024));
    // A valid request whose URL is 1 MB: under the limit, so it counts.
    log.writeBytes(requestWithPathOf(1024 * 1024));
    // Exactly at the default limit, and one byte over it.
    log.writeBytes(lineOfLength(DEFAULT_LIMIT));
    log.writeBytes(lineOfLength(DEFAULT_LIMIT + 1));
    // Exactly at 1024 bytes (the smallest --max-line-bytes), and one over.
    log.writeBytes(lineOfLength(1024));
    log.writeBytes(lineOfLength(1025));
    // Invalid UTF-8: inside a quoted field (still a request), and as a line of its own.
    log.writeBytes(bytes(PREFIX + "/caf"));
    log.writeBytes(new byte[] {(byte) 0xc3, (byte) 0x28, (byte) 0xff, (byte) 0xfe});
    log.writeBytes(bytes(" HTTP/1.1\" 200 10\n"));
    log.writeBytes(new byte[] {(byte) 0x80, (byte) 0xbf, (byte) 0xc0, (byte) 0xaf, '\n'});
    // NUL and control bytes: in a quoted field (a request) and as a junk line.
    log.writeBytes(bytes(PREFIX + "/nul\u0000\u0001\u0002\u007f HTTP/1.1\" 404 0 \"-\" \"agent\u0000\u0008\"\n"));
    log.writeBytes(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 0x0b, 0x0c, 0x0e, 0x1f, 0x7f, '\n'});
    log.writeBytes(bytes("\u000b\n\u000c\n\u001c\n")); // not whitespace in the grammar: malformed
    // Terminal escape sequences: in the client, in the URL, and a line of them.
    log.writeBytes(bytes("\u001b[31mred\u001b[0m - - [07/Mar/2004:16:05:49 -0800] \"GET /\u001b]0;title\u0007"
        + "\u001b[2J HTTP/1.1\" 500 7\n"));
    log.writeBytes(bytes("\u001b[2J\u001b[H\u001b]52;c;ZWNobyBwd25lZA==\u0007\u009b31m\n"));
    // A lone CR does not end a line; CRLF does.
    log.writeBytes(bytes(PREFIX + "/cr\rinside HTTP/1.1\" 200 3\r\n"));
    // A flood of junk.
    log.writeBytes(TestLogs.repeat(bytes("GET /flood HTTP/1.1 this is not an access log line\n"), 100_000));
    // Blank lines.
    log.writeBytes(bytes("\n\n   \n\t\r\n\r\n"));
    // The end, without a newline.
    log.writeBytes(bytes(PREFIX + "/last HTTP/1.1\" 200 123"));
    hostile = log.toByteArray();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A valid request line whose path is {@code pathBytes} long. */
  private static byte[] requestWithPathOf(int pathBytes) {
    return TestLogs.concat(bytes(PREFIX + "/"), TestLogs.filled(pathBytes - 1, 'a'),
        bytes(" HTTP/1.1\" 200 5\n"));
  }

  /** A valid request line of exactly {@code length} bytes, its LF not counted. */
  private static byte[] lineOfLength(int length) {
    int fixed = bytes(PREFIX + "/ HTTP/1.1\" 200 5").length;
    return requestWithPathOf(length - fixed + 1);
  }

  private File hostileFile() throws Exception {
    Path file = e2e.dir().resolve("hostile.log");
    Files.write(file, hostile);
    return file.toFile();
  }

  @Test
  void stdinWithTheDefaultLimitCountsEveryLineExactly() throws Exception {
    ReferenceCount expected = ReferenceCount.of(hostile, DEFAULT_LIMIT);
    assertThat(expected.oversized).as("the reference sees the oversized lines").isEqualTo(2);
    assertThat(expected.malformed).isGreaterThan(100_000);

    LogmonProcess logmon = e2e.logmon(hostileFile(), "--stdin", "--cumulative", "--output", "json");
    assertThat(logmon.waitFor(300)).as(logmon.stderrText()).isZero();

    List<JsonNode> objects = logmon.jsonLines();
    JsonNode last = objects.get(objects.size() - 1);
    assertThat(Totals.of(last)).isEqualTo(Totals.of(expected));
    assertThat(last.get("topEndpoints").toString()).as("the 1 MB URL is an endpoint")
        .contains("/" + "a".repeat(1000));
    assertThat(last.get("warning").isNull()).as("mostly malformed: warned").isFalse();
  }

  @Test
  void aSocketWithTheSmallestLimitCountsEveryLineExactly() throws Exception {
    ReferenceCount expected = ReferenceCount.of(hostile, 1024);
    assertThat(expected.oversized).as("3 MB, 1 MB, 2 MiB, 2 MiB + 1 and 1025 bytes").isEqualTo(5);

    Netcat netcat = e2e.serving(hostileFile().toPath());
    LogmonProcess logmon = e2e.logmon("--port", Integer.toString(netcat.port), "--max-line-bytes", "1024",
        "--cumulative", "--batch", "500ms", "--output", "json");
    JsonNode counted = logmon.awaitJson("every line counted", 300, json -> Totals.of(json).equals(Totals.of(expected)));
    // nc -N -lk, its file sent, accepts each reconnection and closes it at once: one outage, not
    // a "connected" and a "disconnected" line every second. Watched over logmon's next 3 s of
    // batches, in which it retries about three times.
    int countedAt = logmon.completeJsonLines().indexOf(counted);
    logmon.awaitJson("6 more batches after the count", countedAt + 6, 120, json -> true);
    assertThat(logmon.stderrText().lines().filter(line -> line.startsWith("logmon: source")))
        .as("source messages on stderr").hasSizeLessThanOrEqualTo(3);
    logmon.signal("TERM");
    assertThat(logmon.waitFor(120)).as(logmon.stderrText()).isZero();
    List<JsonNode> objects = logmon.jsonLines();
    assertThat(Totals.of(objects.get(objects.size() - 1))).isEqualTo(Totals.of(expected));
  }

  @Test
  void anEmptyStreamGivesZerosAndExitsZero() throws Exception {
    LogmonProcess logmon = e2e.logmon(new File("/dev/null"), "--stdin", "--cumulative", "--output", "json");
    assertThat(logmon.waitFor(120)).as(logmon.stderrText()).isZero();
    List<JsonNode> objects = logmon.jsonLines();
    assertThat(objects).as("at least one batch reported").isNotEmpty();
    assertThat(objects).allSatisfy(json -> assertThat(Totals.of(json)).isEqualTo(Totals.ZERO));
    assertThat(logmon.stderrText()).contains("input ended");
  }
}
