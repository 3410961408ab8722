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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Past one machine: the real bin/logmon as the driver of a real standalone cluster (Master,
 * Worker and executors are separate JVMs), and the application jar under spark-submit.
 */
class ClusterIT {

  @TempDir
  Path dir;
  private final List<Process> children = new ArrayList<>();

  @AfterEach
  void stopChildren() {
    children.forEach(Process::destroyForcibly);
  }

  private static final Path SAMPLE = Path.of("data/apache.access.log");

  @Test
  void cumulativeTotalsOnAStandaloneClusterEqualAnIndependentCount() throws Exception {
    ReferenceCount expected = ReferenceCount.of(Files.readAllBytes(SAMPLE));
    try (StandaloneCluster cluster = StandaloneCluster.start(dir)) {
      int port = StandaloneCluster.freePort();
      children.add(new ProcessBuilder("nc", "-N", "-lk", "127.0.0.1", Integer.toString(port))
          .redirectInput(SAMPLE.toFile()).start());

      LogmonProcess logmon = LogmonProcess.start(dir, null, "--master", cluster.masterUrl(),
          "--port", Integer.toString(port), "--cumulative", "--output", "json", "--duration", "35s");
      children.add(logmon.process);

      // While it runs: the executors are JVMs of their own, not the driver.
      Set<Long> executors = ConcurrentHashMap.newKeySet();
      while (logmon.process.isAlive()) {
        executors.addAll(cluster.executorPids());
        Thread.sleep(500);
      }
      assertThat(logmon.waitFor(5)).as(logmon.stderrText()).isZero();
      assertThat(executors).as("executor JVMs launched by the Worker").isNotEmpty()
          .doesNotContain(logmon.process.pid());

      List<JsonNode> objects = logmon.jsonLines();
      JsonNode last = objects.get(objects.size() - 1);
      assertThat(last.get("requests").asLong()).isEqualTo(expected.requests).isEqualTo(1406);
      assertThat(last.get("bytes").get("sum").asLong()).isEqualTo(expected.bytesSum);
      assertThat(last.get("status").get("200").asLong()).isEqualTo(expected.status.get("200"));
      System.out.printf("cluster run: %d executor JVM(s) %s; batches %d; last processing %s ms%n",
          executors.size(), executors, objects.size(), last.get("batchHealth").get("processingMs"));
    }
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
        "--cumulative", "--stdin", "--output", "json", "--log-file", dir.resolve("spark.log").toString()));
    Path out = dir.resolve("out.json");
    Process submit = new ProcessBuilder(command)
        .redirectInput(SAMPLE.toFile())
        .redirectOutput(out.toFile())
        .redirectError(dir.resolve("err.txt").toFile())
        .start();
    children.add(submit);
    assertThat(submit.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(submit.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();
    List<String> lines = Files.readAllLines(out);
    JsonNode last = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertThat(last.get("requests").asLong()).isEqualTo(1406);
  }
}
