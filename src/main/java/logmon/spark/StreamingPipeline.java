package logmon.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import logmon.core.Mode;
import logmon.core.StateChange;
import logmon.core.StatKey;
import logmon.core.Tally;
import logmon.core.TallyTable;
import logmon.core.ViewSpec;
import logmon.source.SourceSpec;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function3;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.StateSpec;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import scala.Tuple2;
import scala.reflect.ClassTag$;

/**
 * Builds the whole DStream graph in one place, so that a checkpoint can rebuild it:
 * lines of each source → one summary table per batch ({@code transform}) → the window's tables
 * ({@code window}) or running totals per key ({@code updateStateByKey}/{@code mapWithState}) →
 * snapshot ({@code foreachRDD}; with {@code mapWithState}, from the keys each batch changed:
 * {@link RunningPublisher}).
 */
public final class StreamingPipeline {

  /** The running state is checkpointed at least every this many batches. */
  static final int MAX_STATE_LINEAGE_BATCHES = 10;

  private StreamingPipeline() {}

  /**
   * @param readFrom      where each of {@code settings.sources()} is read from, in the same order
   *                      (a replay is read over a loopback socket)
   * @param checkpointDir required in cumulative mode; may be null in window mode
   */
  public static JavaStreamingContext createContext(JobSettings settings, List<SourceSpec> readFrom,
      String checkpointDir) {
    var context = new JavaStreamingContext(SparkSettings.conf(settings), sparkDuration(settings.view().batch()));
    buildGraph(context, settings, checkpointDir,
        (index, name) -> SourceStreams.open(context, settings, name, readFrom.get(index)));
    return context;
  }

  /** Opens the source at {@code index} of the settings' sources, under its name. */
  interface SourceOpener {
    SourceStreams.Opened<?> open(int index, String name);
  }

  /**
   * The graph on {@code context}: each source's lines summarised per batch ({@link SummaryDStream}),
   * the sources' summaries in one stream, the view's statistics, then each source's after-batch
   * work. Apart from {@link #createContext} so that tests can drive it with scripted batches.
   */
  static void buildGraph(JavaStreamingContext context, JobSettings settings, String checkpointDir,
      SourceOpener opener) {
    if (checkpointDir != null && settings.checkpointDir() != null) {
      context.checkpoint(checkpointDir); // --checkpoint: the graph too, every batch, for a restart
    } else if (checkpointDir != null) {
      // A temporary checkpoint is removed at exit and never restored: only the state's RDDs are
      // checkpointed there (to cut their lineage), not the whole graph every batch, which Spark
      // does when the streaming context has a checkpoint (a file a batch, most of an idle batch's
      // CPU in cumulative mode).
      context.sparkContext().setCheckpointDir(checkpointDir);
    }
    List<JavaDStream<TallyTable>> perSource = new ArrayList<>();
    List<JavaDStream<LiveSummaries.LiveTable>> livePerSource = new ArrayList<>();
    List<SourceStreams.Opened<?>> opened = new ArrayList<>();
    for (int i = 0; i < settings.sources().size(); i++) {
      String name = settings.sources().get(i).description();
      SourceStreams.Opened<?> source = opener.open(i, name);
      opened.add(source);
      perSource.add(source.summaries(name, !settings.isLocal(), settings.checkpointDir() != null,
          settings.logFormat(), settings.where(), settings.topBy()));
      livePerSource.add(source.liveSummaries(name, !settings.isLocal(), settings.logFormat(), settings.where(),
          settings.topBy()));
    }
    JavaDStream<TallyTable> tables = perSource.size() == 1
        ? perSource.get(0)
        : context.union(perSource.toArray(JavaDStream[]::new));
    // The dashboard's live filter, registered first: its figures are ready when the view's
    // output of the same batch publishes the snapshot that carries them.
    JavaDStream<LiveSummaries.LiveTable> live = livePerSource.size() == 1
        ? livePerSource.get(0)
        : context.union(livePerSource.toArray(JavaDStream[]::new));
    live.foreachRDD(new LivePublisher(settings.view(), settings.top(), settings.ipThreshold(), settings.topBy()));
    publishStatistics(tables, settings);
    // Registered after the snapshot, so it runs once the batch has been counted.
    opened.forEach(source -> source.registerAfterBatch().run());
  }

