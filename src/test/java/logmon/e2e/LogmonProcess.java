package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The real bin/logmon as a child process, its stdout and stderr captured to files. */
final class LogmonProcess {

  static final Path LAUNCHER = Path.of("bin/logmon").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();

  final Process process;
  final Path stdout;
  final Path stderr;
  final Path sparkLog;
  /** bin/logmon's arguments, --log-file left out. */
  final List<String> args;
  /** When the child was started (System.nanoTime()). */
  final long startedNanos;

  private LogmonProcess(Process process, Path stdout, Path stderr, Path sparkLog, List<String> args,
      long startedNanos) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.sparkLog = sparkLog;
    this.args = args;
    this.startedNanos = startedNanos;
  }

  /** Starts bin/logmon with its Spark log in {@code dir}; stdin from {@code input} if not null. */
  static LogmonProcess start(Path dir, File input, String... args) throws IOException {
    return start(dir, input, Map.of(), args);
  }

  /**
   * As {@link #start(Path, File, String...)}, with changes to the child's environment: a null
   * value removes the variable.
   */
  static LogmonProcess start(Path dir, File input, Map<String, String> environment, String... args)
      throws IOException {
    // A log of its own: a test may run several logmons in one directory.
    return start(dir, Files.createTempFile(dir, "spark-", ".log"), input, environment, args);
  }

  /** As {@link #start(Path, File, String...)}, with Spark's log in {@code logFile}. */
  static LogmonProcess startWithLogFile(Path dir, Path logFile, String... args) throws IOException {
    return start(dir, logFile, null, Map.of(), args);
  }

  private static LogmonProcess start(Path dir, Path logFile, File input, Map<String, String> environment,
      String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(LAUNCHER.toString());
    command.addAll(List.of(args));
    command.add("--log-file");
    command.add(logFile.toString());
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    builder.redirectInput(input == null ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.from(input));
    Map<String, String> env = builder.environment();
    env.put("LOGMON_HEAP", "512m");
    Map<String, String> changes = new HashMap<>(environment);
    changes.forEach((name, value) -> {
      if (value == null) {
        env.remove(name);
      } else {
        env.put(name, value);
      }
    });
    long started = System.nanoTime();
    return new LogmonProcess(builder.start(), out, err, logFile, List.of(args), started);
  }

  /**
   * Another launcher (an unpacked release archive's bin/logmon, a symlink to it), run in
   * {@code workDir} with exactly {@code environment} (nothing inherited); output to files in {@code dir}.
   */
  static LogmonProcess startLauncher(Path launcher, Path workDir, Path dir, File input, Map<String, String> environment,
      String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(launcher.toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .redirectInput(input == null ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.from(input));
    builder.environment().clear();
    builder.environment().putAll(environment);
    long started = System.nanoTime();
    // No --log-file: Spark's log goes to the default place under the given HOME.
    Path sparkLog = Path.of(environment.getOrDefault("HOME", "/nonexistent"), ".local", "state", "logmon", "spark.log");
    return new LogmonProcess(builder.start(), out, err, sparkLog, List.of(args), started);
  }

  /** bin/logmon execs java: this is the JVM's pid. */
  long pid() {
    return process.pid();
  }

  int waitFor(int seconds) throws InterruptedException {
    boolean exited = process.waitFor(seconds, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    assertThat(exited).as("logmon exited within %d s; stderr: %s", seconds, stderrText()).isTrue();
    return process.exitValue();
  }

  /** Signal numbers whose disposition a child inherits: a process started with SIGINT ignored cannot catch it. */
  private static final Map<String, Integer> CATCHABLE = Map.of("INT", 2, "TERM", 15);

  /** Sends a signal by name (TERM, INT, KILL) with kill(1). */
  void signal(String name) throws IOException, InterruptedException {
    Integer number = CATCHABLE.get(name);
    if (number != null && ignores(pid(), number)) {
      fail("SIG%s is ignored by logmon (pid %d), as by every process started from the shell's background"
          + " ('mvn verify &', nohup): it cannot see the signal this test sends. Run the tests in the"
          + " foreground.", name, pid());
    }
    Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(pid())).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).as("kill -s %s %d", name, pid()).isZero();
  }

  /** Kills the JVM with SIGKILL and waits until it is gone. */
  void killHard() throws IOException, InterruptedException {
    signal("KILL");
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("logmon gone after kill -9").isTrue();
  }

  /** The process ignores the signal (its SigIgn mask in /proc/PID/status). */
  static boolean ignores(long pid, int signal) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & (1L << (signal - 1))) != 0;
      }
    }
    return false;
  }

  String stderrText() {
    try {
      return Files.readString(stderr);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  String stdoutText() throws IOException {
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  /** Every line of stdout, each parsed as JSON: fails the test if anything else is on stdout. */
  List<JsonNode> jsonLines() throws IOException {
    List<JsonNode> objects = new ArrayList<>();
    for (String line : Files.readAllLines(stdout)) {
      objects.add(JSON.readTree(line)); // fails the test if anything but JSON is on stdout
    }
    return objects;
  }

  /** The complete (newline-terminated) lines of stdout so far, parsed as JSON. */
  List<JsonNode> completeJsonLines() throws IOException {
    String text = stdoutText();
    int end = text.lastIndexOf('\n');
    List<JsonNode> objects = new ArrayList<>();
    if (end < 0) {
      return objects;
    }
    for (String line : text.substring(0, end).split("\n")) {
      if (!line.isEmpty()) {
        objects.add(JSON.readTree(line));
      }
    }
    return objects;
  }

  /**
   * Waits until an object on stdout (counting from index {@code from}) matches; returns it. Fails
   * with stdout's last object and stderr when {@code seconds} pass or logmon exits first.
   */
  JsonNode awaitJson(String what, int from, int seconds, Predicate<JsonNode> matches)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<JsonNode> objects = List.of();
    while (System.nanoTime() < deadline) {
      objects = completeJsonLines();
      for (int i = from; i < objects.size(); i++) {
        if (matches.test(objects.get(i))) {
          return objects.get(i);
        }
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(100);
    }
    String last = objects.isEmpty() ? "none" : summary(objects.get(objects.size() - 1));
    return fail("waited %d s for %s; logmon %s; %d objects, the last: %s; stderr: %s", seconds, what,
        process.isAlive() ? "still running" : "exited with " + process.exitValue(), objects.size(), last,
        stderrText());
  }

  JsonNode awaitJson(String what, int seconds, Predicate<JsonNode> matches)
      throws IOException, InterruptedException {
    return awaitJson(what, 0, seconds, matches);
  }

  /** Waits until stderr contains {@code text}. */
  void awaitStderr(String text, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (stderrText().contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(100);
    }
    fail("waited %d s for \"%s\" on stderr; logmon %s; stderr: %s", seconds, text,
        process.isAlive() ? "still running" : "exited with " + process.exitValue(), stderrText());
  }

  /** The fields a failure message needs, not the whole object. */
  static String summary(JsonNode object) {
    return "{time " + object.get("time").asText() + ", " + Totals.of(object) + ", source "
        + state(object) + ", batchHealth " + object.get("batchHealth") + "}";
  }

  static String state(JsonNode object) {
    return object.get("source").get("state").asText();
  }
}
