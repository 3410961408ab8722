package logmon.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A shell in a real tmux pane on a private tmux server: type into it, read its screen (with or
 * without the escape sequences that style it). Close it to kill the server.
 */
final class TmuxPane implements AutoCloseable {

  private static final String SESSION = "e2e";
  private final String socket = "logmon-e2e-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

  /** A 100×30 pane running bash with the prompt "PROMPT> " and {@code environment} exported. */
  static TmuxPane open(Map<String, String> environment) throws Exception {
    HostTools.require("/usr/bin/tmux", "tmux");
    TmuxPane pane = new TmuxPane();
    StringBuilder env = new StringBuilder("env PS1='PROMPT> '");
    environment.forEach((name, value) -> env.append(' ').append(name).append("='").append(value).append('\''));
    pane.tmux("new-session", "-d", "-x", "100", "-y", "30", "-s", SESSION, env + " bash --norc --noprofile -i");
    return pane;
  }

  void type(String command) throws Exception {
    tmux("send-keys", "-t", SESSION, "-l", command);
    tmux("send-keys", "-t", SESSION, "Enter");
  }

  void keys(String... keys) throws Exception {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", SESSION));
    args.addAll(List.of(keys));
    tmux(args.toArray(String[]::new));
  }

  /** The visible screen as text. */
  String screen() throws Exception {
    return tmux("capture-pane", "-p", "-t", SESSION);
  }

  /** The visible screen with the escape sequences of its colours and attributes ({@code -e}). */
  String screenWithEscapes() throws Exception {
    return tmux("capture-pane", "-p", "-e", "-t", SESSION);
  }

  /** Everything the pane holds, scrollback included, wrapped lines joined. */
  String history() throws Exception {
    return tmux("capture-pane", "-p", "-J", "-S", "-", "-t", SESSION);
  }

  String awaitScreen(String what, Duration timeout, Predicate<String> condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String text = "";
    while (System.nanoTime() < deadline) {
      text = screen();
      if (condition.test(text)) {
        return text;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; the pane shows:\n" + text);
  }

  /** Waits for the line {@code echo EXIT=$?} printed after a command, and the prompt after it. */
  String awaitExit(Duration timeout) throws Exception {
    return awaitScreen("the shell after the command", timeout,
        text -> text.contains("EXIT=") && text.strip().endsWith("PROMPT>"));
  }

  String tmux(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("tmux", "-u", "-L", socket, "-f", "/dev/null"));
    command.addAll(List.of(args));
    return run(command, false);
  }

  @Override
  public void close() throws Exception {
    run(List.of("tmux", "-L", socket, "kill-server"), true);
  }

  private static String run(List<String> command, boolean mayFail) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // UTF-8 for tmux and the pane: the dashboard draws block characters and an ellipsis.
    builder.environment().put("LANG", "C.UTF-8");
    builder.environment().remove("LC_ALL");
    builder.environment().remove("TMUX");
    builder.environment().remove("NO_COLOR");
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

  static String quote(Path path) {
    return "'" + path.toString().replace("'", "'\\''") + "'";
  }
}
