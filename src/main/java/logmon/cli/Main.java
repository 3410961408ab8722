package logmon.cli;

import java.util.Optional;
import logmon.spark.StopRequest;
import org.slf4j.LoggerFactory;

/** Entry point: runs the command and exits with its code, however the JVM's shutdown goes. */
public final class Main {

  /** Shutdown hooks (Spark's, Hadoop's) get this long before the JVM is halted. */
  static final long EXIT_GRACE_MILLIS = 4_000;

  private Main() {}

  public static void main(String[] args) {
    // An exception no thread catches goes to the log file: the terminal gets no stack trace.
    Thread.setDefaultUncaughtExceptionHandler((thread, e) ->
        LoggerFactory.getLogger(Main.class).error("Uncaught exception in thread {}", thread.getName(), e));
    // Signals first: a SIGTERM or Ctrl-C from now on is a graceful stop, even before Spark starts.
    StopRequest stop = new StopRequest();
    ShutdownSignals.install(stop);
    Optional<RunDirectory> run = RunDirectory.claim();
    int code = LogmonCommand.commandLine(stop).execute(args);
    run.ifPresent(RunDirectory::remove);
    exit(code);
  }

  /**
   * Exits with {@code code}; halts if the shutdown hooks have not finished in
   * {@link #EXIT_GRACE_MILLIS}: a Spark still starting (a master that never answered) can hold
   * them for half a minute, and a stop must not wait for it.
   */
  static void exit(int code) {
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(EXIT_GRACE_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      Runtime.getRuntime().halt(code);
    }, "logmon-exit-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    System.exit(code);
  }
}
