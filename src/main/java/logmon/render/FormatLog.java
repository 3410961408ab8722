package logmon.render;

import java.io.PrintStream;
import logmon.core.Snapshot;
import logmon.core.format.LineParser;
import logmon.core.format.Presets;
import logmon.core.query.Query;
import logmon.core.query.QueryException;
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
    if (snapshot.filter() != null && Presets.spec(format) != null) {
      // With --log-format auto, --where was checked against every preset: this one may lack a field.
      try {
        Query.compile(snapshot.filter().expression(), LineParser.formats(format));
      } catch (QueryException e) {
        err.println("logmon: --where: " + e.getMessage() + ": its comparisons are false for these lines");
      }
    }
  }
}
