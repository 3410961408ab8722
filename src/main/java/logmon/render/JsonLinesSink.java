package logmon.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintStream;
import logmon.core.Snapshot;
import logmon.core.SnapshotSink;
import logmon.core.SourceStatus;
import logmon.core.StartupStatus;

/** JSON Lines on stdout: one object per batch, flushed at once, and nothing else. */
public final class JsonLinesSink implements SnapshotSink {

  private final PrintStream out;
  private final Runnable onBrokenOutput;
  private final SourceLog sourceLog = new SourceLog(System.err);
  private final StartupLog startupLog = new StartupLog(System.err);
  private final FormatLog formatLog = new FormatLog(System.err);

  /** @param onBrokenOutput called once the reader has gone away (e.g. {@code | head}) */
  public JsonLinesSink(PrintStream out, Runnable onBrokenOutput) {
    this.out = out;
    this.onBrokenOutput = onBrokenOutput;
  }

  @Override
  public void accept(Snapshot snapshot) {
    formatLog.report(snapshot);
    try {
      out.println(SnapshotJson.MAPPER.writeValueAsString(SnapshotJson.toJson(snapshot)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a snapshot as JSON", e);
    }
    out.flush();
    if (out.checkError()) {
      onBrokenOutput.run();
    }
  }

  /** Messages go to stderr: stdout carries only the JSON objects. */
  @Override
  public void sourceChanged(SourceStatus source) {
    sourceLog.report(source);
  }

  @Override
  public void startingUp(StartupStatus status) {
    startupLog.report(status);
  }
}
