package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real thing: {@code bin/logmon} in a real tmux pane, reading a real {@code nc -lk} that
 * serves a known log file. It checks what a person would: the dashboard shows the file's total,
 * {@code q} quits with status 0 and gives the shell back with the last figures printed, and a
 * hostile URL neither retitles the pane nor reaches it unescaped.
 *
 * <p>Needs tmux and nc (netcat-openbsd) on the PATH: it fails, never skips, without them.
 * {@code mvn test} has built target/classes and target/classpath.txt, which bin/logmon runs.
 */
class DashboardTmuxTest {

  private static final Path PROJECT = Path.of("").toAbsolutePath();
  private static final String SESSION = "e2e";
  private static final String TITLE = "e2e-title";
  private static final String HOSTILE_PATH = "/\u001b]0;pwned\u0007";
  private static final Duration SPARK_START = Duration.ofSeconds(120);

  @RegisterExtension
  final E2e e2e = new E2e();
  private Path dir;

  private final String socket = "logmon-e2e-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

  @BeforeEach
  void requireTools() {
    dir = e2e.dir();
    // The tmux server runs on as a daemon, not a child: the extension has it killed after the test.
    e2e.onCleanup(() -> run(List.of("tmux", "-L", socket, "kill-server"), true));
    e2e.attachLog("Spark's log", dir.resolve("spark.log"));
    for (String tool : new String[] {"tmux", "nc"}) {
      if (which(tool) == null) {
        fail(tool + " is not installed, and this end-to-end test needs it: apt-get install tmux netcat-openbsd");
      }
    }
    assertThat(PROJECT.resolve("bin/logmon")).as("the launcher").isExecutable();
    assertThat(PROJECT.resolve("target/classpath.txt")).as("written by mvn at process-classes").exists();
  }

  @Test
  void dashboardShowsTheFileQuitsCleanlyAndKeepsTheTerminalSafe() throws Exception {
    Path log = writeLog();
    long lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1).size();
    String total = String.format(Locale.ROOT, "%,d", lines);
    int port = E2e.freePort();
    e2e.track("nc -lk on port " + port, new ProcessBuilder("nc", "-lk", "127.0.0.1", String.valueOf(port))
        .redirectInput(log.toFile())
        .redirectOutput(dir.resolve("nc.out").toFile())
        .redirectErrorStream(true)
        .start());

    tmux("new-session", "-d", "-x", "100", "-y", "30", "-s", SESSION,
        "env PS1='PROMPT> ' bash --norc --noprofile -i");
    // A title set the honest way first: proves the title check below can see a change.
    type("printf '\\033]0;" + TITLE + "\\007'; stty -g > " + dir.resolve("stty.before"));
    awaitTrue("the pane title set by printf", Duration.ofSeconds(10), () -> TITLE.equals(paneTitle()));

    long launched = System.nanoTime();
    type(PROJECT.resolve("bin/logmon") + " --cumulative --port " + port + " --log-file " + dir.resolve("spark.log")
        + "; echo EXIT=$?; stty -g > " + dir.resolve("stty.after"));
    // The footer is the last row a refresh writes: once it shows, the whole frame is there.
    String first = awaitScreen("the first frame", SPARK_START,
        text -> text.contains("logmon │") && text.contains("q quit"));
    Duration firstFrame = Duration.ofNanos(System.nanoTime() - launched);
    // capture-pane may catch a refresh half-written: wait for a whole frame with the totals.
    String frame = awaitScreen("requests " + total, SPARK_START, text -> text.contains("requests " + total)
        && text.contains("10.0.0.1") && text.contains("q quit"));
    Duration totalShown = Duration.ofNanos(System.nanoTime() - launched);
    System.out.printf("DashboardTmuxTest: first frame after %d ms, the file's %s requests after %d ms%n",
        firstFrame.toMillis(), total, totalShown.toMillis());

