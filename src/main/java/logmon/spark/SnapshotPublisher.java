package logmon.spark;

import java.io.Serializable;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import logmon.core.StatKey;
import logmon.core.StatsAccumulator;
import logmon.core.Tally;
import logmon.core.TallyTable;
import logmon.core.TrafficStats;
import logmon.core.ViewSpec;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.streaming.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The {@code foreachRDD} actions: turn a view's data into statistics (in one small Spark job
 * whose result is the statistics, not the data) and hand them to the {@link RunMonitor}. They
 * hold only serialisable settings: the sink lives on the driver, outside the checkpointed graph.
 */
final class SnapshotPublisher {

  private static final Logger LOG = LoggerFactory.getLogger(SnapshotPublisher.class);

  private SnapshotPublisher() {}

  static void publish(ViewSpec view, Time time, java.util.function.Supplier<TrafficStats> stats) {
    try {
      RunMonitor.current().publish(Instant.ofEpochMilli(ResumeClock.realMillis(time.milliseconds())),
          view, stats.get());
    } catch (RuntimeException e) {
      // An exception escaping foreachRDD would stop the whole streaming context.
      LOG.error("Batch {} could not be summarised; the next batch will try again", time, e);
    }
  }

  /** Window mode: the window's per-batch tables, merged in one task into a fresh table and ranked. */
  static final class OfTables implements VoidFunction2<JavaRDD<TallyTable>, Time> {
    private static final long serialVersionUID = 1L;
    private final ViewSpec view;
    private final Ranking ranking;

    OfTables(ViewSpec view, int top, long ipThreshold, List<String> topBy) {
      this.view = view;
      this.ranking = new Ranking(top, ipThreshold, List.copyOf(topBy));
    }

    @Override
    public void call(JavaRDD<TallyTable> tables, Time time) {
      publish(view, time, () -> {
        // A window of batches that received nothing (logmon at rest) is merged here, with no job.
        var onDriver = DriverTables.of(tables.rdd()).filter(known -> !known.isEmpty());
        List<TrafficStats> stats = onDriver.isPresent()
            ? List.of(MergeAndRank.merge(ranking, onDriver.get().iterator()))
            : tables.coalesce(1).mapPartitions(new MergeAndRank(ranking)).collect();
        return stats.isEmpty() ? ranking.accumulator().result() : stats.get(0);
      });
    }
  }

  /** Cumulative mode: the state's entries, ranked partition by partition, merged on the driver. */
  static final class OfEntries implements VoidFunction2<JavaPairRDD<StatKey, Tally>, Time> {
    private static final long serialVersionUID = 1L;
    private final ViewSpec view;
    private final Ranking ranking;

    OfEntries(ViewSpec view, int top, long ipThreshold, List<String> topBy) {
      this.view = view;
      this.ranking = new Ranking(top, ipThreshold, List.copyOf(topBy));
    }

    @Override
    public void call(JavaPairRDD<StatKey, Tally> entries, Time time) {
      publish(view, time, () -> {
        StatsAccumulator all = ranking.accumulator();
        entries.mapPartitions(new RankPartition(ranking)).collect().forEach(all::merge);
        return all.result();
      });
    }
  }

  /** What the ranked lists keep: the top N, and clients seen more than the threshold. */
  record Ranking(int top, long ipThreshold, List<String> topBy) implements Serializable {
    StatsAccumulator accumulator() {
      return new StatsAccumulator(top, ipThreshold, topBy);
    }
  }

  static final class MergeAndRank implements FlatMapFunction<Iterator<TallyTable>, TrafficStats> {
    private static final long serialVersionUID = 1L;
    private final Ranking ranking;

    MergeAndRank(Ranking ranking) {
      this.ranking = ranking;
    }

    @Override
    public Iterator<TrafficStats> call(Iterator<TallyTable> tables) {
      return List.of(merge(ranking, tables)).iterator();
    }

    /** The statistics of the tables together: in a task, or on the driver for tables it holds. */
    static TrafficStats merge(Ranking ranking, Iterator<TallyTable> tables) {
      TallyTable window = new TallyTable(); // cached tables are only read
      tables.forEachRemaining(window::merge);
      StatsAccumulator accumulator = ranking.accumulator();
      window.forEach(accumulator::add);
      return accumulator.result();
    }
  }

  static final class RankPartition
      implements FlatMapFunction<Iterator<Tuple2<StatKey, Tally>>, StatsAccumulator> {
    private static final long serialVersionUID = 1L;
    private final Ranking ranking;

    RankPartition(Ranking ranking) {
      this.ranking = ranking;
    }

    @Override
    public Iterator<StatsAccumulator> call(Iterator<Tuple2<StatKey, Tally>> pairs) {
      StatsAccumulator accumulator = ranking.accumulator();
      pairs.forEachRemaining(pair -> accumulator.add(pair._1(), pair._2()));
      return List.of(accumulator).iterator();
    }
  }
}
