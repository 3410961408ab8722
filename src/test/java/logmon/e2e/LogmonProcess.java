package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real bin/logmon as a child process, its stdout and stderr captured to files. */
final class LogmonProcess {

  static final Path LAUNCHER = Path.of("bin/logmon").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();

  final Process process;
  final Path stdout;
  final Path stderr;

  private LogmonProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Starts bin/logmon with its Spark log in {@code dir}; stdin from {@code input} if not null. */
  static LogmonProcess start(Path dir, File input, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(LAUNCHER.toString());
    command.addAll(List.of(args));
    command.add("--log-file");
    command.add(dir.resolve("spark.log").toString());
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    builder.redirectInput(input == null ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.from(input));
    builder.environment().put("LOGMON_HEAP", "512m");
    return new LogmonProcess(builder.start(), out, err);
  }

  int waitFor(int seconds) throws InterruptedException {
    boolean exited = process.waitFor(seconds, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    assertThat(exited).as("logmon exited within %d s; stderr: %s", seconds, stderrText()).isTrue();
    return process.exitValue();
  }

  String stderrText() {
    try {
      return Files.readString(stderr);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  List<JsonNode> jsonLines() throws IOException {
    List<JsonNode> objects = new ArrayList<>();
    for (String line : Files.readAllLines(stdout)) {
      objects.add(JSON.readTree(line)); // fails the test if anything but JSON is on stdout
    }
    return objects;
  }
}
