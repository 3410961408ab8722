package logmon.spark;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import logmon.core.LiveFilterControl;
import logmon.core.format.LineFormat;
import logmon.core.format.LineParser;
import logmon.core.query.Query;
import logmon.core.query.QueryException;

/**
 * The dashboard's live filter, held on the driver. {@link LiveSummaries} reads it as each batch's
 * RDDs are made (a {@code transform} runs on the driver) and ships the expression with the tasks,
 * which compile it as they compile {@code --where}. Static, one per driver JVM, like
 * {@link RunMonitor}: checkpointed closures never hold it, and a restored run starts unfiltered.
 */
public final class LiveFilter implements LiveFilterControl {

  /** A filter in force: each one set gets a new generation, so its counts start from nothing. */
  record Current(long generation, String expression, Instant since) {}

  private static final AtomicReference<Current> CURRENT = new AtomicReference<>();
  private static final AtomicLong GENERATIONS = new AtomicLong();

  private final List<LineFormat> formats;
  private final String where;

  /** @param where the start's {@code --where} (or null), which stays under the live filter */
  public LiveFilter(String logFormat, String where) {
    this.formats = LineParser.formats(logFormat);
    this.where = where;
  }

  @Override
  public String set(String expression) {
    try {
      Query.compile(expression, formats);
    } catch (QueryException e) {
      return e.getMessage();
    }
    try {
      // The tasks compile both together: check that the whole stays within the limits too.
      Query.compile(both(where, expression), formats);
    } catch (QueryException e) {
      return "with --where: " + e.getMessage();
    }
    CURRENT.set(new Current(GENERATIONS.incrementAndGet(), expression, Instant.now()));
    return null;
  }

  @Override
  public void clear() {
    CURRENT.set(null);
  }

  /** The filter in force, or null. */
  static Current current() {
    return CURRENT.get();
  }

  /** What the tasks apply: the start's {@code --where} (if any) and the live filter. */
  static String both(String where, String live) {
    return where == null ? live : "(" + where + ") and (" + live + ")";
  }
}
