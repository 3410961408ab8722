package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --metrics} end to end: the real bin/logmon counts the sample log served by a real
 * {@code nc}, a real Prometheus server (Debian's package) scrapes it, and its query API must give
 * back exactly the requests counted; {@code promtool check metrics} must accept the scraped text;
 * the endpoint listens on loopback only; after a restart from the checkpoint the counters resume.
 * The sample's lines carry a response time (%D, added here: line i took (i mod 100 + 1) × 10 ms),
 * so the response-time histogram is scraped too: its count is the requests, and
 * {@code histogram_quantile} over its classic buckets gives a p99 in the right bucket.
 */
class MetricsEndToEndTest {

  private static final String PROMETHEUS = "/usr/bin/prometheus";
  private static final String PROMTOOL = "/usr/bin/promtool";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @RegisterExtension
  final E2e e2e = new E2e();

  @Test
  void prometheusScrapesExactCountsThatResumeAfterARestart() throws Exception {
    HostTools.require(PROMETHEUS, "prometheus");
    HostTools.require(PROMTOOL, "prometheus");
    byte[] log = Files.readAllBytes(TestLogs.SAMPLE);
    ReferenceCount expected = ReferenceCount.of(log);
    int source = e2e.serving(timedSample()).port;
    int metrics = E2e.freePort();
    String checkpoint = e2e.dir().resolve("checkpoint").toString();
    String[] args = {"--port", Integer.toString(source), "--cumulative", "--checkpoint", checkpoint,
        "--metrics", Integer.toString(metrics), "--output", "json", "--log-format", "%h %l %u %t \"%r\" %>s %b %D"};
    LogmonProcess logmon = e2e.logmon(args);
    int prometheusPort = startPrometheus(metrics);

    logmon.awaitJson("the sample counted", 240, json -> json.get("requests").asLong() == expected.requests);
    assertThat(ProcFs.listeningAddresses(logmon.pid()).stream().filter(a -> a.endsWith(":" + metrics)))
        .as("--metrics without an address listens on loopback only").isNotEmpty().allMatch(ProcFs::isLoopback);
    awaitQuery(prometheusPort, "sum(logmon_requests_total)", value -> value == expected.requests, 120);
    awaitQuery(prometheusPort, "logmon_malformed_lines_total", value -> value == expected.malformed, 30);
    awaitQuery(prometheusPort, "logmon_response_bytes_total", value -> value == expected.bytesSum, 30);
    awaitQuery(prometheusPort, "logmon_requests_total{status=\"404\"}",
        value -> value == expected.status.get("404"), 30);
    awaitQuery(prometheusPort, "logmon_response_time_seconds_count", value -> value == expected.requests, 30);
    // Times are spread evenly over 10 … 1000 ms: the p99 (990 ms) lies in the (0.5 s, 1 s] bucket.
    awaitQuery(prometheusPort, "histogram_quantile(0.99, sum by (le) (logmon_response_time_seconds_bucket))",
        value -> value > 0.5 && value <= 1.0, 30);

    Path scraped = Files.writeString(e2e.dir().resolve("scraped.txt"), scrape(metrics));
    Process check = new ProcessBuilder(PROMTOOL, "check", "metrics").redirectInput(scraped.toFile())
        .redirectErrorStream(true).start();
    String verdict = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(check.exitValue()).as("promtool check metrics: %s\non:\n%s", verdict, Files.readString(scraped)).isZero();

    logmon.signal("TERM");
    assertThat(logmon.waitFor(120)).as(logmon.stderrText()).isZero();
    LogmonProcess again = e2e.logmon(args); // nc gives the file to its first client only: nothing new
    again.awaitJson("the restored totals", 240, json -> json.get("requests").asLong() == expected.requests);
    String resumed = scrape(metrics);
    assertThat(requestsTotal(resumed)).as("logmon_requests_total resumes, not resets").isEqualTo(expected.requests);
    assertThat(resumed.lines().filter(l -> l.startsWith("logmon_response_time_seconds_count ")))
        .as("the histogram resumes too, in:\n%s", resumed)
        .containsExactly("logmon_response_time_seconds_count " + expected.requests);
    awaitQuery(prometheusPort, "sum(resets(logmon_requests_total[10m]))", value -> value == 0, 30);
  }

  /** The sample log, each line with a response time in µs appended (%D). */
  private Path timedSample() throws Exception {
    StringBuilder timed = new StringBuilder();
    List<String> lines = Files.readAllLines(TestLogs.SAMPLE, StandardCharsets.ISO_8859_1);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).replaceAll("\r$", "");
      timed.append(line).append(' ').append((i % 100 + 1) * 10_000).append('\n');
    }
    return Files.writeString(e2e.dir().resolve("timed.log"), timed, StandardCharsets.ISO_8859_1);
  }

  /** A Prometheus server of the test's own: loopback, a temporary data directory, a 1 s scrape. */
  private int startPrometheus(int target) throws Exception {
    int port = E2e.freePort();
    Path config = Files.writeString(e2e.dir().resolve("prometheus.yml"), String.join("\n",
        "global:", "  scrape_interval: 1s", "scrape_configs:", "  - job_name: logmon",
        "    static_configs:", "      - targets: ['127.0.0.1:" + target + "']", ""));
    Path output = e2e.dir().resolve("prometheus.log");
    Process prometheus = new ProcessBuilder(PROMETHEUS, "--config.file=" + config,
        "--storage.tsdb.path=" + e2e.dir().resolve("prometheus-data"), "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    e2e.track("prometheus on port " + port, prometheus);
    e2e.attachLog("prometheus", output);
    return port;
  }

  private static void awaitQuery(int port, String query, DoublePredicate matches, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        String body = get("http://127.0.0.1:" + port + "/api/v1/query?query="
            + URLEncoder.encode(query, StandardCharsets.UTF_8));
        last = body;
        JsonNode result = JSON.readTree(body).at("/data/result");
        if (result.size() == 1 && matches.test(Double.parseDouble(result.get(0).at("/value/1").asText()))) {
          return;
        }
      } catch (java.io.IOException e) {
        last = e.toString(); // Prometheus still starting
      }
      Thread.sleep(200);
    }
    throw new AssertionError("waited " + seconds + " s for Prometheus to answer " + query + " as expected; last: " + last);
  }

  private static String scrape(int port) throws Exception {
    return get("http://127.0.0.1:" + port + "/metrics");
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .build(), HttpResponse.BodyHandlers.ofString());
    return response.body();
  }

  /** The sum of logmon_requests_total over its status labels, from the exposition text. */
  private static long requestsTotal(String text) {
    List<String> lines = text.lines().filter(l -> l.startsWith("logmon_requests_total{")).toList();
    assertThat(lines).as("logmon_requests_total in:\n%s", text).isNotEmpty();
    return lines.stream().mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }
}
