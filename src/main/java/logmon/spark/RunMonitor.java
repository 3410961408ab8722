package logmon.spark;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import logmon.core.BatchCount;
import logmon.core.BatchHealth;
import logmon.core.Snapshot;
import logmon.core.SnapshotSink;
import logmon.core.SourceStatus;
import logmon.core.TrafficStats;
import logmon.core.ViewSpec;
import logmon.source.SourceEvents;
import org.apache.spark.streaming.scheduler.BatchInfo;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import org.apache.spark.streaming.scheduler.StreamingListenerReceiverError;
import scala.Option;

/**
 * The driver's view of the run: source state and batch health from Spark's listener events,
 * joined to each batch's statistics and handed to the sink. One per driver JVM, reached through
 * {@link #current()} so that checkpointed closures never hold it.
 */
public final class RunMonitor implements StreamingListener {

  private static volatile RunMonitor current;

  private final SnapshotSink sink;
  private final Runnable onInputEnded;
  private final AtomicLong batchesCompleted = new AtomicLong();
  private volatile SourceStatus source;
  private volatile BatchHealth health = BatchHealth.NONE;
  private long lastCompletedBatchMillis; // guarded by this

  private RunMonitor(SnapshotSink sink, SourceStatus initial, Runnable onInputEnded) {
    this.sink = sink;
    this.source = initial;
    this.onInputEnded = onInputEnded;
  }

  public static RunMonitor install(SnapshotSink sink, SourceStatus initial, Runnable onInputEnded) {
    current = new RunMonitor(sink, initial, onInputEnded);
    return current;
  }

  static RunMonitor current() {
    RunMonitor monitor = current;
    if (monitor == null) {
      throw new IllegalStateException("no RunMonitor installed on this driver");
    }
    return monitor;
  }

  void publish(Instant time, ViewSpec view, TrafficStats traffic) {
    sink.accept(new Snapshot(time, view, traffic, health, displayedSource(traffic)));
  }

  private SourceStatus displayedSource(TrafficStats traffic) {
    SourceStatus now = source;
    BatchCount last = traffic.lastBatch();
    boolean quiet = last != null && last.requests() + last.malformed() == 0;
    return now.state() == SourceStatus.State.CONNECTED && quiet
        ? now.withState(SourceStatus.State.WAITING, now.detail())
        : now;
  }

  public SourceStatus source() {
    return source;
  }

  @Override
  public void onReceiverError(StreamingListenerReceiverError event) {
    SourceStatus reported = SourceEvents.decode(source.description(), event.receiverInfo().lastErrorMessage());
    if (reported == null) {
      return;
    }
    source = reported;
    sink.sourceChanged(reported);
    if (reported.state() == SourceStatus.State.ENDED) {
      onInputEnded.run();
    }
  }

  @Override
  public void onBatchCompleted(StreamingListenerBatchCompleted event) {
    BatchInfo info = event.batchInfo();
    health = new BatchHealth(millis(info.processingDelay()), millis(info.schedulingDelay()),
        millis(info.totalDelay()), batchesCompleted.incrementAndGet());
    synchronized (this) {
      lastCompletedBatchMillis = info.batchTime().milliseconds() + ResumeClock.offsetMillis();
      notifyAll();
    }
  }

  /**
   * Waits until a batch that began {@code drainMillis} from now or later has completed, so that
   * every line received before this call has been counted; gives up after {@code timeoutMillis}.
   * Called once the {@link logmon.source.InputGate} is closed, it leaves Spark's graceful stop no
   * received block to hand to a batch: that stop closes the block log first, and with the
   * write-ahead log on, blocks it still had to hand over were lost after a 10-batch timeout.
   */
  synchronized boolean awaitDrained(long drainMillis, long timeoutMillis) throws InterruptedException {
    long target = System.currentTimeMillis() + drainMillis;
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (lastCompletedBatchMillis < target) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  private static Long millis(Option<Object> value) {
    return value.isDefined() ? (Long) value.get() : null;
  }
}
