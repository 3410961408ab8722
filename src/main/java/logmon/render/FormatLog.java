package logmon.render;

import java.io.PrintStream;
import logmon.core.Snapshot;
import logmon.core.stats.Statistics;

/**
 * Tells stderr which log format reads the lines, when it is first known and whenever another
 * format takes over (auto-detection found a different preset, or the log changed).
 */
final class FormatLog {

  private final PrintStream err;
  private String reported;

  FormatLog(PrintStream err) {
    this.err = err;
  }

  synchronized void report(Snapshot snapshot) {
    String format = snapshot.traffic().of(Statistics.FORMATS).dominant();
    if (format == null || format.equals(reported)) {
      return;
    }
    err.println("logmon: log format " + format + (reported == null ? "" : " (was " + reported + ")"));
    reported = format;
  }
}
