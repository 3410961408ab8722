package logmon.render;

import java.io.PrintStream;
import logmon.core.Snapshot;
import logmon.core.SnapshotSink;
import logmon.core.SourceStatus;
import logmon.core.StartupStatus;
import org.jline.utils.AttributedString;

/** A readable text block per batch, for a terminal scrollback or a log file. */
public final class PlainTextSink implements SnapshotSink {

  private final PrintStream out;
  private final boolean colour;
  private final Runnable onBrokenOutput;
  private final SourceLog sourceLog = new SourceLog(System.err);
  private final StartupLog startupLog = new StartupLog(System.err);
  private final FormatLog formatLog = new FormatLog(System.err);

  public PlainTextSink(PrintStream out, boolean colour, Runnable onBrokenOutput) {
    this.out = out;
    this.colour = colour;
    this.onBrokenOutput = onBrokenOutput;
  }

  @Override
  public void accept(Snapshot snapshot) {
    formatLog.report(snapshot);
    StringBuilder block = new StringBuilder();
    for (AttributedString line : PlainText.alertLines(snapshot)) {
      block.append(colour ? line.toAnsi() : line.toString()).append('\n');
    }
    for (AttributedString line : PlainText.lines(snapshot)) {
      block.append(colour ? line.toAnsi() : line.toString()).append('\n');
    }
    out.print(block);
    out.flush();
    if (out.checkError()) {
      onBrokenOutput.run();
    }
  }

  @Override
  public void sourceChanged(SourceStatus source) {
    sourceLog.report(source);
  }

  @Override
  public void startingUp(StartupStatus status) {
    startupLog.report(status);
  }
}
