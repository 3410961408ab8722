package logmon.cli;

/** Exit codes, as in the JDK's tools: 0 done, 1 failed while running, 2 bad usage. */
final class ExitCodes {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  /**
   * An {@code --alert} rule fired under {@code --exit-on-alert}. The JVM also exits 3 when it runs
   * out of memory ({@code -XX:+ExitOnOutOfMemoryError} in bin/logmon): the stderr line tells which.
   */
  static final int ALERT = 3;
  static final int INTERRUPTED_TWICE = 130;

  private ExitCodes() {}
}
