package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source comes and goes: logmon waits for nc without crashing or spinning, counts what nc
 * sends, notices when nc goes away, and reconnects to a new nc on the same port within seconds,
 * its cumulative totals adding up across connections.
 */
class SourceFailureTest {

  private static final String DISCONNECTED = "disconnected, retrying";

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

  @Test
  void waitsForNcCountsItNoticesItGoAndReconnectsToTheNextOne() throws Exception {
    byte[] firstPart = TestLogs.concat(TestLogs.sampleLines(0, 500), TestLogs.malformed("junk"));
    byte[] secondPart = TestLogs.sampleLines(500, 900);
    Totals afterFirst = Totals.of(ReferenceCount.of(firstPart));
    Totals afterBoth = Totals.of(ReferenceCount.of(TestLogs.concat(firstPart, secondPart)));
    int port = Netcat.freePort();

    logmon = LogmonProcess.start(dir, null, "--cumulative", "--batch", "500ms",
        "--port", Integer.toString(port), "--output", "json");
    JsonNode waiting = logmon.awaitJson("source state '" + DISCONNECTED + "' with no nc listening", 120,
        json -> LogmonProcess.state(json).equals(DISCONNECTED));
    assertThat(Totals.of(waiting)).isEqualTo(Totals.ZERO);
    logmon.awaitStderr("logmon: source 127.0.0.1:" + port + " disconnected, retrying", 10);

    // Retrying once a second must neither spin nor fill stderr with a line per retry. (Let the
    // JIT settle first: it takes a core for seconds after a start, retrying or not.)
    Thread.sleep(Math.max(0, 15_000 - (System.nanoTime() - logmon.startedNanos) / 1_000_000));
    long stderrLines = logmon.stderrText().lines().count();
    long ticks = ProcFs.cpuTicks(logmon.pid());
    long t0 = System.nanoTime();
    Thread.sleep(5000);
    double cores = (ProcFs.cpuTicks(logmon.pid()) - ticks) / (double) ProcFs.TICKS_PER_SECOND
        / ((System.nanoTime() - t0) / 1e9);
    System.out.printf("SourceFailureTest: CPU while disconnected: %.2f cores%n", cores);
    assertThat(cores).as("CPU (cores) while waiting for the source").isLessThan(0.5);
    assertThat(logmon.process.isAlive()).isTrue();
    assertThat(logmon.stderrText().lines().count())
        .as("stderr lines added while retrying for 5 s: %s", logmon.stderrText())
        .isEqualTo(stderrLines);
    assertThat(LogmonProcess.state(logmon.completeJsonLines().get(logmon.completeJsonLines().size() - 1)))
        .as("the state while retrying").isEqualTo(DISCONNECTED);

    Path firstFeed = dir.resolve("first.log");
    Files.write(firstFeed, firstPart);
    Netcat firstNc = Netcat.following(firstFeed, port);
    feeders.add(firstNc);
    long ncStarted = System.nanoTime();
    logmon.awaitJson("the first nc's lines counted", 60, json -> Totals.of(json).equals(afterFirst));
    double firstConnect = (System.nanoTime() - ncStarted) / 1e9;

    firstNc.close();
    int seen = logmon.completeJsonLines().size();
    logmon.awaitJson("'" + DISCONNECTED + "' after nc went away", seen, 30,
        json -> LogmonProcess.state(json).equals(DISCONNECTED));
    assertThat(logmon.process.isAlive()).isTrue();

    Path secondFeed = dir.resolve("second.log");
    Files.write(secondFeed, secondPart);
    seen = logmon.completeJsonLines().size();
    feeders.add(Netcat.following(secondFeed, port));
    ncStarted = System.nanoTime();
    logmon.awaitJson("connected to the second nc", seen, 30,
        json -> LogmonProcess.state(json).startsWith("connected"));
    double reconnect = (System.nanoTime() - ncStarted) / 1e9;
    logmon.awaitJson("both nc's lines counted", seen, 30, json -> Totals.of(json).equals(afterBoth));
    double counted = (System.nanoTime() - ncStarted) / 1e9;
    System.out.printf("SourceFailureTest: nc up to lines counted: %.1f s; nc back to 'connected' in JSON:"
        + " %.1f s, to its lines counted: %.1f s%n", firstConnect, reconnect, counted);
    assertThat(reconnect).as("seconds to reconnect").isLessThan(10);

    logmon.signal("TERM");
    assertThat(logmon.waitFor(60)).as(logmon.stderrText()).isZero();
    List<JsonNode> objects = logmon.jsonLines();
    assertThat(Totals.of(objects.get(objects.size() - 1))).isEqualTo(afterBoth);
  }
}
