package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --where} on the real bin/logmon, in both modes: every total equals an independent filter
 * of the same lines (java.util.regex over {@link ReferenceCount}'s fields, no logmon code), the
 * lines left out are reported as unmatched, and malformed lines stay counted as malformed.
 */
class WhereEndToEndTest {

  /** Failures, or any request from 10/8, except the static files under /twiki/pub/. */
  static final String WHERE = "(status >= 400 or client in 10.0.0.0/8) and path !~ '^/twiki/pub/'";
  private static final Pattern TEN_SLASH_EIGHT = Pattern.compile("10\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  @RegisterExtension
  final E2e e2e = new E2e();

  static byte[] testLog;
  static ReferenceCount expected;

  @BeforeAll
  static void countIndependently() throws Exception {
    testLog = TestLogs.sampleWithOddLines();
    expected = ReferenceCount.of(testLog, line -> {
      String endpoint = line.endpoint();
      String path = endpoint == null ? null : endpoint.split("\\?", 2)[0];
      boolean pub = path != null && path.startsWith("/twiki/pub/");
      return (line.status() >= 400 || TEN_SLASH_EIGHT.matcher(line.client()).matches()) && !pub;
    });
  }

  private File logFile() throws Exception {
    return Files.write(e2e.dir().resolve("access.log"), testLog).toFile();
  }

  @Test
  void cumulativeCountsOnlyMatchingLinesExactly() throws Exception {
    LogmonProcess logmon = e2e.logmon(logFile(), "--stdin", "--cumulative", "--output", "json", "--where", WHERE);

    assertThat(logmon.waitFor(180)).as(logmon.stderrText()).isZero();
    List<JsonNode> objects = logmon.jsonLines();
    assertFiltered(objects.get(objects.size() - 1));
  }

  @Test
  void windowCountsOnlyMatchingLinesExactly() throws Exception {
    int port = e2e.serving(logFile().toPath()).port;
    LogmonProcess logmon = e2e.logmon("--port", Integer.toString(port), "--window", "5m", "--output", "json",
        "--where", WHERE);

    JsonNode counted = logmon.awaitJson("the whole file counted", 180,
        json -> json.get("requests").asLong() + json.get("unmatched").asLong() + json.get("malformed").asLong()
            == expected.requests + expected.unmatched + expected.malformed);
    assertFiltered(counted);
    logmon.signal("TERM");
    assertThat(logmon.waitFor(120)).as(logmon.stderrText()).isZero();
  }

  @Test
  void plainOutputSaysTheFilterUnderEachHeading() throws Exception {
    LogmonProcess logmon = e2e.logmon(logFile(), "--stdin", "--cumulative", "--output", "plain", "--where", WHERE);

    assertThat(logmon.waitFor(180)).as(logmon.stderrText()).isZero();
    List<String> lines = logmon.stdoutText().lines().toList();
    int heading = lines.size() - 1;
    while (!lines.get(heading).startsWith("── ")) {
      heading--;
    }
    assertThat(lines.get(heading + 1)).matches(Pattern.quote("filtered: " + WHERE) + " since \\d\\d:\\d\\d:\\d\\d");
    assertThat(lines.get(heading + 2)).startsWith("requests " + String.format(java.util.Locale.ROOT, "%,d", expected.requests) + " ");
  }

  @Test
  void aBadExpressionIsOneLineNamingThePositionAndExitTwo() throws Exception {
    LogmonProcess logmon = e2e.logmon("--where", "status >= 500 and agent ~ bot", "--log-format", "common");
    assertThat(logmon.waitFor(60)).isEqualTo(2);
    assertThat(logmon.stderrText().strip().lines())
        .containsExactly("logmon: --where: position 19: the log format (common) carries no field agent");
  }

  private static void assertFiltered(JsonNode json) {
    assertThat(expected.requests).as("the filter keeps some lines and leaves out others").isBetween(100L, 1000L);
    assertThat(Totals.of(json)).isEqualTo(Totals.of(expected));
    assertThat(json.get("unmatched").asLong()).isEqualTo(expected.unmatched);
    assertThat(json.get("filter").asText()).isEqualTo(WHERE);
    assertThat(json.get("filterSince").asText()).isNotEmpty();
  }
}
