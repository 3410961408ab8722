package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import logmon.core.DurationText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SIGTERM and Ctrl-C stop logmon cleanly: exit 0, the last JSON object complete, the temporary
 * checkpoint gone, and Spark's graceful stop never left waiting out its timeout for received
 * lines. A second Ctrl-C stops it at once with 130. Stop times are printed, not asserted: a busy
 * machine stretches them; the bounds below only catch a hang.
 */
class ShutdownTest {

  /**
   * Spark's graceful stop logs this when it gave up waiting (10 batches) for received blocks to be
   * counted: what made a stop take 14 s and lose the last lines.
   */
  private static final String GRACEFUL_STOP_TIMED_OUT = "Timed out while stopping the job generator";
  /** logmon logs this when its own drain gave up: batches were behind (a busy machine). */
  private static final String BATCHES_BEHIND = "Stopping before the last received lines were counted";

  @RegisterExtension
  final E2e e2e = new E2e();
  private LogmonProcess logmon;

  /** Starts logmon on a fed nc, with its own java.io.tmpdir; returns once the feed is counted. */
  private Totals startCounting(Path tmp, String... mode) throws Exception {
    byte[] content = TestLogs.sampleLines(0, 400);
    Netcat feeder = e2e.following(Files.write(e2e.dir().resolve("feed.log"), content));
    Files.createDirectories(tmp);
    String[] args = TestLogs.concatArgs(mode, "--batch", "250ms", "--port", Integer.toString(feeder.port),
        "--output", "json");
    logmon = e2e.logmon(null, Map.of("LOGMON_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp), args);
    Totals expected = Totals.of(ReferenceCount.of(content));
    logmon.awaitJson("the feed counted", 120, json -> Totals.of(json).equals(expected));
    return expected;
  }

  @Test
  void sigtermStopsWithZeroACompleteLastObjectAndNoTemporaryCheckpointLeft() throws Exception {
    Path tmp = e2e.dir().resolve("tmp");
    Totals expected = startCounting(tmp, "--cumulative");
    assertThat(temporaryCheckpoints(tmp)).as("cumulative mode checkpoints to a temporary directory").hasSize(1);

    long signalled = System.nanoTime();
    logmon.signal("TERM");
    int code = logmon.waitFor(120);
    double stopSeconds = (System.nanoTime() - signalled) / 1e9;
    System.out.printf("ShutdownTest: SIGTERM to exit: %.1f s (--batch 250ms, cumulative)%n", stopSeconds);

    assertThat(code).as(logmon.stderrText()).isZero();
    assertGracefulStopNotLeftWaiting();
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
   * waited 10 batches for them: 14 s at 1000 lines/s, and its timeout in the log.)
   */
  @Test
  void ctrlCWhileLinesFlowStopsWithZeroAndNothingLeftWaiting() throws Exception {
    Path lines = Files.write(e2e.dir().resolve("lines.log"), TestLogs.sampleLines(0, 200));
    Netcat feeder = e2e.repeating(lines);
    logmon = e2e.logmon("--cumulative", "--checkpoint", e2e.dir().resolve("checkpoint").toString(),
        "--port", Integer.toString(feeder.port), "--output", "json");
    logmon.awaitJson("lines flowing in", 120, json -> json.get("lastBatch").get("requests").asLong() > 0);
    logmon.awaitJson("more lines flowing in", logmon.completeJsonLines().size(), 120,
        json -> json.get("lastBatch").get("requests").asLong() > 0);

    long signalled = System.nanoTime();
    logmon.signal("INT");
    int code = logmon.waitFor(120);
    double stopSeconds = (System.nanoTime() - signalled) / 1e9;
    System.out.printf("ShutdownTest: SIGINT to exit while lines flow: %.1f s (--batch 1s, cumulative,"
        + " write-ahead log)%n", stopSeconds);

    assertThat(code).as(logmon.stderrText()).isZero();
    assertThat(logmon.stderrText()).contains("logmon: stopping (Ctrl-C again to force)");
    assertGracefulStopNotLeftWaiting();
    assertThat(logmon.jsonLines()).isNotEmpty(); // every line of stdout parses
  }

  @Test
  void aSecondCtrlCStopsAtOnceWith130() throws Exception {
    Path tmp = e2e.dir().resolve("tmp");
    startCounting(tmp, "--cumulative");

    long signalled = System.nanoTime();
    logmon.signal("INT");
    // The second Ctrl-C must reach a logmon that has begun stopping, not race the first.
    logmon.awaitStderr("logmon: stopping (Ctrl-C again to force)", 60);
    logmon.signal("INT");
    int code = logmon.waitFor(120);
    double stopSeconds = (System.nanoTime() - signalled) / 1e9;
    System.out.printf("ShutdownTest: two SIGINTs to exit: %.1f s%n", stopSeconds);

    assertThat(code).as(logmon.stderrText()).isEqualTo(130);
    assertThat(logmon.stderrText()).contains("logmon: interrupted again, stopping now");

    // "At once" shows without a clock: the forced stop skipped the graceful cleanup, so its
    // temporary checkpoint is still there. The next run removes it once it is a minute old
    // (younger ones may belong to a run still starting).
    List<Path> left = temporaryCheckpoints(tmp);
    assertThat(left).as("a forced stop leaves its temporary checkpoint").hasSize(1);
    Files.setLastModifiedTime(left.get(0).resolve("logmon.lock"),
        java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(120)));
    LogmonProcess next = e2e.logmon(new java.io.File("/dev/null"),
        Map.of("LOGMON_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp), "--stdin", "--cumulative", "--output", "json");
    assertThat(next.waitFor(120)).as(next.stderrText()).isZero();
    assertThat(temporaryCheckpoints(tmp)).as("the next run removed the abandoned checkpoint, then its own")
        .isEmpty();
  }

  /**
   * Once logmon has drained what it received, Spark's graceful stop has nothing left to wait for,
   * so it never waits out its timeout. On a machine so busy that batches fall behind, Spark's
   * timeout is the load's doing, not a bug: either logmon's drain gave up first and said so, or
   * the last batches shown were queued (their scheduling delay at least a batch: Spark's graceful
   * stop waits for every generated batch, empty ones included, and its timeout is only 10 of them).
   */
  private void assertGracefulStopNotLeftWaiting() throws Exception {
    String log = sparkLog();
    List<JsonNode> objects = logmon.completeJsonLines();
    long delayMs = objects.isEmpty() ? 0 : objects.get(objects.size() - 1).at("/batchHealth/schedulingDelayMs").asLong();
    long batchMs = objects.isEmpty() ? 0 : DurationText.parse(objects.get(0).get("batch").asText()).toMillis();
    if (log.contains(GRACEFUL_STOP_TIMED_OUT)) {
      assertThat(log.contains(BATCHES_BEHIND) || delayMs >= batchMs)
          .as("Spark's graceful stop timed out with nothing behind: logmon's drain did not say batches were"
              + " behind, and the last batch's scheduling delay was %d ms (batch %d ms)", delayMs, batchMs)
          .isTrue();
    }
    System.out.printf("ShutdownTest: graceful stop %s (last scheduling delay %d ms)%n",
        log.contains(BATCHES_BEHIND) ? "with lines behind (a busy machine)"
            : log.contains(GRACEFUL_STOP_TIMED_OUT) ? "after Spark's timeout, batches queued (a busy machine)"
            : "with everything drained", delayMs);
  }

  private String sparkLog() throws Exception {
    return Files.readString(logmon.sparkLog, StandardCharsets.ISO_8859_1);
  }

  private static List<Path> temporaryCheckpoints(Path tmp) throws Exception {
    try (Stream<Path> files = Files.list(tmp)) {
      return files.filter(p -> p.getFileName().toString().startsWith("logmon-checkpoint-")).toList();
    }
  }
}
