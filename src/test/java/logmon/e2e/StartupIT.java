package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A start-up that cannot finish fails fast and is always stoppable: a Spark master that refuses
 * is reported in one line at once; one that accepts and never answers is waited for (and said so)
 * for 12 s; q, Ctrl-C, SIGTERM and --duration end logmon while Spark is still starting. No stack
 * trace reaches the terminal. An IT (after {@code package}): a spark:// master makes logmon ship
 * target/logmon.jar to the executors, and refuse to start without it.
 */
class StartupIT {

  @RegisterExtension
  final E2e e2e = new E2e();
  /** A "master" that takes connections (the kernel does, from its backlog) and never answers. */
  private ServerSocket silentMaster;

  @AfterEach
  void stop() throws Exception {
    if (silentMaster != null) {
      silentMaster.close();
    }
  }

  private String silentMaster() throws Exception {
    silentMaster = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    return "spark://127.0.0.1:" + silentMaster.getLocalPort();
  }

  @Test
  void aMasterThatRefusesIsReportedInOneLineAndExitOne() throws Exception {
    String master = "spark://127.0.0.1:" + E2e.freePort();
    long started = System.nanoTime();
    LogmonProcess logmon = e2e.logmon("--master", master, "--output", "plain");
    int code = logmon.waitFor(60);
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("StartupIT: refused master reported after %.1f s%n", seconds);

    assertThat(code).as(logmon.stderrText()).isEqualTo(1);
    assertThat(logmon.stderrText().strip().lines())
        .containsExactly("logmon: cannot reach the Spark master " + master + " (connection refused)");
    assertThat(logmon.stdoutText()).isEmpty();
    assertThat(seconds).as("seconds to the verdict (a generous bound; about 3 s here)").isLessThan(30);
  }

  @Test
  void aMasterThatNeverAnswersIsWaitedForVisiblyThenGivenUp() throws Exception {
    String master = silentMaster();
    long started = System.nanoTime();
    LogmonProcess logmon = e2e.logmon("--master", master, "--output", "json");
    logmon.awaitStderr("logmon: waiting for the Spark master " + master + ": 5 s (gives up after 12 s)", 30);
    int code = logmon.waitFor(60);
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("StartupIT: silent master given up after %.1f s%n", seconds);

    assertThat(code).as(logmon.stderrText()).isEqualTo(1);
    assertThat(logmon.stderrText().strip().lines()).last()
        .isEqualTo("logmon: cannot reach the Spark master " + master + " (no answer within 12 s)");
    assertThat(logmon.stderrText()).doesNotContain("Exception", "\tat ");
    assertThat(logmon.stdoutText()).isEmpty();
    assertThat(seconds).as("seconds to the verdict (12 s and the JVM's start)").isLessThan(40);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TERM", "INT"})
  void aSignalWhileSparkWaitsForTheMasterStopsWithinTenSeconds(String signal) throws Exception {
    LogmonProcess logmon = e2e.logmon("--master", silentMaster(), "--output", "plain");
    Thread.sleep(3000); // the recipe: a signal 3 s after launch, whatever logmon is doing then
    long signalled = System.nanoTime();
    logmon.signal(signal);
    int code = logmon.waitFor(60);
    double seconds = (System.nanoTime() - signalled) / 1e9;
    System.out.printf("StartupIT: SIG%s 3 s after launch to exit: %.1f s%n", signal, seconds);

    // 0: logmon's handler stopped it; 128+15 or 128+2: the JVM's own, for a signal that came before
    // main() installed logmon's (the JVM alone may take seconds to get there on a loaded machine).
    assertThat(code).as(logmon.stderrText()).isIn(0, signal.equals("TERM") ? 143 : 130);
    assertThat(seconds).as("seconds from SIG%s to exit", signal).isLessThan(10);
    assertThat(logmon.stderrText()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void durationEndsARunWhoseSparkIsStillStarting() throws Exception {
    long started = System.nanoTime();
    LogmonProcess logmon = e2e.logmon("--master", silentMaster(), "--duration", "2s", "--output", "json");
    int code = logmon.waitFor(60);
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("StartupIT: --duration 2s while waiting for the master: exit after %.1f s%n", seconds);

    // Exit 0 is the proof that --duration ended it: giving up on the master exits 1 with its line.
    assertThat(code).as(logmon.stderrText()).isZero();
    assertThat(logmon.stderrText()).doesNotContain("cannot reach the Spark master");
    assertThat(seconds).as("seconds to exit with --duration 2s (a hang detector)").isLessThan(40);
  }

  @Test
  void qInTheDashboardWhileWaitingForTheMasterQuitsWithinTenSeconds() throws Exception {
    String master = silentMaster();
    try (TmuxPane pane = TmuxPane.open(Map.of())) {
      pane.type(LogmonProcess.LAUNCHER + " --master " + master + " --log-file " + TmuxPane.quote(e2e.dir().resolve("spark.log"))
          + "; echo EXIT=$?");
      String waiting = pane.awaitScreen("the dashboard saying what it waits for", Duration.ofSeconds(60),
          text -> text.contains("waiting for the Spark master " + master + ": ") && text.contains("q quit"));
      assertThat(waiting).contains("gives up after 12 s");

      long pressed = System.nanoTime();
      pane.keys("q");
      String after = pane.awaitExit(Duration.ofSeconds(30));
      double seconds = (System.nanoTime() - pressed) / 1e9;
      System.out.printf("StartupIT: q while waiting for the master to the prompt: %.1f s%n", seconds);

      assertThat(after).contains("EXIT=0").doesNotContain("Exception", "\tat ");
      assertThat(seconds).as("seconds from q to the prompt").isLessThan(10);
    }
  }
}
