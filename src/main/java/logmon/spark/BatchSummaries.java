package logmon.spark;

import java.util.Iterator;
import java.util.List;
import logmon.core.TallyTable;
import logmon.core.format.LineParser;
import logmon.core.format.LineFormat;
import logmon.core.query.Query;
import logmon.core.query.Ranking;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.streaming.Time;

/**
 * The one statistics function both modes share, applied to each batch with {@code transform}: it
 * reduces the batch's lines to a single {@link TallyTable}, in one Spark job with no shuffle of
 * lines. Windows and running state then merge these summaries instead of lines.
 */
final class BatchSummaries<T> implements Function2<JavaRDD<T>, Time, JavaRDD<TallyTable>> {

  private static final long serialVersionUID = 1L;

  private final String sourceName;
  private final boolean parseInParallel;
  private final LineFeed<T> feed;
  private final String logFormat;
  private final String where;
  private final List<String> topBy;

  /**
   * @param parseInParallel tally the batch's blocks in parallel tasks and shuffle the (small)
   *     tables to one task; otherwise one task tallies every block, which on a small machine
   *     costs less than the shuffle
   */
  BatchSummaries(String sourceName, boolean parseInParallel, LineFeed<T> feed, String logFormat, String where,
      List<String> topBy) {
    this.sourceName = sourceName;
    this.parseInParallel = parseInParallel;
    this.feed = feed;
    this.logFormat = logFormat;
    this.where = where;
    this.topBy = List.copyOf(topBy);
  }

  /** The same summaries of lines that also pass {@code expression} (the dashboard's live filter). */
  BatchSummaries<T> narrowedBy(String expression) {
    return new BatchSummaries<>(sourceName, parseInParallel, feed, logFormat, LiveFilter.both(where, expression), topBy);
  }

  @Override
  public JavaRDD<TallyTable> call(JavaRDD<T> lines, Time time) {
    // Runs on the driver, where the clock offset is known: record real times.
    long batchMillis = ResumeClock.realMillis(time.milliseconds());
    if (lines.getNumPartitions() == 0) {
      // An empty batch still counts: for windows, rates, and the source's listing.
      TallyTable empty = new TallyTable();
      empty.addBatchMarkers(batchMillis, sourceName);
      JavaRDD<TallyTable> rdd = JavaSparkContext.fromSparkContext(lines.context()).parallelize(List.of(empty), 1);
      DriverTables.remember(rdd.rdd(), empty); // a window of such tables needs no job
      return rdd;
    }
    return lines.mapPartitions(new TallyPartition<>(feed, logFormat, where, topBy))
        .coalesce(1, parseInParallel)
        .mapPartitions(new MergeTables(batchMillis, sourceName));
  }

  /** Tallies one partition of records in a single pass. */
  static final class TallyPartition<T> implements FlatMapFunction<Iterator<T>, TallyTable> {
    private static final long serialVersionUID = 1L;
    private final LineFeed<T> feed;
    private final String logFormat;
    /** {@code --where}, or null: compiled in each task, as the parser is (its fields hold per-task state). */
    private final String where;
    private final List<String> topBy;

    TallyPartition(LineFeed<T> feed, String logFormat, String where, List<String> topBy) {
      this.feed = feed;
      this.logFormat = logFormat;
      this.where = where;
      this.topBy = topBy;
    }

    @Override
    public Iterator<TallyTable> call(Iterator<T> records) {
      // Compiled once per task (microseconds); with auto, the task learns its lines' format.
      List<LineFormat> formats = LineParser.formats(logFormat);
      Query filter = where == null ? null : Query.compile(where, formats);
      List<Ranking> rankings = topBy.stream().map(spec -> Ranking.compile(spec, formats)).toList();
      TallyTable table = new TallyTable(LineParser.of(logFormat), filter, rankings);
      records.forEachRemaining(record -> feed.addTo(record, table));
      return List.of(table).iterator();
    }
  }

  /** Merges a batch's partial tables into one, tagged with the batch and its source. */
  static final class MergeTables implements FlatMapFunction<Iterator<TallyTable>, TallyTable> {
    private static final long serialVersionUID = 1L;
    private final long batchMillis;
    private final String sourceName;

    MergeTables(long batchMillis, String sourceName) {
      this.batchMillis = batchMillis;
      this.sourceName = sourceName;
    }

    @Override
    public Iterator<TallyTable> call(Iterator<TallyTable> partials) {
      TallyTable batch = new TallyTable();
      partials.forEachRemaining(batch::merge);
      batch.addBatchMarkers(batchMillis, sourceName);
      return List.of(batch).iterator();
    }
  }
}
