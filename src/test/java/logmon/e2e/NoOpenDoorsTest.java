package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * logmon opens no port reachable from the network: every socket its JVM listens on is bound to
 * loopback, in window mode, in cumulative mode with a write-ahead log, and with --replay and the
 * Spark UI. Runs without SPARK_LOCAL_IP in the environment, so bin/logmon's own default is tested.
 */
class NoOpenDoorsTest {

  @RegisterExtension
  final E2e e2e = new E2e();
  private final List<LogmonProcess> logmons = new ArrayList<>();

  private LogmonProcess start(String... args) throws Exception {
    Map<String, String> environment = new HashMap<>();
    environment.put("SPARK_LOCAL_IP", null); // surefire sets it; a user's shell usually does not
    LogmonProcess logmon = e2e.logmon(null, environment, args);
    logmons.add(logmon);
    return logmon;
  }

  private String fedPort() throws Exception {
    Path feed = Files.write(Files.createTempFile(e2e.dir(), "feed-", ".log"), TestLogs.sampleLines(0, 100));
    return Integer.toString(e2e.following(feed).port);
  }

  /** The filter itself: what ss prints for wildcard and external addresses is not loopback. */
  @ParameterizedTest
  @CsvSource({
      "127.0.0.1:4040, true", "[::ffff:127.0.0.1]:37117, true", "[::1]:9999, true", "127.0.1.1:80, true",
      "*:4040, false", "0.0.0.0:4040, false", "[::]:4040, false", "[::ffff:10.0.0.5]:4040, false",
      "10.0.0.5:4040, false", "[fe80::1%eth0]:4040, false",
  })
  void loopbackMeansLoopback(String address, boolean loopback) {
    assertThat(ProcFs.isLoopback(address)).isEqualTo(loopback);
  }

  @Test
  void everyListeningSocketIsOnLoopback() throws Exception {
    int uiPort = E2e.freePort();
    LogmonProcess window = start("--port", fedPort(), "--output", "json");
    LogmonProcess cumulative = start("--cumulative", "--checkpoint", e2e.dir().resolve("checkpoint").toString(),
        "--port", fedPort(), "--output", "json");
    LogmonProcess replayWithUi = start("--replay", TestLogs.SAMPLE.toString(), "--rate", "200",
        "--spark-ui", Integer.toString(uiPort), "--output", "json");

    for (LogmonProcess logmon : logmons) {
      logmon.awaitJson("lines counted", 180, json -> json.get("requests").asLong() > 0);
    }
    for (LogmonProcess logmon : logmons) {
      List<String> listening = ProcFs.listeningAddresses(logmon.pid());
      System.out.printf("NoOpenDoorsTest: pid %d listens on %s%n", logmon.pid(), listening);
      assertThat(listening).as("the driver listens (pid %d)", logmon.pid()).isNotEmpty();
      assertThat(listening).as("listening sockets of pid %d", logmon.pid()).allMatch(ProcFs::isLoopback);
    }
    assertThat(ProcFs.listeningAddresses(replayWithUi.pid())).as("the Spark UI is there, on loopback")
        .anyMatch(address -> address.endsWith(":" + uiPort));
    assertThat(ProcFs.listeningAddresses(window.pid())).as("no Spark UI without --spark-ui")
        .noneMatch(address -> address.endsWith(":4040"));
    assertThat(cumulative.process.isAlive()).isTrue();
  }
}
