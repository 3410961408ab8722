package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the machine refuses: a checkpoint or log directory that cannot be created, a host that does
 * not resolve, a port out of range. The real bin/logmon exits with 2 and one line on stderr,
 * before starting Spark. (The options' own checks are unit-tested in LogmonCommandTest.)
 */
class BadEnvironmentTest {

  @RegisterExtension
  final E2e e2e = new E2e();

  @Test
  void eachIsRefusedWithOneLineAndExitTwo() throws Exception {
    Path regularFile = Files.writeString(e2e.dir().resolve("a-file"), "not a directory");
    Map<String, String[]> cases = new LinkedHashMap<>();
    cases.put("--checkpoint: cannot create directory", new String[] {
        "--cumulative", "--checkpoint", regularFile.resolve("sub").toString()});
    cases.put("--checkpoint: cannot create directory '" + regularFile + "'", new String[] {
        "--cumulative", "--checkpoint", regularFile.toString()});
    cases.put("--host 'no-such-host.invalid' does not resolve", new String[] {
        "--host", "no-such-host.invalid"});
    cases.put("--port must be between 1 and 65535, not 65536", new String[] {"--port", "65536"});

    Map<String, LogmonProcess> runs = new LinkedHashMap<>();
    for (var entry : cases.entrySet()) { // all at once: each is a JVM start
      runs.put(entry.getKey(), start(entry.getValue()));
    }
    for (var run : runs.entrySet()) {
      LogmonProcess logmon = run.getValue();
      assertThat(logmon.waitFor(60)).as("exit status for %s", run.getKey()).isEqualTo(2);
      assertThat(logmon.stderrText().strip().lines()).as("stderr for %s", run.getKey())
          .hasSize(1).first().asString().startsWith("logmon: ").contains(run.getKey());
      assertThat(Files.size(logmon.stdout)).isZero();
    }
  }

  @Test
  void aLogFileThatCannotBeCreatedIsRefusedToo() throws Exception {
    Path regularFile = Files.writeString(e2e.dir().resolve("a-file"), "not a directory");
    LogmonProcess logmon = e2e.logmonWithLogFile(regularFile.resolve("sub/spark.log"), "--cumulative");
    assertThat(logmon.waitFor(60)).isEqualTo(2);
    assertThat(logmon.stderrText().strip().lines()).hasSize(1).first().asString()
        .startsWith("logmon: --log-file: cannot create the directory");
  }

  private LogmonProcess start(String... args) throws Exception {
    return e2e.logmon(args);
  }
}
