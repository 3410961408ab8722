package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * bin/logmon's class-data archive in a checkout (README "Fast start"), with a state directory of
 * its own: the first run makes it in the background and its stdout stays JSON only; a later run
 * maps it (the JVM says where each class came from); a truncated or garbled archive only means a
 * run without it, stdout still clean; {@code LOGMON_CDS=off} makes none. An IT: the archive is
 * made from {@code target/logmon.classlist}, which {@code mvn package} writes.
 */
class ClassDataArchiveIT {

  /** A class of Spark's that every run loads, from the archive or from its jar. */
  private static final String SPARK_CLASS = "org.apache.spark.SparkContext source: ";

  @RegisterExtension
  final E2e e2e = new E2e();

  @Test
  void theFirstRunMakesItTheNextMapsItAndABrokenOneIsPassedOverCleanly() throws Exception {
    Path state = e2e.dir().resolve("state");
    Map<String, String> environment = Map.of("XDG_STATE_HOME", state.toString());

    replayExactly(environment);
    Path archive = awaitArchive(state.resolve("logmon/cds"));

    Path loaded = e2e.dir().resolve("classes-mapped.log");
    replayExactly(withClassLog(environment, loaded));
    assertThat(sourceOfSpark(loaded)).as("where SparkContext came from").isEqualTo("shared objects file");

    byte[] whole = Files.readAllBytes(archive);
    byte[] garbled = whole.clone();
    for (int i = 0; i < 4096; i++) {
      garbled[i] = (byte) (i * 31);
    }
    Map<String, byte[]> broken = Map.of("truncated", java.util.Arrays.copyOf(whole, whole.length / 3),
        "garbled", garbled);
    for (var damage : broken.entrySet()) {
      Files.write(archive, damage.getValue());
      Path log = e2e.dir().resolve("classes-" + damage.getKey() + ".log");
      replayExactly(withClassLog(environment, log));
      assertThat(sourceOfSpark(log)).as("a %s archive is not used", damage.getKey()).startsWith("file:").endsWith(".jar");
    }
  }

  @Test
  void logmonCdsOffMakesNone() throws Exception {
    Path state = e2e.dir().resolve("state");
    LogmonProcess version = e2e.logmon(null, Map.of("XDG_STATE_HOME", state.toString(), "LOGMON_CDS", "off"),
        "--version");
    assertThat(version.waitFor(120)).as(version.stderrText()).isZero();
    assertThat(version.stdoutText()).startsWith("logmon ");
    assertThat(state.resolve("logmon/cds")).as("no archive, nowhere to put one").doesNotExist();
  }

  @Test
  void aJavaLaidOutOtherwiseStillRuns() throws Exception {
    // JAVA_HOME whose bin/java is a wrapper script: no release file, no lib/server/libjvm.so beside
    // it, so the archive's key is made from stat's complaints (which once ended the launcher,
    // silently, with status 1, under pipefail).
    Path home = Files.createDirectories(e2e.dir().resolve("java/bin")).getParent();
    Path java = home.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
    assertThat(java.toFile().setExecutable(true)).isTrue();
    Path state = e2e.dir().resolve("state");
    LogmonProcess version = e2e.logmon(null, Map.of("XDG_STATE_HOME", state.toString(), "JAVA_HOME", home.toString()),
        "--version");
    assertThat(version.waitFor(120)).as(version.stderrText()).isZero();
    assertThat(version.stdoutText()).startsWith("logmon ");
    awaitArchive(state.resolve("logmon/cds")); // made all the same; and no dump outlives the test
  }

  /** The sample replayed in cumulative mode: exact totals, then a clean stop; stdout JSON only. */
  private void replayExactly(Map<String, String> environment) throws Exception {
    Totals expected = Totals.of(ReferenceCount.of(Files.readAllBytes(TestLogs.SAMPLE)));
    LogmonProcess logmon = e2e.logmon(null, environment, "--replay", TestLogs.SAMPLE.toString(),
        "--rate", "5000", "--cumulative", "--output", "json");
    logmon.awaitJson("the sample's exact totals", 300, json -> Totals.of(json).equals(expected));
    logmon.signal("TERM");
    assertThat(logmon.waitFor(120)).as(logmon.stderrText()).isZero();
    assertThat(logmon.jsonLines()).as("stdout: JSON objects and nothing else").isNotEmpty();
    assertThat(logmon.stderrText()).as("stderr").doesNotContainIgnoringCase("shared")
        .doesNotContainIgnoringCase("cds").doesNotContainIgnoringCase("archive");
  }

  private static Map<String, String> withClassLog(Map<String, String> environment, Path log) {
    Map<String, String> changed = new HashMap<>(environment);
    changed.put("LOGMON_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
    return changed;
  }

  /** "shared objects file" when the class came from an archive, else its jar's URL (file:…jar). */
  private static String sourceOfSpark(Path classLog) throws Exception {
    return Files.readAllLines(classLog).stream()
        .filter(line -> line.contains(SPARK_CLASS))
        .map(line -> line.substring(line.indexOf(SPARK_CLASS) + SPARK_CLASS.length()).strip())
        .findFirst().orElseGet(() -> fail("SparkContext not loaded, per " + classLog));
  }

  /** Waits (300 s: a hang detector; the dump runs at the lowest priority) for the archive. */
  static Path awaitArchive(Path cds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(cds)) {
        try (Stream<Path> files = Files.list(cds)) {
          List<Path> archives = files.filter(p -> p.toString().endsWith(".jsa")).toList();
          if (!archives.isEmpty()) {
            assertThat(archives).as("one archive").hasSize(1);
            return archives.get(0);
          }
        }
      }
      Thread.sleep(200);
    }
    return fail("no archive in %s after 300 s", cds);
  }
}
