package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * bin/logmon's memory flags (issue 11): the serial collector by default, so the heap grows only to
 * what the run holds; a collector named in LOGMON_JAVA_OPTS replaces it (the JVM refuses two); a
 * heap too small for the launcher's initial heap still starts (the JVM refuses -Xms above -Xmx).
 * Each is a real bin/logmon --version: a JVM start, no Spark. The JVM names its collector in its GC
 * log ("Using Serial"), written to a file (bin/logmon keeps the JVM's own output off the terminal).
 */
class LauncherMemoryTest {

  @RegisterExtension
  final E2e e2e = new E2e();

  @Test
  void theSerialCollectorByDefault() throws Exception {
    assertThat(collectorOf(Map.of())).isEqualTo("Serial");
  }

  @Test
  void aCollectorInLogmonJavaOptsReplacesTheDefault() throws Exception {
    assertThat(collectorOf(Map.of("LOGMON_JAVA_OPTS", "-XX:+UseG1GC"))).isEqualTo("G1");
  }

  @Test
  void aHeapUnderTheInitialHeapStillStarts() throws Exception {
    assertThat(collectorOf(Map.of("LOGMON_HEAP", "32m"))).isEqualTo("Serial");
  }

  /** Runs bin/logmon --version with {@code environment}; the collector its JVM used. */
  private String collectorOf(Map<String, String> environment) throws Exception {
    Path gcLog = Files.createTempFile(e2e.dir(), "gc", ".log");
    Map<String, String> env = new java.util.HashMap<>(environment);
    env.merge("LOGMON_JAVA_OPTS", "-Xlog:gc:file=" + gcLog, (mine, log) -> mine + " " + log);
    LogmonProcess logmon = e2e.logmon(null, env, "--version");
    assertThat(logmon.waitFor(120)).as("exit status; stderr: %s", logmon.stderrText()).isZero();
    assertThat(logmon.stdoutText()).startsWith("logmon ");
    return Files.readAllLines(gcLog).stream()
        .filter(line -> line.contains("Using ")).map(line -> line.substring(line.indexOf("Using ") + 6).strip())
        .findFirst().orElseThrow(() -> new AssertionError("no \"Using <collector>\" line in the GC log"));
  }
}
