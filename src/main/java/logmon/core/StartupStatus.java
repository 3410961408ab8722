package logmon.core;

/**
 * What logmon waits for before the first batch can run, and how long it has waited: starting
 * Spark takes seconds, and a cluster master may not answer at all.
 *
 * @param waitingFor   "Spark to start (local[3])", "the Spark master spark://host:7077"
 * @param waitedMillis since logmon began starting Spark
 * @param limitMillis  when logmon gives up, or 0 when it waits until stopped
 * @param done         Spark has started: nothing to wait for any more
 */
public record StartupStatus(String waitingFor, long waitedMillis, long limitMillis, boolean done) {

  public static StartupStatus waiting(String waitingFor, long waitedMillis, long limitMillis) {
    return new StartupStatus(waitingFor, waitedMillis, limitMillis, false);
  }

  public StartupStatus finished(long tookMillis) {
    return new StartupStatus(waitingFor, tookMillis, limitMillis, true);
  }

  /** "waiting for the Spark master spark://h:7077: 4 s (gives up after 15 s)". */
  public String describe() {
    String text = "waiting for " + waitingFor + ": " + waitedMillis / 1000 + " s";
    return limitMillis > 0 ? text + " (gives up after " + limitMillis / 1000 + " s)" : text;
  }
}
