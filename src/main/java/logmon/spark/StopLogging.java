package logmon.spark;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Keeps a clean stop's routine lines out of the log's warnings. Spark's graceful stop closes the
 * driver's block write-ahead log before the job generator has written its last batch events, and
 * each such write is logged as a WARN ("Exception thrown while writing record ... to the
 * WriteAheadLog", "Writer queue interrupted"); while running, the same lines are a real problem,
 * so they are quieted only from the stop on.
 */
final class StopLogging {

  private static final String[] CLOSED_LOG_WRITERS = {
      "org.apache.spark.streaming.scheduler.ReceivedBlockTracker",
      "org.apache.spark.streaming.util.BatchedWriteAheadLog"};

  private StopLogging() {}

  static void quietRoutineStopWarnings() {
    for (String logger : CLOSED_LOG_WRITERS) {
      Configurator.setLevel(logger, Level.ERROR);
    }
  }
}
