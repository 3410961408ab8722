package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Past one machine: the real bin/logmon as the driver of a real standalone cluster (Master,
 * Worker and executors are separate JVMs), and the application jar under spark-submit.
 */
class ClusterIT {

  @RegisterExtension
  final E2e e2e = new E2e();

  private static final Path SAMPLE = Path.of("data/apache.access.log");

  @Test
  void cumulativeTotalsOnAStandaloneClusterEqualAnIndependentCount() throws Exception {
    ReferenceCount expected = ReferenceCount.of(Files.readAllBytes(SAMPLE));
    StandaloneCluster cluster = StandaloneCluster.start(e2e);
    int port = e2e.serving(SAMPLE).port;
    int metrics = E2e.freePort();
    // The rules and the metrics endpoint live on the driver (issue 16): they work on a cluster too.
    // The sample's 4xx share (9.1%) holds at once for a rule without a duration.
    LogmonProcess logmon = e2e.logmon("--master", cluster.masterUrl(),
        "--port", Integer.toString(port), "--cumulative", "--output", "json",
        "--metrics", Integer.toString(metrics), "--alert", "4xx > 1%");

    // While it counts: the executors are JVMs of their own, not the driver.
    Set<Long> executors = ConcurrentHashMap.newKeySet();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (!counted(logmon, expected.requests)) {
      assertThat(System.nanoTime() < deadline && logmon.process.isAlive())
          .as("the file counted on the cluster within 300 s; logmon %s; stderr: %s",
              logmon.process.isAlive() ? "running" : "exited", logmon.stderrText()).isTrue();
      executors.addAll(cluster.executorPids());
      Thread.sleep(500); // a polling interval: the loop ends on the count above
    }
    executors.addAll(cluster.executorPids());
    String scraped = scrape(metrics);
    long scrapedRequests = scraped.lines().filter(l -> l.startsWith("logmon_requests_total{"))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    assertThat(scrapedRequests).as("logmon_requests_total served by the driver, in:\n%s", scraped)
        .isEqualTo(expected.requests);
    assertThat(scraped).contains("logmon_alert_firing{rule=\"4xx > 1%\"} 1.0");
    logmon.signal("TERM");
    assertThat(logmon.waitFor(120)).as(logmon.stderrText()).isZero();
    assertThat(executors).as("executor JVMs launched by the Worker").isNotEmpty()
        .doesNotContain(logmon.process.pid());

    List<JsonNode> objects = logmon.jsonLines();
    JsonNode last = objects.get(objects.size() - 1);
    assertThat(last.get("requests").asLong()).isEqualTo(expected.requests).isEqualTo(1406);
    assertThat(last.get("bytes").get("sum").asLong()).isEqualTo(expected.bytesSum);
    assertThat(last.get("status").get("200").asLong()).isEqualTo(expected.status.get("200"));
    assertThat(last.get("alerts").get(0).get("state").asText()).as("the rule, evaluated on the driver").isEqualTo("firing");
    System.out.printf("cluster run: %d executor JVM(s) %s; batches %d; last processing %s ms%n",
        executors.size(), executors, objects.size(), last.get("batchHealth").get("processingMs"));
  }

  private static String scrape(int port) throws Exception {
    return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(java.time.Duration.ofSeconds(30)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
  }

  private static boolean counted(LogmonProcess logmon, long requests) throws Exception {
    List<JsonNode> objects = logmon.completeJsonLines();
    return !objects.isEmpty() && objects.get(objects.size() - 1).get("requests").asLong() == requests;
  }

  @Test
  void theApplicationJarRunsUnderSparkSubmit() throws Exception {
    Path submitJar = Path.of("target/logmon-spark-submit.jar");
    assertThat(submitJar).as("mvn package builds it").exists();
    // Spark's jars only, as an installation has them: the application jar must bring the rest.
    String sparkOnly = String.join(":", Files.readString(Path.of("target/classpath.txt")).trim().split(":"))
        .replaceAll("[^:]*(picocli|jline|lanterna)[^:]*:?", "");
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(JvmFlags.SPARK);
    command.addAll(List.of("-cp", sparkOnly, "org.apache.spark.deploy.SparkSubmit",
        "--master", "local[2]", "--class", "logmon.cli.Main", submitJar.toString(),
        "--cumulative", "--stdin", "--output", "json", "--log-file", e2e.dir().resolve("spark.log").toString()));
    Path out = e2e.dir().resolve("out.json");
    Path err = e2e.dir().resolve("err.txt");
    e2e.attachLog("spark-submit: stderr", err);
    e2e.attachLog("spark-submit: Spark's log", e2e.dir().resolve("spark.log"));
    Process submit = e2e.track("spark-submit", new ProcessBuilder(command)
        .redirectInput(SAMPLE.toFile())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .start());
    assertThat(submit.waitFor(300, TimeUnit.SECONDS)).as("spark-submit done within 300 s").isTrue();
    assertThat(submit.exitValue()).as(Files.readString(err)).isZero();
    List<String> lines = Files.readAllLines(out);
    JsonNode last = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertThat(last.get("requests").asLong()).isEqualTo(1406);
  }
}
