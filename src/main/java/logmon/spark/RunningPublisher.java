package logmon.spark;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import logmon.core.RunningTotals;
import logmon.core.StateChange;
import logmon.core.StateChanges;
import logmon.core.StatKey;
import logmon.core.Tally;
import logmon.core.TallyTable;
import logmon.core.ViewSpec;
import org.apache.spark.Dependency;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.RDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.streaming.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Cumulative mode with {@code mapWithState}: the statistics since start, kept on the driver
 * ({@link RunningTotals}) from the keys each batch changed, so that a batch costs what it touched
 * rather than everything ever seen. It is the {@code foreachRDD} that gathers the changes in one
 * job and publishes; its {@link Join} is the {@code transform} before it that, as each batch's
 * RDDs are made, joins the state's changes with the batch's own keys and puts the state's
 * snapshot aside, unread. The whole state is read (one more job) only
 * when the changes cannot tell the exact statistics: at the first batch in this JVM — a start,
 * or a restore from a checkpoint, after which the driver remembers nothing — and when a listed
 * endpoint was forgotten ({@code --forget-after}).
 */
final class RunningPublisher implements VoidFunction2<JavaRDD<StateChange>, Time> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RunningPublisher.class);

  private final ViewSpec view;
  private final int top;
  private final long ipThreshold;
  private final List<String> topBy;
  /** Driver only, never checkpointed: after a restore it is null, and the first batch rebuilds it. */
  private transient RunningTotals totals;
  /** Each batch's state snapshot (an RDD not computed unless needed), by batch time (millis). */
  private transient ConcurrentSkipListMap<Long, JavaRDD<Tuple2<StatKey, Tally>>> snapshots;
  /** The batches that received nothing: their tables, made on the driver, by batch time (millis). */
  private transient ConcurrentSkipListMap<Long, List<TallyTable>> quiet;

  RunningPublisher(ViewSpec view, int top, long ipThreshold, List<String> topBy) {
    this.view = view;
    this.top = top;
    this.ipThreshold = ipThreshold;
    this.topBy = List.copyOf(topBy);
  }

  /** The transform that feeds this publisher. */
  Join join() {
    return new Join(this);
  }

  /** The output: the changes gathered and applied, the statistics published. */
  @Override
  public void call(JavaRDD<StateChange> changes, Time time) {
    JavaRDD<Tuple2<StatKey, Tally>> snapshot = takeSnapshot(time);
    List<TallyTable> quietTables = take(quiet(), time);
    if (quietTables != null && totals != null && totals.exact() && !checkpointPending(changes.rdd(), new HashSet<>())) {
      // Nothing received (logmon at rest): the state's changes would only repeat the totals it has
      // (the batch's time and sources' markers; the state itself is still updated, by the next job
      // through the lineage), so no job runs. Every checkpoint batch still runs one: it cuts the
      // lineage and is where Spark times keys out (--forget-after).
      SnapshotPublisher.publish(view, time, () -> totals.result(perBatchEntries(quietTables)));
      return;
    }
    SnapshotPublisher.publish(view, time, () -> {
      List<Map.Entry<StatKey, Tally>> thisBatch = new ArrayList<>();
      RunningTotals running = totals;
      for (StateChanges part : changes.mapPartitions(new Gather()).collect()) {
        for (StateChange change : part) {
          if (change.change() == StateChange.Change.BATCH) {
            thisBatch.add(Map.entry(change.key(), change.total()));
          } else if (running != null) {
            running.apply(change);
          }
        }
      }
      if (running == null || !running.exact()) {
        running = rebuild(snapshot);
      }
      totals = running;
      return running.result(thisBatch);
    });
  }

  /** The statistics of the whole state: a partial one per partition, merged. */
  private RunningTotals rebuild(JavaRDD<Tuple2<StatKey, Tally>> snapshot) {
    RunningTotals all = new RunningTotals(top, ipThreshold, topBy);
    if (snapshot != null) {
      snapshot.mapPartitions(new Seed(top, ipThreshold, topBy)).collect().forEach(all::merge);
    }
    LOG.info("Cumulative statistics rebuilt from the whole state: {} keys", all.stateKeys());
    return all;
  }

  private synchronized ConcurrentSkipListMap<Long, JavaRDD<Tuple2<StatKey, Tally>>> snapshots() {
    if (snapshots == null) {
      snapshots = new ConcurrentSkipListMap<>();
    }
    return snapshots;
  }

  /** This batch's snapshot; those of earlier batches are let go of. */
  private JavaRDD<Tuple2<StatKey, Tally>> takeSnapshot(Time time) {
    return take(snapshots(), time);
  }

  private synchronized ConcurrentSkipListMap<Long, List<TallyTable>> quiet() {
    if (quiet == null) {
      quiet = new ConcurrentSkipListMap<>();
    }
    return quiet;
  }

  /** This batch's entry; those of earlier batches are let go of. */
  private static <T> T take(ConcurrentSkipListMap<Long, T> byBatch, Time time) {
    byBatch.headMap(time.milliseconds()).clear();
    return byBatch.remove(time.milliseconds());
  }

  /** The per-batch entries of the batch's tables, as the job would have gathered them. */
  private static List<Map.Entry<StatKey, Tally>> perBatchEntries(List<TallyTable> tables) {
    List<Map.Entry<StatKey, Tally>> entries = new ArrayList<>();
    for (TallyTable table : tables) {
      table.forEach((key, tally) -> {
        if (key.isPerBatch()) {
          entries.add(Map.entry(key, tally));
        }
      });
    }
    return entries;
  }

  /**
   * True when an RDD the changes are computed from is marked for checkpointing and not yet written:
   * the state's checkpoint batch (every 10 batches), which a job must compute.
   */
  static boolean checkpointPending(RDD<?> rdd, Set<Integer> seen) {
    if (!seen.add(rdd.id()) || rdd.isCheckpointed()) {
      return false;
    }
    if (rdd.checkpointData().isDefined()) {
      return true;
    }
    for (Dependency<?> dependency : scala.jdk.javaapi.CollectionConverters.asJava(rdd.dependencies())) {
      if (checkpointPending(dependency.rdd(), seen)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The transform: its RDDs are the state's changes, its snapshot, the batch's per-batch entries
   * and its tables, in that order. Runs on the driver as the batch's RDDs are made; starts no job. Holds
   * its publisher (the checkpoint keeps the two as one object each).
   */
  static final class Join implements Function2<List<JavaRDD<?>>, Time, JavaRDD<StateChange>> {
    private static final long serialVersionUID = 1L;
    private final RunningPublisher publisher;

    Join(RunningPublisher publisher) {
      this.publisher = publisher;
    }

    @Override
    @SuppressWarnings("unchecked")
    public JavaRDD<StateChange> call(List<JavaRDD<?>> rdds, Time time) {
      publisher.snapshots().put(time.milliseconds(), (JavaRDD<Tuple2<StatKey, Tally>>) rdds.get(1));
      DriverTables.of(rdds.get(3).rdd()).ifPresent(tables -> publisher.quiet().put(time.milliseconds(), tables));
      JavaRDD<StateChange> changes = (JavaRDD<StateChange>) rdds.get(0);
      JavaRDD<Tuple2<StatKey, Tally>> perBatch = (JavaRDD<Tuple2<StatKey, Tally>>) rdds.get(2);
      return changes.union(perBatch.map(new AsBatchChange()));
    }
  }

  /** A per-batch entry as a change, to travel with the state's changes. */
  static final class AsBatchChange implements Function<Tuple2<StatKey, Tally>, StateChange> {
    private static final long serialVersionUID = 1L;

    @Override
    public StateChange call(Tuple2<StatKey, Tally> entry) {
      return new StateChange(entry._1(), entry._2(), StateChange.Change.BATCH);
    }
  }

  /** A partition's changes in one compact object. */
  static final class Gather implements FlatMapFunction<Iterator<StateChange>, StateChanges> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<StateChanges> call(Iterator<StateChange> changes) {
      StateChanges all = new StateChanges();
      changes.forEachRemaining(change -> {
        if (change != null) {
          all.add(change);
        }
      });
      return List.of(all).iterator();
    }
  }

  /** A partition's share of the whole state, as statistics to merge. */
  static final class Seed implements FlatMapFunction<Iterator<Tuple2<StatKey, Tally>>, RunningTotals> {
    private static final long serialVersionUID = 1L;
    private final int top;
    private final long ipThreshold;
    private final List<String> topBy;

    Seed(int top, long ipThreshold, List<String> topBy) {
      this.top = top;
      this.ipThreshold = ipThreshold;
      this.topBy = topBy;
    }

    @Override
    public Iterator<RunningTotals> call(Iterator<Tuple2<StatKey, Tally>> entries) {
      RunningTotals part = new RunningTotals(top, ipThreshold, topBy);
      entries.forEachRemaining(entry -> part.update(entry._1(), entry._2(), true));
      return List.of(part).iterator();
    }
  }
}
