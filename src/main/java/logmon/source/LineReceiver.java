package logmon.source;

import java.io.IOException;
import java.io.InputStream;
import logmon.core.SourceStatus;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.receiver.Receiver;

/** A Spark receiver that stores the lines of a byte stream, read with a bounded line reader. */
abstract class LineReceiver extends Receiver<String> {

  private final String sourceName;
  private final int maxLineBytes;

  LineReceiver(String sourceName, StorageLevel storageLevel, int maxLineBytes) {
    super(storageLevel);
    this.sourceName = sourceName;
    this.maxLineBytes = maxLineBytes;
  }

  @Override
  public void onStart() {
    Thread reader = new Thread(this::receive, "logmon-receiver");
    reader.setDaemon(true);
    reader.start();
  }

  /** Runs on the receiver's own thread until the source ends or the receiver stops. */
  protected abstract void receive();

  /**
   * Stores every line of the stream; returns normally at end of stream, when stopped, or once the
   * {@link InputGate} closes (see {@link #stopping()}).
   */
  protected void storeLines(InputStream in) throws IOException {
    var reader = new BoundedLineReader(in, maxLineBytes);
    String line;
    while (!stopping() && (line = reader.readLine()) != null) {
      if (!InputGate.isOpen()) {
        return; // read after the stop request: left out, like lines still in the socket
      }
      store(line);
    }
  }

  /** True once the receiver is stopped or the run is stopping: nothing more to store. */
  protected boolean stopping() {
    return isStopped() || !InputGate.isOpen();
  }

  protected void reportState(SourceStatus.State state, String detail) {
    reportError(SourceEvents.encode(sourceName, state, detail), null);
  }
}