    // The dashboard opens before Spark has started: its first frame has the source still
    // starting and no batch. (A time bound would flake on a loaded machine; the order cannot. The
    // time to the first frame, about 0.5 s on a quiet machine, is printed above.)
    assertThat(first).contains("cumulative", "127.0.0.1:" + port + " starting", "waiting for");
    assertThat(frame)
        .contains("cumulative since", "127.0.0.1:" + port + " connected")
        .contains("/index.html", "10.0.0.1", "q quit")
        .contains("/\\x1b]0;pwned\\x07")
        .doesNotContain("\u001b", "\u0007");
    assertThat(tmux("display", "-p", "-t", SESSION, "#{alternate_on}").strip()).isEqualTo("1");

    tmux("send-keys", "-t", SESSION, "q");
    String after = awaitScreen("the shell after q", Duration.ofSeconds(60),
        text -> text.contains("EXIT=") && text.strip().endsWith("PROMPT>"));

    assertThat(after).contains("EXIT=0");
    String everything = tmux("capture-pane", "-p", "-J", "-S", "-", "-t", SESSION);
    assertThat(everything.substring(everything.lastIndexOf("bin/logmon")))
        .as("the last snapshot, printed as plain text after the dashboard")
        .contains("requests " + total, "/\\x1b]0;pwned\\x07")
        .doesNotContain("\u001b", "\u0007");
    assertThat(tmux("display", "-p", "-t", SESSION, "#{alternate_on}").strip()).isEqualTo("0");
    assertThat(paneTitle()).as("pane title after a log line tried to set it").isEqualTo(TITLE);
    awaitTrue("stty -g after the run", Duration.ofSeconds(10), () -> Files.exists(dir.resolve("stty.after")));
    assertThat(Files.readString(dir.resolve("stty.after")))
        .as("terminal settings after quitting").isEqualTo(Files.readString(dir.resolve("stty.before")));
  }

  /** A small access log with known figures, one line of it hostile. */
  private Path writeLog() throws IOException {
    List<String> lines = new ArrayList<>();
    String[][] traffic = {
        {"/index.html", "200", "600"}, {"/api/items", "200", "400"}, {"/login", "302", "300"},
        {"/missing", "404", "150"}, {"/boom", "500", "49"}};
    int n = 0;
    for (String[] kind : traffic) {
      for (int i = 0; i < Integer.parseInt(kind[2]); i++, n++) {
        String client = n % 3 == 0 ? "10.0.0.1" : "192.168.7." + (n % 40);
        lines.add(client + " - - [07/Mar/2004:16:05:49 -0800] \"GET " + kind[0] + " HTTP/1.1\" " + kind[1] + " "
            + (100 + n % 900));
      }
    }
    lines.add("10.6.6.6 - - [07/Mar/2004:16:06:00 -0800] \"GET " + HOSTILE_PATH + " HTTP/1.1\" 200 66");
    Path log = dir.resolve("access.log");
    Files.write(log, lines, StandardCharsets.ISO_8859_1);
    return log;
  }

  private void type(String command) throws Exception {
    tmux("send-keys", "-t", SESSION, "-l", command);
    tmux("send-keys", "-t", SESSION, "Enter");
  }

  private String paneTitle() {
    try {
      return tmux("display", "-p", "-t", SESSION, "#{pane_title}").strip();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private String awaitScreen(String what, Duration timeout, Predicate<String> condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String text = "";
    while (System.nanoTime() < deadline) {
      text = tmux("capture-pane", "-p", "-t", SESSION);
      if (condition.test(text)) {
        return text;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; the pane shows:\n" + text
        + "\n(Spark's log: " + dir.resolve("spark.log") + ")");
  }

  private static void awaitTrue(String what, Duration timeout, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what);
      }
      Thread.sleep(50);
    }
  }

  private String tmux(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("tmux", "-u", "-L", socket, "-f", "/dev/null"));
    command.addAll(List.of(args));
    return run(command, false);
  }

  private static String run(List<String> command, boolean mayFail) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // UTF-8 for tmux and the pane: the dashboard draws block characters and an ellipsis.
    builder.environment().put("LANG", "C.UTF-8");
    builder.environment().remove("LC_ALL");
    builder.environment().remove("TMUX");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    if (process.exitValue() != 0 && !mayFail) {
      throw new AssertionError(command + " failed with " + process.exitValue() + ": " + output);
    }
    return output;
  }

  private static Path which(String tool) {
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(entry, tool);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
