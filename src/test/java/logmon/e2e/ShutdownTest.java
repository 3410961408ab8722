package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM and Ctrl-C stop logmon cleanly and promptly: exit 0, the last JSON object complete, the
 * temporary checkpoint gone. A second Ctrl-C stops it at once with 130.
 */
class ShutdownTest {

  @TempDir
  Path dir;
  private final List<Netcat> feeders = new ArrayList<>();
  private LogmonProcess logmon;

  @AfterEach
  void stopChildren() throws InterruptedException {
    if (logmon != null) {
      logmon.process.destroyForcibly();
    }
    for (Netcat feeder : feeders) {
      feeder.close();
    }
  }

  /** Starts logmon on a fed nc, with its own java.io.tmpdir; returns once the feed is counted. */
  private Totals startCounting(Path tmp, String... mode) throws Exception {
    byte[] content = TestLogs.sampleLines(0, 400);
    Path feed = dir.resolve("feed.log");
    Files.write(feed, content);
    int port = Netcat.freePort();
    feeders.add(Netcat.following(feed, port));
    Files.createDirectories(tmp);
    String[] args = TestLogs.concatArgs(mode, "--batch", "250ms", "--port", Integer.toString(port), "--output", "json");
    logmon = LogmonProcess.start(dir, null, Map.of("LOGMON_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp), args);
    Totals expected = Totals.of(ReferenceCount.of(content));
    logmon.awaitJson("the feed counted", 120, json -> Totals.of(json).equals(expected));
    return expected;
  }

  @Test
  void sigtermStopsWithZeroACompleteLastObjectAndNoTemporaryCheckpointLeft() throws Exception {
    Path tmp = dir.resolve("tmp");
    Totals expected = startCounting(tmp, "--cumulative");
    assertThat(temporaryCheckpoints(tmp)).as("cumulative mode checkpoints to a temporary directory").hasSize(1);

    long signalled = System.nanoTime();
    logmon.signal("TERM");
    int code = logmon.waitFor(60);
    double stopSeconds = (System.nanoTime() - signalled) / 1e9;
    System.out.printf("ShutdownTest: SIGTERM to exit: %.1f s (--batch 250ms, cumulative)%n", stopSeconds);

    assertThat(code).as(logmon.stderrText()).isZero();
    assertThat(stopSeconds).as("seconds from SIGTERM to exit").isLessThan(10);
    String stdout = logmon.stdoutText();
    assertThat(stdout).as("stdout ends with a complete line").endsWith("\n");
    String lastLine = stdout.substring(stdout.lastIndexOf('\n', stdout.length() - 2) + 1).strip();
    JsonNode last = new ObjectMapper().readTree(lastLine);
    assertThat(Totals.of(last)).isEqualTo(expected);
    assertThat(temporaryCheckpoints(tmp)).as("the temporary checkpoint is removed").isEmpty();
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).as("nothing left in java.io.tmpdir (Spark's own directories included)").isEmpty();
    }
  }

  /**
   * Ctrl-C while lines flow in, with the receiver's write-ahead log on and the default 1 s batch.
   * (Spark's own graceful stop closed the block log before handing over the last blocks, then
   * waited 10 batches for them: 14 s at 1000 lines/s.)
   */
  @Test
  void ctrlCWhileLinesFlowStopsWithZeroWithinSeconds() throws Exception {
    Path lines = Files.write(dir.resolve("lines.log"), TestLogs.sampleLines(0, 200));
    int port = Netcat.freePort();
    feeders.add(Netcat.repeating(lines, port));
    logmon = LogmonProcess.start(dir, null, "--cumulative", "--checkpoint", dir.resolve("checkpoint").toString(),
        "--port", Integer.toString(port), "--output", "json");
    logmon.awaitJson("lines flowing in", 120, json -> json.get("lastBatch").get("requests").asLong() > 0);
    logmon.awaitJson("more lines flowing in", logmon.completeJsonLines().size(), 30,
        json -> json.get("lastBatch").get("requests").asLong() > 0);

    long signalled = System.nanoTime();
    logmon.signal("INT");
    int code = logmon.waitFor(60);
    double stopSeconds = (System.nanoTime() - signalled) / 1e9;
    System.out.printf("ShutdownTest: SIGINT to exit while lines flow: %.1f s (--batch 1s, cumulative,"
        + " write-ahead log)%n", stopSeconds);

    assertThat(code).as(logmon.stderrText()).isZero();
    assertThat(stopSeconds).as("seconds from SIGINT to exit").isLessThan(8);
    assertThat(logmon.stderrText()).contains("logmon: stopping (Ctrl-C again to force)");
    assertThat(logmon.jsonLines()).isNotEmpty(); // every line of stdout parses
  }

  @Test
  void aSecondCtrlCStopsAtOnceWith130() throws Exception {
    startCounting(dir.resolve("tmp"), "--cumulative");

    long signalled = System.nanoTime();
    logmon.signal("INT");
    Thread.sleep(200);
    logmon.signal("INT");
    int code = logmon.waitFor(30);
    double stopSeconds = (System.nanoTime() - signalled) / 1e9;
    System.out.printf("ShutdownTest: two SIGINTs to exit: %.1f s%n", stopSeconds);

    assertThat(code).as(logmon.stderrText()).isEqualTo(130);
    assertThat(stopSeconds).as("seconds from the first SIGINT to exit").isLessThan(3);
    assertThat(logmon.stderrText()).contains("logmon: interrupted again, stopping now");

    // A forced stop leaves its temporary checkpoint; the next run removes it once it is a minute
    // old (younger ones may belong to a run still starting).
    Path tmp = dir.resolve("tmp");
    List<Path> left = temporaryCheckpoints(tmp);
    assertThat(left).as("a forced stop leaves its temporary checkpoint").hasSize(1);
    Files.setLastModifiedTime(left.get(0).resolve("logmon.lock"),
        java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(120)));
    LogmonProcess next = LogmonProcess.start(dir, new java.io.File("/dev/null"),
        Map.of("LOGMON_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp), "--stdin", "--cumulative", "--output", "json");
    assertThat(next.waitFor(120)).as(next.stderrText()).isZero();
    assertThat(temporaryCheckpoints(tmp)).as("the next run removed the abandoned checkpoint, then its own")
        .isEmpty();
  }

  private static List<Path> temporaryCheckpoints(Path tmp) throws Exception {
    try (Stream<Path> files = Files.list(tmp)) {
      return files.filter(p -> p.getFileName().toString().startsWith("logmon-checkpoint-")).toList();
    }
  }
}
