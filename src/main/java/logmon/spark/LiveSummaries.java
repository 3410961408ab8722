package logmon.spark;

import java.io.Serializable;
import java.util.List;
import logmon.core.TallyTable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.streaming.Time;

/**
 * The live filter's branch of the graph, in it from the start (no stream can be added once the
 * context runs): each batch, on the driver, it reads the {@link LiveFilter} in force and tallies the
 * batch's lines with it (and {@code --where}) as {@link BatchSummaries} does; with no live filter
 * it yields an empty RDD, which starts no task.
 */
final class LiveSummaries<T> implements Function2<JavaRDD<T>, Time, JavaRDD<LiveSummaries.LiveTable>> {

  private static final long serialVersionUID = 1L;

  /** A batch's table of one source under the live filter of {@code generation}. */
  record LiveTable(long generation, TallyTable table) implements Serializable {}

  private final String sourceName;
  private final boolean parseInParallel;
  private final LineFeed<T> feed;
  private final String logFormat;
  private final String where;
  private final List<String> topBy;

  LiveSummaries(String sourceName, boolean parseInParallel, LineFeed<T> feed, String logFormat, String where,
      List<String> topBy) {
    this.sourceName = sourceName;
    this.parseInParallel = parseInParallel;
    this.feed = feed;
    this.logFormat = logFormat;
    this.where = where;
    this.topBy = List.copyOf(topBy);
  }

  @Override
  public JavaRDD<LiveTable> call(JavaRDD<T> lines, Time time) {
    LiveFilter.Current live = LiveFilter.current();
    if (live == null) {
      return JavaSparkContext.fromSparkContext(lines.context()).emptyRDD();
    }
    return new BatchSummaries<>(sourceName, parseInParallel, feed, logFormat, LiveFilter.both(where, live.expression()),
        topBy).call(lines, time).map(new Tag(live.generation()));
  }

  static final class Tag implements Function<TallyTable, LiveTable> {
    private static final long serialVersionUID = 1L;
    private final long generation;

    Tag(long generation) {
      this.generation = generation;
    }

    @Override
    public LiveTable call(TallyTable table) {
      return new LiveTable(generation, table);
    }
  }
}
