package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Production inputs: a Kafka topic, a log directory, and several sources at once. */
class SourcesIT {

  private static final Path SAMPLE = Path.of("data/apache.access.log");

  @TempDir
  Path dir;
  private final List<Process> children = new ArrayList<>();

  @AfterEach
  void stopChildren() {
    children.forEach(Process::destroyForcibly);
  }

  private static List<String> sampleLines() throws Exception {
    return Arrays.asList(Files.readString(SAMPLE, StandardCharsets.ISO_8859_1).split("\n"));
  }

  private static JsonNode last(LogmonProcess logmon) throws Exception {
    List<JsonNode> objects = logmon.jsonLines();
    assertThat(objects).as(logmon.stderrText()).isNotEmpty();
    return objects.get(objects.size() - 1);
  }

  @Test
  void kafkaTopicTotalsEqualAnIndependentCount() throws Exception {
    ReferenceCount expected = ReferenceCount.of(Files.readAllBytes(SAMPLE));
    try (KafkaBroker broker = KafkaBroker.start(dir)) {
      broker.produce("access", sampleLines());
      LogmonProcess logmon = LogmonProcess.start(dir, null, "--kafka", broker.bootstrap(),
          "--topic", "access", "--kafka-from", "earliest", "--cumulative", "--output", "json",
          "--duration", "15s");
      children.add(logmon.process);
      assertThat(logmon.waitFor(120)).as(logmon.stderrText()).isZero();
      JsonNode last = last(logmon);
      assertThat(last.get("requests").asLong()).isEqualTo(expected.requests).isEqualTo(1406);
      assertThat(last.get("bytes").get("sum").asLong()).isEqualTo(expected.bytesSum);
      assertThat(last.get("sources").get(0).get("name").asText()).isEqualTo("kafka access@" + broker.bootstrap());

      // Offsets were committed after each batch: a second run from the committed offsets
      // (latest) sees only what is produced after it.
      LogmonProcess again = LogmonProcess.start(dir, null, "--kafka", broker.bootstrap(),
          "--topic", "access", "--cumulative", "--output", "json", "--duration", "15s");
      children.add(again.process);
      Thread.sleep(9000);
      broker.produce("access", sampleLines().subList(0, 10));
      assertThat(again.waitFor(120)).as(again.stderrText()).isZero();
      assertThat(last(again).get("requests").asLong()).isEqualTo(10);
    }
  }

  @Test
  void filesMovedIntoADirectoryAreCountedAndOldOnesReported() throws Exception {
    Path watched = Files.createDirectory(dir.resolve("incoming"));
    Path staging = Files.createDirectory(dir.resolve("staging"));
    LogmonProcess logmon = LogmonProcess.start(dir, null, "--dir", watched.toString(),
        "--cumulative", "--output", "json", "--duration", "20s");
    children.add(logmon.process);
    Thread.sleep(7000); // Spark started: only files that appear from now on are read

    // Written elsewhere, then moved in: the contract of Spark's textFileStream.
    Files.copy(SAMPLE, staging.resolve("a.log"));
    Files.move(staging.resolve("a.log"), watched.resolve("a.log"), StandardCopyOption.ATOMIC_MOVE);
    // The same content under another name is another file, counted again (as Spark does).
    Files.copy(SAMPLE, staging.resolve("a-copy.log"));
    Files.move(staging.resolve("a-copy.log"), watched.resolve("a-copy.log"), StandardCopyOption.ATOMIC_MOVE);
    // A file with an old modification time (rsync -a keeps it) is not read: it must be reported.
    Files.copy(SAMPLE, staging.resolve("old.log"));
    Files.setLastModifiedTime(staging.resolve("old.log"), FileTime.from(Instant.now().minusSeconds(3600)));
    Files.move(staging.resolve("old.log"), watched.resolve("old.log"), StandardCopyOption.ATOMIC_MOVE);

    assertThat(logmon.waitFor(120)).as(logmon.stderrText()).isZero();
    JsonNode last = last(logmon);
    assertThat(last.get("requests").asLong()).isEqualTo(2 * 1406);
    assertThat(logmon.stderrText()).contains("old.log is not counted");
    boolean reportedInJson = logmon.jsonLines().stream()
        .anyMatch(o -> o.get("source").get("detail").asText("").contains("old.log is not counted"));
    assertThat(reportedInJson).isTrue();
  }

  @Test
  void twoSocketsAreCountedTogetherAndApart() throws Exception {
    int first = StandaloneCluster.freePort();
    int second = StandaloneCluster.freePort();
    Path fewLines = dir.resolve("few.log");
    Files.write(fewLines, sampleLines().subList(0, 100), StandardCharsets.ISO_8859_1);
    children.add(new ProcessBuilder("nc", "-N", "-lk", "127.0.0.1", Integer.toString(first))
        .redirectInput(SAMPLE.toFile()).start());
    children.add(new ProcessBuilder("nc", "-N", "-lk", "127.0.0.1", Integer.toString(second))
        .redirectInput(fewLines.toFile()).start());
    LogmonProcess logmon = LogmonProcess.start(dir, null, "--port", Integer.toString(first),
        "--socket", "127.0.0.1:" + second, "--cumulative", "--output", "json", "--duration", "12s");
    children.add(logmon.process);
    assertThat(logmon.waitFor(120)).as(logmon.stderrText()).isZero();
    JsonNode last = last(logmon);
    assertThat(last.get("requests").asLong()).isEqualTo(1406 + 100);
    assertThat(last.get("sources").get(0).get("name").asText()).isEqualTo("127.0.0.1:" + first);
    assertThat(last.get("sources").get(0).get("lines").asLong()).isEqualTo(1406);
    assertThat(last.get("sources").get(1).get("lines").asLong()).isEqualTo(100);
  }
}
