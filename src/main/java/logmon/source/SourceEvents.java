package logmon.source;

import logmon.core.SourceStatus;

/**
 * Source state changes travel from a receiver (which may run on an executor) to the driver as
 * receiver "error" reports, the one message channel Spark gives receivers. This class owns the
 * encoding, so both ends agree.
 */
public final class SourceEvents {

  private static final String PREFIX = "logmon-source|";

  private SourceEvents() {}

  public static String encode(String sourceName, SourceStatus.State state, String detail) {
    return PREFIX + state.name() + "|" + sourceName + "|" + (detail == null ? "" : detail);
  }

  /** The status a message carries, or null if the message is not one of ours. */
  public static SourceStatus decode(String message) {
    if (message == null || !message.startsWith(PREFIX)) {
      return null;
    }
    String[] parts = message.substring(PREFIX.length()).split("\\|", 3);
    if (parts.length < 3) {
      return null;
    }
    try {
      var state = SourceStatus.State.valueOf(parts[0]);
      return new SourceStatus(parts[1], state, parts[2].isEmpty() ? null : parts[2]);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
