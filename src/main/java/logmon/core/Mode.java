package logmon.core;

/** What a snapshot covers: the last window of time, or everything since start. */
public enum Mode {
  WINDOW,
  CUMULATIVE;

  /** The name used in options and JSON. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
