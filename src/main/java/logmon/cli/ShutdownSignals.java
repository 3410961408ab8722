package logmon.cli;

import logmon.spark.StopRequest;
import sun.misc.Signal;

/**
 * Ctrl-C and SIGTERM ask for a graceful stop (the batch in flight finishes, the terminal is
 * restored); a second Ctrl-C stops at once. Without this the JVM would exit 143/130 mid-batch.
 */
final class ShutdownSignals {

  private ShutdownSignals() {}

  static void install(StopRequest stop) {
    Signal.handle(new Signal("INT"), signal -> {
      if (stop.isRequested()) {
        System.err.println("logmon: interrupted again, stopping now");
        Runtime.getRuntime().halt(ExitCodes.INTERRUPTED_TWICE);
      }
      System.err.println("logmon: stopping (Ctrl-C again to force)");
      stop.request("interrupted");
    });
    Signal.handle(new Signal("TERM"), signal -> stop.request("terminated"));
  }
}
