package logmon.spark;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import logmon.core.StatKey;
import logmon.core.StatsAccumulator;
import logmon.core.Tally;
import logmon.core.TrafficStats;
import logmon.core.ViewSpec;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.streaming.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The {@code foreachRDD} action: turns the view's tallies into statistics and hands them to the
 * {@link RunMonitor}. It holds only serialisable settings: the sink lives on the driver, outside
 * the checkpointed graph.
 */
final class SnapshotPublisher implements VoidFunction2<JavaPairRDD<StatKey, Tally>, Time> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotPublisher.class);

  private final ViewSpec view;
  private final int top;
  private final long ipThreshold;

  SnapshotPublisher(ViewSpec view, int top, long ipThreshold) {
    this.view = view;
    this.top = top;
    this.ipThreshold = ipThreshold;
  }

  @Override
  public void call(JavaPairRDD<StatKey, Tally> tallies, Time time) {
    try {
      RunMonitor.current().publish(Instant.ofEpochMilli(time.milliseconds() + ResumeClock.offsetMillis()), view,
          statsOf(tallies, top, ipThreshold));
    } catch (RuntimeException e) {
      // An exception escaping foreachRDD would stop the whole streaming context.
      LOG.error("Batch {} could not be summarised; the next batch will try again", time, e);
    }
  }

  /** One Spark job: each partition ranks its own keys, the driver merges the partial results. */
  static TrafficStats statsOf(JavaPairRDD<StatKey, Tally> tallies, int top, long ipThreshold) {
    StatsAccumulator all = new StatsAccumulator(top, ipThreshold);
    tallies.mapPartitions(new AccumulatePartition(top, ipThreshold)).collect().forEach(all::merge);
    return all.result();
  }

  static final class AccumulatePartition
      implements FlatMapFunction<Iterator<Tuple2<StatKey, Tally>>, StatsAccumulator> {
    private static final long serialVersionUID = 1L;
    private final int top;
    private final long ipThreshold;

    AccumulatePartition(int top, long ipThreshold) {
      this.top = top;
      this.ipThreshold = ipThreshold;
    }

    @Override
    public Iterator<StatsAccumulator> call(Iterator<Tuple2<StatKey, Tally>> pairs) {
      StatsAccumulator accumulator = new StatsAccumulator(top, ipThreshold);
      pairs.forEachRemaining(pair -> accumulator.add(pair._1(), pair._2()));
      return List.of(accumulator).iterator();
    }
  }
}
