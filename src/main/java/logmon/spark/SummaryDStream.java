package logmon.spark;

import logmon.core.TallyTable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.RDD;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.dstream.DStream;
import scala.Option;
import scala.collection.immutable.List;
import scala.reflect.ClassTag$;

/**
 * {@code lines.transform(summaries)}, with one difference that matters for memory: Spark keeps a
 * stream's input for as long as anything downstream remembers it — a 30 s window would hold 30 s
 * of raw lines, gigabytes at a high rate, although only each batch's small table is ever read
 * again. This stream caches its tables and lets go of each batch's lines after the batch. Where
 * a restart must recompute tables from the received lines (a durable checkpoint), it keeps them
 * as long as Spark would.
 */
final class SummaryDStream<T> extends DStream<TallyTable> {

  private static final long serialVersionUID = 1L;

  private final DStream<T> lines;
  private final BatchSummaries<T> summaries;
  private final boolean keepLinesForRecovery;
  private final Class<T> recordClass;

  SummaryDStream(DStream<T> lines, Class<T> recordClass, BatchSummaries<T> summaries, boolean keepLinesForRecovery) {
    super(lines.ssc(), ClassTag$.MODULE$.apply(TallyTable.class));
    this.lines = lines;
    this.summaries = summaries;
    this.keepLinesForRecovery = keepLinesForRecovery;
    this.recordClass = recordClass;
    // Small, and read again by every window or state update: keep them, on disk if memory is short.
    persist(StorageLevel.MEMORY_AND_DISK());
  }

  @Override
  public Duration slideDuration() {
    return lines.slideDuration();
  }

  @Override
  public List<DStream<?>> dependencies() {
    return List.<DStream<?>>from(scala.jdk.javaapi.CollectionConverters.asScala(java.util.List.<DStream<?>>of(lines)));
  }

  @Override
  public Option<RDD<TallyTable>> compute(Time time) {
    Option<RDD<T>> batch = lines.getOrCompute(time);
    if (batch.isEmpty()) {
      return Option.empty();
    }
    return Option.apply(summaries.call(JavaRDD.fromRDD(batch.get(), ClassTag$.MODULE$.apply(recordClass)), time).rdd());
  }

  @Override
  public Duration parentRememberDuration() {
    return keepLinesForRecovery ? super.parentRememberDuration() : slideDuration();
  }
}
