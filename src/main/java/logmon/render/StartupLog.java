package logmon.render;

import java.io.PrintStream;
import logmon.core.StartupStatus;

/**
 * Tells stderr what logmon waits for while Spark starts, when it takes a while: a line every
 * {@link #EVERY_MILLIS}, so a quick start stays silent and a slow one is never a mystery.
 */
final class StartupLog {

  static final long EVERY_MILLIS = 5_000;

  private final PrintStream err;
  private long printedUpTo; // multiples of EVERY_MILLIS already reported; guarded by this

  StartupLog(PrintStream err) {
    this.err = err;
  }

  synchronized void report(StartupStatus status) {
    if (status.done()) {
      return;
    }
    long due = status.waitedMillis() / EVERY_MILLIS * EVERY_MILLIS;
    if (due > printedUpTo) {
      printedUpTo = due;
      err.println("logmon: " + status.describe());
    }
  }
}
