package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real bin/logmon on logs in each preset format, found unaided ({@code --log-format} left at
 * auto), counted against an independent count written here with one regular expression per
 * format; and a custom format with {@code %D}, whose percentiles must match exact ones computed
 * here, within the histogram's stated precision.
 */
class LogFormatEndToEndTest {

  private static final String QUOTED = "\"((?:[^\"\\\\]|\\\\.)*+)\"";
  private static final String TIME = "\\[\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}\\]";
  /** Per preset: client, request, status, bytes (and host) as groups, in the server's own layout. */
  private static final Map<String, Pattern> REFERENCE = Map.of(
      "common", Pattern.compile("(?<client>[^ ]+) [^ ]+ [^ ]+ " + TIME + " \"(?<request>(?:[^\"\\\\]|\\\\.)*+)\""
          + " (?<status>\\d{3}) (?<bytes>\\d+|-)[ \\r]*"),
      "combined", Pattern.compile("(?<client>[^ ]+) [^ ]+ [^ ]+ " + TIME + " \"(?<request>(?:[^\"\\\\]|\\\\.)*+)\""
          + " (?<status>\\d{3}) (?<bytes>\\d+|-) " + QUOTED + " " + QUOTED + "[ \\r]*"),
      "vcombined", Pattern.compile("(?<host>[^ :]+):\\d+ (?<client>[^ ]+) [^ ]+ [^ ]+ " + TIME
          + " \"(?<request>(?:[^\"\\\\]|\\\\.)*+)\" (?<status>\\d{3}) (?<bytes>\\d+|-) " + QUOTED + " " + QUOTED + "[ \\r]*"),
      "nginx", Pattern.compile("(?<client>[^ ]+) - [^ ]+ " + TIME + " \"(?<request>(?:[^\"\\\\]|\\\\.)*+)\""
          + " (?<status>\\d{3}) (?<bytes>\\d+|-) " + QUOTED + " " + QUOTED + " " + QUOTED + "[ \\r]*"));

  @RegisterExtension
  final E2e e2e = new E2e();

