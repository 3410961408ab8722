package logmon.spark;

import java.util.concurrent.ConcurrentSkipListMap;
import logmon.core.RateControl;
import logmon.source.Backlog;
import org.apache.spark.streaming.StreamingContext;
import org.apache.spark.streaming.dstream.ReceiverInputDStream;
import org.apache.spark.streaming.scheduler.BatchInfo;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import scala.Option;

/**
 * Flow control on the driver: after each batch, decides how fast the receivers may read
 * ({@link RateControl}) and tells them through Spark's own channel — the rate update that Spark's
 * backpressure sends, which reaches receivers on executors too and sets their receiver rate
 * limiter, whose value the receivers enforce per line. Spark's PID estimator stays off: it
 * collapses here (see RateControl). Receivers also say when the {@link Backlog} ceiling or the
 * source held them.
 */
final class FlowController implements StreamingListener {

  /** Lines/s per receiver before the first batch: a cold JVM counts slowly. */
  static final long INITIAL_RATE = 100_000;
  /**
   * Never below this, however slow batches get: a busy site's whole traffic, which any logmon
   * counts. Without it, the slow batches of a cold start (seconds, whatever the input) would
   * bring the limit down to a trickle before there is anything to hold back.
   */
  static final long MIN_RATE = 10_000;

  /** What the last batch said about flow, for the snapshot. */
  record State(Boolean throttled, Long rateLimit) {}

  private final StreamingContext context;
  private final RateControl control;
  private final Backlog backlog; // null: none in this JVM (cluster)
  private final long intervalMillis;
  private int[] receiverStreams;
  private long sentLimit = -1;
  private final ConcurrentSkipListMap<Long, Long> linesByBatch = new ConcurrentSkipListMap<>();
  private volatile State state = new State(null, null);

  /** @param maxRate the user's cap per receiver, or null */
  FlowController(StreamingContext context, Long maxRate, Backlog backlog, long intervalMillis) {
    this.context = context;
    long ceiling = maxRate == null ? Long.MAX_VALUE : maxRate;
    this.control = new RateControl(Math.min(INITIAL_RATE, ceiling), MIN_RATE, ceiling);
    this.backlog = backlog;
    this.intervalMillis = intervalMillis;
  }

  /** The receivers' limit before the first batch, for Spark's configuration. */
  static long initialRate(Long maxRate) {
    return maxRate == null ? INITIAL_RATE : Math.min(INITIAL_RATE, maxRate);
  }

  State state() {
    return state;
  }

  /**
   * The lines a published batch counted (its {@code lastBatch}), by real batch time. Receivers
   * store thousands of lines per record, so Spark's record counts do not tell.
   */
  void counted(long batchMillis, long lines) {
    linesByBatch.put(batchMillis, lines);
  }

  @Override
  public void onBatchCompleted(StreamingListenerBatchCompleted event) {
    BatchInfo info = event.batchInfo();
    int streams = receiverStreams().length;
    if (streams == 0) {
      return;
    }
    long batchMillis = ResumeClock.realMillis(info.batchTime().milliseconds());
    Long lines = linesByBatch.remove(batchMillis);
    linesByBatch.headMap(batchMillis).clear();
    boolean held = backlog != null && backlog.takeHeld();
    Option<Object> processing = info.processingDelay();
    Option<Object> delay = info.schedulingDelay();
    if (lines != null && processing.isDefined() && delay.isDefined()) {
      held |= control.observe(lines, streams, (Long) processing.get(), (Long) delay.get(), intervalMillis);
    }
    long limit = control.limit();
    if (limit != sentLimit) {
      var tracker = context.scheduler().receiverTracker();
      for (int stream : receiverStreams()) {
        tracker.sendRateUpdate(stream, limit);
      }
      sentLimit = limit;
    }
    long total = limit > Long.MAX_VALUE / streams ? Long.MAX_VALUE : limit * streams;
    state = new State(held, total);
  }

  /** The graph's receiver streams, created or restored from a checkpoint alike. */
  private int[] receiverStreams() {
    if (receiverStreams == null) {
      ReceiverInputDStream<?>[] inputs = context.graph().getReceiverInputStreams();
      receiverStreams = new int[inputs.length];
      for (int i = 0; i < inputs.length; i++) {
        receiverStreams[i] = inputs[i].id();
      }
    }
    return receiverStreams;
  }
}