  /** The view's statistics for each batch: the window's, or everything's since start. */
  private static void publishStatistics(JavaDStream<TallyTable> tables, JobSettings settings) {
    ViewSpec view = settings.view();
    if (view.mode() == Mode.WINDOW) {
      JavaDStream<TallyTable> window = tables.window(sparkDuration(view.window()), sparkDuration(view.slide()));
      // window() caches its input serialised; the tables are only read, so keep them as objects.
      tables.persist(StorageLevel.MEMORY_AND_DISK());
      window.foreachRDD(new SnapshotPublisher.OfTables(view, settings.top(), settings.ipThreshold(), settings.topBy()));
      if (view.slide().compareTo(view.batch()) > 0) {
        // Between slides no output would run, and Spark completes no batch: summarise each batch
        // as it comes, so its lines are let go of and flow control hears that they were counted.
        tables.foreachRDD(new Summarise());
      }
      return;
    }
    // Several consumers below: the batch's table is cached (SummaryDStream), not tallied twice.
    JavaPairDStream<StatKey, Tally> running = tables.flatMapToPair(new Entries(false));
    JavaPairDStream<StatKey, Tally> perBatch = tables.flatMapToPair(new Entries(true));
    if (settings.stateMethod() == StateMethod.MAP_WITH_STATE) {
      // mapWithState checkpoints its state every 10 batches by default: already bounded.
      JavaDStream<StateChange> changes;
      JavaDStream<Tuple2<StatKey, Tally>> snapshots;
      if (settings.forgetAfter() == null) {
        var state = running.mapWithState(StateSpec.function(new AccumulateInState())
            .numPartitions(settings.partitions()));
        changes = state;
        snapshots = state.stateSnapshots().toJavaDStream();
      } else {
        // Spark's timeout applies to every key of a state: totals live in a state of their own,
        // which never forgets, so that requests, bytes and codes stay exact however long the run.
        var forgetting = running.filter(new Forgettable(true)).mapWithState(
            StateSpec.function(new AccumulateInState()).numPartitions(settings.partitions())
                .timeout(sparkDuration(settings.forgetAfter())));
        var keeping = running.filter(new Forgettable(false)).mapWithState(
            StateSpec.function(new AccumulateInState()).numPartitions(1));
        changes = forgetting.union(keeping);
        snapshots = forgetting.stateSnapshots().toJavaDStream().union(keeping.stateSnapshots().toJavaDStream());
      }
      var publisher = new RunningPublisher(view, settings.top(), settings.ipThreshold(), settings.topBy());
      new JavaStreamingContext(tables.context())
          .transform(List.of(changes, snapshots, perBatch.toJavaDStream(), tables), publisher.join())
          .foreachRDD(publisher);
      return;
    }
    JavaPairDStream<StatKey, Tally> totals = running.updateStateByKey(new AccumulateTallies(), settings.partitions());
    totals.checkpoint(sparkDuration(stateCheckpointInterval(view.batch())));
    totals.transformWithToPair(perBatch, new WithThisBatch())
        .foreachRDD(new SnapshotPublisher.OfEntries(view, settings.top(), settings.ipThreshold(), settings.topBy()));
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

  static Duration sparkDuration(java.time.Duration duration) {
    return new Duration(duration.toMillis());
  }

  /** Makes a batch's (cached) table now; the window reads it at the next slide. */
  static final class Summarise implements org.apache.spark.api.java.function.VoidFunction<JavaRDD<TallyTable>> {
    private static final long serialVersionUID = 1L;

    @Override
    public void call(JavaRDD<TallyTable> tables) {
      if (DriverTables.of(tables.rdd()).isEmpty()) { // an empty batch's table is made already
        tables.count();
      }
    }
  }

  /**
   * A table's entries: the per-batch ones (which describe one batch and stay out of the running
   * state), or all the others.
   */
  static final class Entries implements PairFlatMapFunction<TallyTable, StatKey, Tally> {
    private static final long serialVersionUID = 1L;
    private final boolean perBatch;

    Entries(boolean perBatch) {
      this.perBatch = perBatch;
    }

    @Override
    public Iterator<Tuple2<StatKey, Tally>> call(TallyTable table) {
      List<Tuple2<StatKey, Tally>> entries = new ArrayList<>(perBatch ? 4 : table.size());
      table.forEach((key, tally) -> {
        if (key.isPerBatch() == perBatch) {
          entries.add(new Tuple2<>(key, tally));
        }
      });
      return entries.iterator();
    }
  }

  /** Keys that {@code --forget-after} may drop (or, with {@code false}, the totals it may not). */
  static final class Forgettable implements org.apache.spark.api.java.function.Function<Tuple2<StatKey, Tally>, Boolean> {
    private static final long serialVersionUID = 1L;
    private final boolean forgettable;

    Forgettable(boolean forgettable) {
      this.forgettable = forgettable;
    }

    @Override
    public Boolean call(Tuple2<StatKey, Tally> entry) {
      return logmon.core.RunningTotals.forgettable(entry._1()) == forgettable;
    }
  }

  /** Adds this batch's per-batch keys to the running totals, for the rate and the batch series. */
  static final class WithThisBatch implements Function3<JavaPairRDD<StatKey, Tally>,
      JavaPairRDD<StatKey, Tally>, Time, JavaPairRDD<StatKey, Tally>> {
    private static final long serialVersionUID = 1L;

    @Override
    public JavaPairRDD<StatKey, Tally> call(JavaPairRDD<StatKey, Tally> totals,
        JavaPairRDD<StatKey, Tally> batch, Time time) {
      return totals.union(batch);
    }
  }
}
