package logmon.spark;

import java.io.Serializable;
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

  /** The source's own summaries (with {@code --where}), narrowed each batch by the live filter. */
  private final BatchSummaries<T> summaries;

  LiveSummaries(BatchSummaries<T> summaries) {
    this.summaries = summaries;
  }

  @Override
  public JavaRDD<LiveTable> call(JavaRDD<T> lines, Time time) {
    LiveFilter.Current live = LiveFilter.current();
    if (live == null) {
      return JavaSparkContext.fromSparkContext(lines.context()).emptyRDD();
    }
    return summaries.narrowedBy(live.expression()).call(lines, time).map(new Tag(live.generation()));
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
