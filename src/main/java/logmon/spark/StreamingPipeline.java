package logmon.spark;

import logmon.core.Mode;
import logmon.core.StatKey;
import logmon.core.Tally;
import logmon.core.ViewSpec;
import logmon.source.SocketLineReceiver;
import logmon.source.SourceSpec;
import logmon.source.StdinLineReceiver;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.Function3;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import scala.Tuple2;

/**
 * Builds the whole DStream graph in one place, so that a checkpoint can rebuild it:
 * lines → per-batch summary ({@code transform}) → window or running state → snapshot
 * ({@code foreachRDD}).
 */
public final class StreamingPipeline {

  /** The running state is checkpointed at least every this many batches. */
  static final int MAX_STATE_LINEAGE_BATCHES = 10;

  private StreamingPipeline() {}

  /**
   * @param receiverSource where the receiver reads (a replay is served over a loopback socket)
   * @param checkpointDir  required in cumulative mode; may be null in window mode
   */
  public static JavaStreamingContext createContext(JobSettings settings, SourceSpec receiverSource,
      String checkpointDir) {
    ViewSpec view = settings.view();
    var context = new JavaStreamingContext(SparkSettings.conf(settings), sparkDuration(view.batch()));
    if (checkpointDir != null) {
      context.checkpoint(checkpointDir);
    }
    JavaDStream<String> lines = openSource(context, settings, receiverSource);
    statistics(lines, settings).foreachRDD(
        new SnapshotPublisher(view, settings.top(), settings.ipThreshold()));
    return context;
  }

  /** The view's tallies for each batch: the window's, or everything's since start. */
  static JavaPairDStream<StatKey, Tally> statistics(JavaDStream<String> lines, JobSettings settings) {
    ViewSpec view = settings.view();
    int partitions = settings.partitions();
    JavaPairDStream<StatKey, Tally> perBatch = lines.transformToPair(new BatchSummaries(partitions));
    if (view.mode() == Mode.WINDOW) {
      return perBatch.window(sparkDuration(view.window()), sparkDuration(view.slide()))
          .reduceByKey(MergeTallies.INSTANCE, partitions);
    }
    JavaPairDStream<StatKey, Tally> totals = perBatch.filter(new PerBatchKeys(false))
        .updateStateByKey(new AccumulateTallies(), partitions);
    totals.checkpoint(sparkDuration(stateCheckpointInterval(view.batch())));
    return totals.transformWithToPair(perBatch, new WithThisBatch());
  }

  /**
   * How often the running state is checkpointed: Spark's default, max(10 s, batch), but never
   * more than {@link #MAX_STATE_LINEAGE_BATCHES} batches apart. Each batch since the last state
   * checkpoint adds a level to the state's lineage; at 100 ms batches the default lets 100 levels
   * (and more while batches are behind) pile up, and after a restart Spark overflows the stack
   * serialising them, so that no batch completes again.
   */
  static java.time.Duration stateCheckpointInterval(java.time.Duration batch) {
    java.time.Duration sparkDefault = batch.compareTo(java.time.Duration.ofSeconds(10)) > 0
        ? batch : java.time.Duration.ofSeconds(10);
    java.time.Duration cap = batch.multipliedBy(MAX_STATE_LINEAGE_BATCHES);
    return sparkDefault.compareTo(cap) < 0 ? sparkDefault : cap;
  }

  private static JavaDStream<String> openSource(JavaStreamingContext context, JobSettings settings,
      SourceSpec source) {
    // Replicating received blocks only helps when there is another executor to hold the copy.
    StorageLevel level = settings.isLocal()
        ? StorageLevel.MEMORY_AND_DISK_SER()
        : StorageLevel.MEMORY_AND_DISK_SER_2();
    if (source instanceof SourceSpec.Socket socket) {
      return context.receiverStream(
          new SocketLineReceiver(socket.host(), socket.port(), level, settings.maxLineBytes()));
    }
    if (source instanceof SourceSpec.Stdin) {
      return context.receiverStream(new StdinLineReceiver(level, settings.maxLineBytes()));
    }
    throw new IllegalArgumentException("a receiver cannot read " + source.description() + " directly");
  }

  static Duration sparkDuration(java.time.Duration duration) {
    return new Duration(duration.toMillis());
  }

  /** Keeps the per-batch keys, or all the others: per-batch keys stay out of the running state. */
  static final class PerBatchKeys implements Function<Tuple2<StatKey, Tally>, Boolean> {
    private static final long serialVersionUID = 1L;
    private final boolean keep;

    PerBatchKeys(boolean keep) {
      this.keep = keep;
    }

    @Override
    public Boolean call(Tuple2<StatKey, Tally> pair) {
      return pair._1().isPerBatch() == keep;
    }
  }

  /** Adds this batch's per-batch keys to the running totals, for the rate and the batch series. */
  static final class WithThisBatch implements Function3<JavaPairRDD<StatKey, Tally>,
      JavaPairRDD<StatKey, Tally>, Time, JavaPairRDD<StatKey, Tally>> {
    private static final long serialVersionUID = 1L;

    @Override
    public JavaPairRDD<StatKey, Tally> call(JavaPairRDD<StatKey, Tally> totals,
        JavaPairRDD<StatKey, Tally> batch, Time time) {
      return totals.union(batch.filter(new PerBatchKeys(true)));
    }
  }
}
