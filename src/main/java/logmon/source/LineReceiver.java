package logmon.source;

import java.io.IOException;
import java.io.InputStream;
import logmon.core.OverloadPolicy;
import logmon.core.SourceStatus;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.receiver.Receiver;

/** A Spark receiver that stores the lines of a byte stream, read with a bounded line reader. */
abstract class LineReceiver extends Receiver<String> {

  private final String sourceName;
  private final int maxLineBytes;
  private final OverloadPolicy overload;

  LineReceiver(String sourceName, StorageLevel storageLevel, int maxLineBytes, OverloadPolicy overload) {
    super(storageLevel);
    this.sourceName = sourceName;
    this.maxLineBytes = maxLineBytes;
    this.overload = overload;
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
   * {@link InputGate} closes (see {@link #stopping()}). One line at a time through
   * {@code store(line)}, the only store Spark's receiver rate limiter applies to: when logmon
   * cannot keep up, this thread waits there (or at the {@link Backlog} ceiling), the socket's
   * buffers fill, and TCP holds the rest in the source. With {@code --overload shed} it drops
   * instead, and stores a count of what it dropped.
   */
  protected void storeLines(InputStream in) throws IOException {
    Backlog backlog = Backlog.current();
    var reader = new BoundedLineReader(new SourceAhead(in, backlog), maxLineBytes);
    var admission = new Admission(overload, backlog, this::currentRateLimit, this::stopping);
    try {
      String line;
      while (!stopping() && (line = reader.readLine()) != null) {
        if (!InputGate.isOpen()) {
          return; // read after the stop request: left out, like lines still in the socket
        }
        if (admission.admit()) {
          store(line);
        }
        storeMarker(admission.dueMarker(false));
      }
      storeMarker(admission.dueMarker(true));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      admission.close();
    }
  }

  private void storeMarker(String marker) {
    if (marker != null && InputGate.isOpen()) {
      store(marker);
    }
  }

  /** The limit Spark's rate limiter holds this receiver to now (lines/s; MAX_VALUE: none). */
  private long currentRateLimit() {
    return supervisor().getCurrentRateLimit();
  }

  /** True once the receiver is stopped or the run is stopping: nothing more to store. */
  protected boolean stopping() {
    return isStopped() || !InputGate.isOpen();
  }

  protected void reportState(SourceStatus.State state, String detail) {
    reportError(SourceEvents.encode(sourceName, state, detail), null);
  }
}
