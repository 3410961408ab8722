package logmon.source;

import java.io.IOException;
import java.io.InputStream;
import logmon.core.OverloadPolicy;
import logmon.core.RawLines;
import logmon.core.SourceStatus;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.receiver.Receiver;

/**
 * A Spark receiver that stores the lines of a byte stream, read with a bounded line reader, a few
 * thousand at a time as {@link RawLines}.
 */
abstract class LineReceiver extends Receiver<RawLines> {

  /** A record holds at most this many lines, or bytes, or lines read over this long. */
  static final int MAX_LINES_PER_RECORD = 8192;
  static final int MAX_BYTES_PER_RECORD = 1 << 20;
  static final long MAX_NANOS_PER_RECORD = 20_000_000L;

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
   * {@link InputGate} closes (see {@link #stopping()}). When logmon cannot keep up, this thread
   * waits in {@link Admission} (the rate limit, the {@link Backlog} ceiling), the socket's buffers
   * fill, and TCP holds the rest in the source. With {@code --overload shed} it drops instead, and
   * counts what it dropped. Lines gathered are stored before any wait, so none is held back.
   */
  protected void storeLines(InputStream in) throws IOException {
    Backlog backlog = Backlog.current();
    var gathered = new Gathered();
    var reader = new BoundedLineReader(new SourceAhead(in, backlog), maxLineBytes, gathered::store);
    var admission = new Admission(overload, backlog, this::currentRateLimit, this::stopping, gathered::store);
    try {
      BoundedLineReader.Next next;
      while (!stopping() && (next = reader.next()) != BoundedLineReader.Next.END) {
        if (!InputGate.isOpen()) {
          break; // read after the stop request: left out, like lines still in the socket
        }
        if (!admission.admit(next == BoundedLineReader.Next.OVERSIZED ? 0 : reader.lineBytes() + 1)) {
          if (overload == OverloadPolicy.SHED) {
            gathered.lines.addShed(1);
          }
        } else if (next == BoundedLineReader.Next.OVERSIZED) {
          gathered.lines.addOversized();
        } else {
          reader.appendTo(gathered.lines);
        }
        gathered.storeIfFull();
      }
      gathered.store();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      admission.close();
    }
  }

  /** The lines read and not yet stored, and when the first of them was read. */
  private final class Gathered {
    final RawLines.Builder lines = new RawLines.Builder();
    private long firstNanos;

    void storeIfFull() {
      if (lines.isEmpty()) {
        return;
      }
      if (firstNanos == 0) {
        firstNanos = System.nanoTime();
      }
      if (lines.lines() >= MAX_LINES_PER_RECORD || lines.bytes() >= MAX_BYTES_PER_RECORD
          || (lines.lines() % 64 == 0 && System.nanoTime() - firstNanos > MAX_NANOS_PER_RECORD)) {
        store();
      }
    }

    /**
     * Stores what was gathered. Also once the {@link InputGate} has closed: these lines were read
     * before (at most a record's 20 ms earlier), and the drain before a stop waits for them.
     */
    void store() {
      if (!lines.isEmpty() && !isStopped()) {
        LineReceiver.this.store(lines.build());
      }
      firstNanos = 0;
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
