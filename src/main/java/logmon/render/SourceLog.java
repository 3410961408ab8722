package logmon.render;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import logmon.core.SourceStatus;

/**
 * Tells stderr when the source changes state. A source that keeps failing (a port nobody serves,
 * a server that closes each connection at once) would change state every second: the same
 * message is repeated at most once a minute.
 */
final class SourceLog {

  private static final long REPEAT_AFTER_MILLIS = 60_000;

  private final PrintStream err;
  private final Map<String, Long> lastPrinted = new HashMap<>();
  private final Map<String, String> lastMessage = new HashMap<>();

  SourceLog(PrintStream err) {
    this.err = err;
  }

  synchronized void report(SourceStatus source) {
    String message = "logmon: source " + SourceText.describe(source);
    if (message.equals(lastMessage.put(source.description(), message))) {
      return;
    }
    long now = System.currentTimeMillis();
    Long before = lastPrinted.get(message);
    if (before == null || now - before >= REPEAT_AFTER_MILLIS) {
      lastPrinted.put(message, now);
      err.println(message);
    }
  }
}
