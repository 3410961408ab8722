package logmon.spark;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import logmon.core.ActiveFilter;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * The driver's view of the run: source states and batch health from Spark's listener events,
 * joined to each batch's statistics and handed to the sink. One per driver JVM, reached through
 * {@link #current()} so that checkpointed closures never hold it.
 */
public final class RunMonitor implements StreamingListener {

  private static final Logger LOG = LoggerFactory.getLogger(RunMonitor.class);

  private static volatile RunMonitor current;

  private final SnapshotSink sink;
  private final Runnable onAllInputEnded;
  private final AtomicLong batchesCompleted = new AtomicLong();
  private final Map<String, SourceStatus> sources = new LinkedHashMap<>(); // guarded by itself
  private volatile BatchHealth health = BatchHealth.NONE;
  private volatile FlowController flow; // null until the context exists
  private volatile ActiveFilter filter; // null: none
  private long lastCompletedBatchMillis; // guarded by this

  private RunMonitor(SnapshotSink sink, List<SourceStatus> initial, Runnable onAllInputEnded) {
    this.sink = sink;
    this.onAllInputEnded = onAllInputEnded;
    initial.forEach(status -> sources.put(status.description(), status));
  }

  /** @param onAllInputEnded called once every source has reported the end of its input */
  public static RunMonitor install(SnapshotSink sink, List<SourceStatus> initial, Runnable onAllInputEnded) {
    current = new RunMonitor(sink, initial, onAllInputEnded);
    return current;
  }

  static RunMonitor current() {
    RunMonitor monitor = current;
    if (monitor == null) {
      throw new IllegalStateException("no RunMonitor installed on this driver");
    }
    return monitor;
  }

  /** The filter in force from now on (null: none), reported with every snapshot. */
  public void filter(ActiveFilter active) {
    filter = active;
  }

  void watchFlow(FlowController controller) {
    flow = controller;
  }

  void publish(Instant time, ViewSpec view, TrafficStats traffic) {
    BatchCount last = traffic.lastBatch();
    FlowController controller = flow;
    if (controller != null && last != null) {
      controller.counted(last.batchTimeMillis(), last.lines());
    }
    List<SourceStatus> shown = displayedSources(traffic);
    Long newest = traffic.newestLogSecond();
    Long lag = newest == null ? null : Math.max(0, System.currentTimeMillis() / 1000 - newest);
    sink.accept(new Snapshot(time, view, traffic, health.withLag(lag), SourceStatus.combine(shown), shown, filter));
  }

  /** A connected source that sent nothing in the last batch is shown as waiting for data. */
  private List<SourceStatus> displayedSources(TrafficStats traffic) {
    BatchCount last = traffic.lastBatch();
    boolean quiet = last != null && last.requests() + last.malformed() == 0;
    List<SourceStatus> shown = new ArrayList<>();
    synchronized (sources) {
      for (SourceStatus status : sources.values()) {
        boolean waiting = status.state() == SourceStatus.State.CONNECTED && quiet;
        shown.add(waiting ? status.withState(SourceStatus.State.WAITING, status.detail()) : status);
      }
    }
    return shown;
  }

  @Override
  public void onReceiverError(StreamingListenerReceiverError event) {
    SourceStatus reported = SourceEvents.decode(event.receiverInfo().lastErrorMessage());
    if (reported != null) {
      update(reported);
    }
  }

  /** A source's new state, from its receiver or from a driver-side watcher. */
  public void update(SourceStatus reported) {
    // Spark's own lines for these reports are kept out of the log (log4j2.properties): they are
    // routine, not the warnings Spark takes them for.
    LOG.info("Source {}: {}{}", reported.description(), reported.state().label(),
        reported.detail() == null ? "" : " (" + reported.detail() + ")");
    boolean allEnded;
    synchronized (sources) {
      sources.put(reported.description(), reported);
      allEnded = sources.values().stream().allMatch(s -> s.state() == SourceStatus.State.ENDED);
    }
    sink.sourceChanged(reported);
    if (allEnded) {
      onAllInputEnded.run();
    }
  }

  @Override
  public void onBatchCompleted(StreamingListenerBatchCompleted event) {
    BatchInfo info = event.batchInfo();
    FlowController.State flowState = flow == null ? new FlowController.State(null, null) : flow.state();
    health = new BatchHealth(millis(info.processingDelay()), millis(info.schedulingDelay()),
        millis(info.totalDelay()), batchesCompleted.incrementAndGet(), flowState.throttled(),
        flowState.rateLimit(), null);
    synchronized (this) {
      lastCompletedBatchMillis = ResumeClock.realMillis(info.batchTime().milliseconds());
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
