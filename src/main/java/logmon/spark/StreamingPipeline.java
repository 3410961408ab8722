package logmon.spark;

import java.util.ArrayList;
import java.util.List;
import logmon.core.Mode;
import logmon.core.StatKey;
import logmon.core.Tally;
import logmon.core.ViewSpec;
import logmon.source.SourceSpec;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.Function3;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.StateSpec;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import scala.Tuple2;

/**
 * Builds the whole DStream graph in one place, so that a checkpoint can rebuild it:
 * lines of each source → per-batch summary ({@code transform}) → union → window or running state
 * → snapshot ({@code foreachRDD}).
 */
public final class StreamingPipeline {

  private StreamingPipeline() {}

  /**
   * @param readFrom      where each of {@code settings.sources()} is read from, in the same order
   *                      (a replay is read over a loopback socket)
   * @param checkpointDir required in cumulative mode; may be null in window mode
   */
  public static JavaStreamingContext createContext(JobSettings settings, List<SourceSpec> readFrom,
      String checkpointDir) {
    ViewSpec view = settings.view();
    var context = new JavaStreamingContext(SparkSettings.conf(settings), sparkDuration(view.batch()));
    if (checkpointDir != null) {
      context.checkpoint(checkpointDir);
    }
    List<JavaPairDStream<StatKey, Tally>> perSource = new ArrayList<>();
    List<SourceStreams.Opened> opened = new ArrayList<>();
    for (int i = 0; i < readFrom.size(); i++) {
      String name = settings.sources().get(i).description();
      SourceStreams.Opened source = SourceStreams.open(context, settings, name, readFrom.get(i));
      opened.add(source);
      perSource.add(source.lines().transformToPair(new BatchSummaries(settings.partitions(), name)));
    }
    statistics(union(context, perSource, settings.partitions()), settings)
        .foreachRDD(new SnapshotPublisher(view, settings.top(), settings.ipThreshold()));
    // Registered after the snapshot, so it runs once the batch has been counted.
    opened.forEach(source -> source.registerAfterBatch().run());
    return context;
  }

  private static JavaPairDStream<StatKey, Tally> union(JavaStreamingContext context,
      List<JavaPairDStream<StatKey, Tally>> streams, int partitions) {
    if (streams.size() == 1) {
      return streams.get(0);
    }
    @SuppressWarnings("unchecked")
    JavaPairDStream<StatKey, Tally>[] all = streams.toArray(new JavaPairDStream[0]);
    return context.union(all).reduceByKey(MergeTallies.INSTANCE, partitions);
  }

  /** The view's tallies for each batch: the window's, or everything's since start. */
  static JavaPairDStream<StatKey, Tally> statistics(JavaDStream<String> lines, JobSettings settings) {
    return statistics(lines.transformToPair(
        new BatchSummaries(settings.partitions(), settings.sources().get(0).description())), settings);
  }

  private static JavaPairDStream<StatKey, Tally> statistics(JavaPairDStream<StatKey, Tally> perBatch,
      JobSettings settings) {
    ViewSpec view = settings.view();
    int partitions = settings.partitions();
    if (view.mode() == Mode.WINDOW) {
      return perBatch.window(sparkDuration(view.window()), sparkDuration(view.slide()))
          .reduceByKey(MergeTallies.INSTANCE, partitions);
    }
    JavaPairDStream<StatKey, Tally> running = perBatch.filter(new PerBatchKeys(false));
    JavaPairDStream<StatKey, Tally> totals = settings.stateMethod() == StateMethod.MAP_WITH_STATE
        ? running.mapWithState(StateSpec.function(new AccumulateInState()).numPartitions(partitions))
            .stateSnapshots()
        : running.updateStateByKey(new AccumulateTallies(), partitions);
    return totals.transformWithToPair(perBatch, new WithThisBatch());
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