  /** 3,000 lines in the preset's format, some malformed, and some of another preset. */
  static String log(String preset, Random random) {
    StringBuilder log = new StringBuilder();
    String[] paths = {"/", "/index.html", "/api/v1/items?id=7", "/a\\\"quoted\\\"", "/static/app.js", "/login"};
    String[] hosts = {"www.example.org", "shop.example.org", "blog.example.org"};
    for (int i = 0; i < 3_000; i++) {
      String client = random.nextInt(5) == 0 ? "2001:db8::" + random.nextInt(50) : "10.0." + random.nextInt(4) + "." + random.nextInt(200);
      String request = random.nextInt(100) == 0 ? "-" : "GET " + paths[random.nextInt(paths.length)] + " HTTP/1.1";
      int status = new int[] {200, 200, 200, 304, 404, 500}[random.nextInt(6)];
      String bytes = random.nextInt(10) == 0 ? "-" : Integer.toString(random.nextInt(100_000));
      String core = " [04/Dec/2026:18:" + String.format("%02d", i % 60) + ":00 +0100] \"" + request + "\" " + status + " " + bytes;
      String agents = " \"https://ref.example/?q=" + i + "\" \"Mozilla/5.0 (X11) \\\"quoted\\\"\"";
      String line = switch (preset) {
        case "common" -> client + " - -" + core;
        case "combined" -> client + " - frank" + core + agents;
        case "vcombined" -> hosts[random.nextInt(hosts.length)] + ":443 " + client + " - -" + core + agents;
        case "nginx" -> client + " - -" + core + agents + " \"" + (random.nextBoolean() ? "-" : "203.0.113.9") + "\"";
        default -> throw new IllegalArgumentException(preset);
      };
      if (random.nextInt(50) == 0) {
        // Cut inside the request: malformed in every format (cut later, a line of one preset can be
        // a whole line of another: combined without its last fields is common).
        line = line.substring(0, line.indexOf('"') + 1 + random.nextInt(request.length()));
      }
      log.append(line).append(random.nextInt(20) == 0 ? "\r\n" : "\n");
    }
    return log.toString();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"common", "combined", "vcombined", "nginx"})
  void eachPresetIsFoundUnaidedAndCountedExactly(String preset) throws Exception {
    String log = log(preset, new Random(preset.hashCode()));
    Path file = e2e.dir().resolve(preset + ".log");
    Files.writeString(file, log);

    LogmonProcess logmon = e2e.logmon(file.toFile(), "--stdin", "--cumulative", "--output", "json");

    assertThat(logmon.waitFor(120)).as(logmon.stderrText()).isZero();
    List<JsonNode> objects = logmon.jsonLines();
    JsonNode last = objects.get(objects.size() - 1);
    Reference expected = Reference.count(log, REFERENCE.get(preset));
    assertThat(expected.requests).isGreaterThan(2_800);
    assertThat(expected.malformed).isPositive();
    assertThat(last.get("format").asText()).isEqualTo(preset);
    assertThat(last.get("formats").size()).isEqualTo(1);
    assertThat(logmon.stderrText()).contains("logmon: log format " + preset + "\n");
    assertThat(last.get("requests").asLong()).isEqualTo(expected.requests);
    assertThat(last.get("malformed").asLong()).isEqualTo(expected.malformed);
    assertThat(last.get("bytes").get("sum").asLong()).isEqualTo(expected.bytes);
    Map<String, Long> status = new TreeMap<>();
    last.get("status").fields().forEachRemaining(e -> status.put(e.getKey(), e.getValue().asLong()));
    assertThat(status).isEqualTo(expected.status);
    assertThat(last.get("uniqueClients").asLong()).isEqualTo(expected.clients.size());
    Map<String, Long> hosts = new TreeMap<>();
    last.get("topHosts").forEach(h -> hosts.put(h.get("host").asText(), h.get("count").asLong()));
    assertThat(hosts).isEqualTo(expected.hosts);
    assertThat(last.get("responseTimeMs").isNull()).isTrue();
  }

  @Test
  void percentilesOfACustomFormatWithMicrosecondsMatchExactOnesWithinOnePercent() throws Exception {
    Random random = new Random(10);
    StringBuilder log = new StringBuilder();
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      // Mostly fast, a slow tail: log-normal-ish, 50 µs to a few seconds.
      long us = Math.round(Math.exp(random.nextGaussian() * 1.5 + 8.5)) + 50;
      micros.add(us);
      log.append("10.1.").append(i % 7).append(".").append(i % 251).append(" - - [04/Dec/2026:18:00:00 +0000] \"GET /e")
          .append(i % 13).append(" HTTP/1.1\" 200 ").append(i).append(" \"-\" \"t\" ").append(us).append('\n');
    }
    Path file = e2e.dir().resolve("timed.log");
    Files.writeString(file, log);

    LogmonProcess logmon = e2e.logmon(file.toFile(), "--stdin", "--cumulative", "--output", "json",
        "--log-format", "LogFormat \"%h %l %u %t \\\"%r\\\" %>s %b \\\"%{Referer}i\\\" \\\"%{User-agent}i\\\" %D\" timed");

    assertThat(logmon.waitFor(120)).as(logmon.stderrText()).isZero();
    JsonNode last = logmon.jsonLines().get(logmon.jsonLines().size() - 1);
    assertThat(last.get("requests").asLong()).isEqualTo(5_000);
    assertThat(last.get("format").asText()).isEqualTo("custom");
    JsonNode times = last.get("responseTimeMs");
    long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
    assertThat(times.get("count").asLong()).isEqualTo(5_000);
    assertThat(times.get("max").asDouble()).isEqualTo(sorted[sorted.length - 1] / 1000.0);
    double avg = Arrays.stream(sorted).sum() / 5_000.0 / 1000.0;
    assertThat(times.get("avg").asDouble()).isCloseTo(avg, org.assertj.core.data.Offset.offset(0.0005));
    for (int p : new int[] {50, 90, 99}) {
      double exact = sorted[(int) Math.ceil(p / 100.0 * sorted.length) - 1] / 1000.0;
      // HdrHistogram with 2 significant digits: within 1% of the value (plus the JSON's rounding to µs).
      assertThat(times.get("p" + p).asDouble()).as("p" + p)
          .isCloseTo(exact, org.assertj.core.data.Offset.offset(exact * 0.01 + 0.0005));
    }
    assertThat(last.get("topSlowEndpoints")).hasSize(10);
  }

  @Test
  void aFormatThatDoesNotCompileIsOneLineAndExitTwo() throws Exception {
    LogmonProcess logmon = e2e.logmon("--log-format", "%h %{Referer i");
    assertThat(logmon.waitFor(60)).isEqualTo(2);
    assertThat(logmon.stderrText().strip().lines())
        .containsExactly("logmon: --log-format: position 5: '{' is not closed by '}'");
  }

  /** The independent count: one regular expression per format, nothing shared with logmon. */
  static final class Reference {
    long requests;
    long malformed;
    long bytes;
    final Map<String, Long> status = new TreeMap<>();
    final Set<String> clients = new HashSet<>();
    final Map<String, Long> hosts = new TreeMap<>();

    static Reference count(String log, Pattern format) {
      Reference count = new Reference();
      for (String line : log.split("\n", -1)) {
        if (line.isBlank()) {
          continue;
        }
        Matcher m = format.matcher(line);
        if (!m.matches()) {
          count.malformed++;
          continue;
        }
        count.requests++;
        count.bytes += m.group("bytes").equals("-") ? 0 : Long.parseLong(m.group("bytes"));
        count.status.merge(m.group("status"), 1L, Long::sum);
        count.clients.add(m.group("client"));
        if (format.pattern().contains("?<host>")) {
          count.hosts.merge(m.group("host"), 1L, Long::sum);
        }
      }
      return count;
    }
  }
}
