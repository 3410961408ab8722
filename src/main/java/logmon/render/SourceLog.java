package logmon.render;

import java.io.PrintStream;
import logmon.core.SourceStatus;

/** Tells stderr when the source changes state: once per change, not once per retry. */
final class SourceLog {

  private final PrintStream err;
  private SourceStatus.State lastState;

  SourceLog(PrintStream err) {
    this.err = err;
  }

  synchronized void report(SourceStatus source) {
    if (source.state() != lastState) {
      lastState = source.state();
      err.println("logmon: source " + SourceText.describe(source));
    }
  }
}
