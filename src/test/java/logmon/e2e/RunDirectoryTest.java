package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each run keeps its temporary files (Spark's scratch space, the temporary checkpoint) in one
 * directory of logmon's state directory, gone when it stops; a run killed with kill -9 leaves its
 * directory, and the next start removes it.
 */
class RunDirectoryTest {

  @RegisterExtension
  final E2e e2e = new E2e();

  private Path runs() {
    return e2e.dir().resolve("state/logmon/runs");
  }

  @Test
  void aRunKilledWithKill9IsCleanedByTheNextStart() throws Exception {
    // LOGMON_CDS=off: a class-data archive made in the background would outlive the test here.
    Map<String, String> environment = Map.of("XDG_STATE_HOME", e2e.dir().resolve("state").toString(),
        "LOGMON_CDS", "off");
    LogmonProcess logmon = e2e.logmon(null, environment,
        "--replay", TestLogs.SAMPLE.toString(), "--rate", "1000", "--cumulative", "--output", "json");
    logmon.awaitJson("lines counted", 300, json -> json.get("requests").asLong() > 0);
    Path killed = runs().resolve(Long.toString(logmon.pid()));
    assertThat(names(killed.resolve("tmp"))).as("Spark's scratch space and the temporary checkpoint, in the run's"
        + " directory").anyMatch(name -> name.startsWith("blockmgr-")).anyMatch(name -> name.startsWith("logmon-checkpoint-"));

    logmon.killHard();
    assertThat(killed).as("kill -9 leaves the run's directory").exists();

    LogmonProcess next = e2e.logmon(new File("/dev/null"), environment,
        "--stdin", "--cumulative", "--output", "json");
    assertThat(next.waitFor(300)).as(next.stderrText()).isZero(); // Spark took 65 s to start at load 34
    assertThat(killed).as("the next start removed the killed run's directory").doesNotExist();
    assertThat(names(runs())).as("and its own at exit").isEmpty();
  }

  @Test
  void qInTheDashboardLeavesNothingOfTheRun() throws Exception {
    Path state = e2e.dir().resolve("state");
    try (TmuxPane pane = TmuxPane.open(Map.of("XDG_STATE_HOME", state.toString(), "LOGMON_CDS", "off"))) {
      pane.type(LogmonProcess.LAUNCHER + " --cumulative --replay " + TestLogs.SAMPLE.toAbsolutePath()
          + " --rate 1000 --log-file " + TmuxPane.quote(e2e.dir().resolve("spark.log")) + "; echo EXIT=$?");
      pane.awaitScreen("the sample's requests", Duration.ofSeconds(120),
          text -> text.contains("requests 1,406") && text.contains("q quit"));
      List<String> running = names(runs());
      assertThat(running).as("one run directory while it runs").hasSize(1);
      assertThat(names(runs().resolve(running.get(0)).resolve("tmp")))
          .anyMatch(name -> name.startsWith("blockmgr-")).anyMatch(name -> name.startsWith("logmon-checkpoint-"));

      pane.keys("q");
      assertThat(pane.awaitExit(Duration.ofSeconds(60))).contains("EXIT=0");
    }
    assertThat(names(runs())).as("nothing of the run left after q").isEmpty();
  }

  private static List<String> names(Path directory) throws Exception {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
