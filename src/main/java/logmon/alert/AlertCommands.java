package logmon.alert;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import logmon.core.DurationText;

/**
 * Runs {@code --on-alert CMD} ({@code sh -c CMD}) for each transition, the alert as one JSON
 * object on its standard input. Each rule has a thread of its own, so a rule's commands run one
 * at a time and in order (firing before resolved), and a batch only queues them: a slow command
 * never holds one up. A command still running after the timeout is killed, with its children.
 * What goes wrong (a failing, hanging or unstartable command) is reported, one line each.
 */
public final class AlertCommands implements AutoCloseable {

  private final String command;
  private final Duration timeout;
  private final Consumer<String> report;
  private final Map<String, ExecutorService> perRule = new ConcurrentHashMap<>();

  /** @param report takes one line for the user (stderr, or the dashboard) */
  public AlertCommands(String command, Duration timeout, Consumer<String> report) {
    this.command = command;
    this.timeout = timeout;
    this.report = report;
  }

  /** Queues the command for {@code rule}'s transition; returns at once. */
  public void submit(String rule, String state, String json) {
    ExecutorService executor = perRule.computeIfAbsent(rule, r -> Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "logmon-on-alert");
      thread.setDaemon(true);
      return thread;
    }));
    try {
      executor.execute(() -> run(rule, state, json));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      report.accept("--on-alert not run for '" + rule + "' " + state + ": logmon is stopping");
    }
  }

  private void run(String rule, String state, String json) {
    String what = "--on-alert command for '" + rule + "' " + state;
    Process process;
    try {
      ProcessBuilder builder = new ProcessBuilder("sh", "-c", command)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD);
      builder.environment().put("LOGMON_ALERT_RULE", rule);
      builder.environment().put("LOGMON_ALERT_STATE", state);
      process = builder.start();
    } catch (IOException e) {
      report.accept(what + " could not start: " + e.getMessage());
      return;
    }
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write((json + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // The command did not read its input (or exited first): its exit status says the rest.
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
        report.accept(what + " still running after " + DurationText.format(timeout) + ": killed");
        return;
      }
      if (process.exitValue() != 0) {
        report.accept(what + " failed with exit status " + process.exitValue());
      }
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
    }
  }

  private static void kill(Process process) {
    List<ProcessHandle> doomed = new ArrayList<>();
    process.descendants().forEach(doomed::add);
    doomed.add(process.toHandle());
    doomed.forEach(ProcessHandle::destroyForcibly);
  }

  /** Lets queued commands run (each within its timeout), then kills what is left. */
  @Override
  public void close() {
    perRule.values().forEach(ExecutorService::shutdown);
    long deadline = System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
    for (ExecutorService executor : perRule.values()) {
      try {
        if (!executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          executor.shutdownNow();
        }
      } catch (InterruptedException e) {
        executor.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }
}
