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

  public static String encode(SourceStatus.State state, String detail) {
    return PREFIX + state.name() + "|" + (detail == null ? "" : detail);
  }

  /** The state and detail carried by a message, or null if the message is not one of ours. */
  public static SourceStatus decode(String description, String message) {
    if (message == null || !message.startsWith(PREFIX)) {
      return null;
    }
    String rest = message.substring(PREFIX.length());
    int bar = rest.indexOf('|');
    if (bar < 0) {
      return null;
    }
    try {
      var state = SourceStatus.State.valueOf(rest.substring(0, bar));
      String detail = rest.substring(bar + 1);
      return new SourceStatus(description, state, detail.isEmpty() ? null : detail);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
