package logmon.source;

import java.io.FileInputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import logmon.core.OverloadPolicy;
import logmon.core.SourceStatus.State;
import org.apache.spark.storage.StorageLevel;

/**
 * Stores the lines of the process's standard input. Works only where the receiver runs in the
 * driver's JVM (local mode); at end of input it reports {@link State#ENDED} so the run can stop.
 */
public final class StdinLineReceiver extends LineReceiver {

  public StdinLineReceiver(String sourceName, StorageLevel storageLevel, int maxLineBytes,
      OverloadPolicy overload) {
    super(sourceName, storageLevel, maxLineBytes, overload);
  }

  @Override
  protected void receive() {
    reportState(State.CONNECTED, "stdin");
    try {
      // Not System.in: its buffering would hold lines back from a slow pipe.
      storeLines(new FileInputStream(FileDescriptor.in));
      if (!stopping()) {
        reportState(State.ENDED, "end of standard input");
      }
    } catch (IOException e) {
      reportState(State.ENDED, "cannot read standard input: " + e.getMessage());
    }
  }

  @Override
  public void onStop() {
    // The reader thread is a daemon blocked on stdin; it ends with the process.
  }
}
