package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Production inputs: a Kafka topic, a log directory, and several sources at once. Each run is
 * stopped once its JSON shows what the test waits for, never after a fixed time.
 */
class SourcesIT {

  private static final Path SAMPLE = Path.of("data/apache.access.log");

  @RegisterExtension
  final E2e e2e = new E2e();

  private static List<String> sampleLines() throws Exception {
    return Arrays.asList(Files.readString(SAMPLE, StandardCharsets.ISO_8859_1).split("\n"));
  }

  /** SIGTERM, exit 0, and the last object. */
  private static JsonNode stop(LogmonProcess logmon) throws Exception {
    logmon.signal("TERM");
    assertThat(logmon.waitFor(120)).as(logmon.stderrText()).isZero();
    List<JsonNode> objects = logmon.jsonLines();
    assertThat(objects).as(logmon.stderrText()).isNotEmpty();
    return objects.get(objects.size() - 1);
  }

  @Test
  void kafkaTopicTotalsEqualAnIndependentCount() throws Exception {
    ReferenceCount expected = ReferenceCount.of(Files.readAllBytes(SAMPLE));
    KafkaBroker broker = KafkaBroker.start(e2e);
    broker.produce("access", sampleLines());
    LogmonProcess logmon = e2e.logmon("--kafka", broker.bootstrap(),
        "--topic", "access", "--kafka-from", "earliest", "--cumulative", "--output", "json");
    JsonNode counted = logmon.awaitJson("the topic counted", 180,
        json -> json.get("requests").asLong() == expected.requests);
    // Offsets are committed after each batch (sent with the next batch's fetch): let a few pass.
    logmon.awaitJson("3 batches after the count", logmon.completeJsonLines().indexOf(counted) + 3, 120,
        json -> true);
    JsonNode last = stop(logmon);
    assertThat(last.get("requests").asLong()).isEqualTo(expected.requests).isEqualTo(1406);
    assertThat(last.get("bytes").get("sum").asLong()).isEqualTo(expected.bytesSum);
    assertThat(last.get("sources").get(0).get("name").asText()).isEqualTo("kafka access@" + broker.bootstrap());

    // Offsets were committed after each batch: a second run from the committed offsets sees only
    // what is produced after them. Produced once its first batch is out, so its stream has started.
    LogmonProcess again = e2e.logmon("--kafka", broker.bootstrap(),
        "--topic", "access", "--cumulative", "--output", "json");
    again.awaitJson("the second run's first batch", 180, json -> true);
    broker.produce("access", sampleLines().subList(0, 10));
    JsonNode ten = again.awaitJson("the 10 new records counted", 120, json -> json.get("requests").asLong() >= 10);
    again.awaitJson("2 batches after them", again.completeJsonLines().indexOf(ten) + 2, 120, json -> true);
    assertThat(stop(again).get("requests").asLong()).isEqualTo(10);
  }

  @Test
  void filesMovedIntoADirectoryAreCountedAndOldOnesReported() throws Exception {
    Path watched = Files.createDirectory(e2e.dir().resolve("incoming"));
    Path staging = Files.createDirectory(e2e.dir().resolve("staging"));
    LogmonProcess logmon = e2e.logmon("--dir", watched.toString(), "--cumulative", "--output", "json");
    // Only files that appear once the stream has started are read: its first batch says it has.
    logmon.awaitJson("the first batch: the directory stream has started", 180, json -> true);

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

    logmon.awaitJson("both new files counted", 180, json -> json.get("requests").asLong() >= 2 * 1406);
    logmon.awaitStderr("old.log is not counted", 120);
    JsonNode last = stop(logmon);
    assertThat(last.get("requests").asLong()).isEqualTo(2 * 1406);
    boolean reportedInJson = logmon.jsonLines().stream()
        .anyMatch(o -> o.get("source").get("detail").asText("").contains("old.log is not counted"));
    assertThat(reportedInJson).isTrue();
  }

  @Test
  void twoSocketsAreCountedTogetherAndApart() throws Exception {
    Path fewLines = e2e.dir().resolve("few.log");
    Files.write(fewLines, sampleLines().subList(0, 100), StandardCharsets.ISO_8859_1);
    int first = e2e.serving(SAMPLE).port;
    int second = e2e.serving(fewLines).port;
    LogmonProcess logmon = e2e.logmon("--port", Integer.toString(first),
        "--socket", "127.0.0.1:" + second, "--cumulative", "--output", "json");
    logmon.awaitJson("both sockets counted", 180, json -> json.get("requests").asLong() >= 1406 + 100);
    JsonNode last = stop(logmon);
    assertThat(last.get("requests").asLong()).isEqualTo(1406 + 100);
    assertThat(last.get("sources").get(0).get("name").asText()).isEqualTo("127.0.0.1:" + first);
    assertThat(last.get("sources").get(0).get("lines").asLong()).isEqualTo(1406);
    assertThat(last.get("sources").get(1).get("lines").asLong()).isEqualTo(100);
  }
}
