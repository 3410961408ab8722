package logmon.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import logmon.core.StatKey;
import logmon.core.Tally;
import logmon.core.TallyTable;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.streaming.Time;
import scala.Tuple2;

/**
 * The one statistics function both modes share, applied to each batch with {@code transform}: it
 * reduces the batch's lines to one (StatKey, Tally) pair per key. Windows and running state then
 * merge these compact summaries instead of lines.
 */
final class BatchSummaries implements Function2<JavaRDD<String>, Time, JavaPairRDD<StatKey, Tally>> {

  private static final long serialVersionUID = 1L;

  private final int partitions;
  private final String sourceName;

  BatchSummaries(int partitions, String sourceName) {
    this.partitions = partitions;
    this.sourceName = sourceName;
  }

  @Override
  public JavaPairRDD<StatKey, Tally> call(JavaRDD<String> lines, Time time) {
    // Runs on the driver, where the clock offset is known: record real times.
    long batchMillis = time.milliseconds() + ResumeClock.offsetMillis();
    JavaPairRDD<StatKey, Tally> tallies = lines.mapPartitionsToPair(new TallyPartition(batchMillis, sourceName));
    // An empty batch has no partitions; this marker keeps it visible to windows and rates.
    TallyTable empty = new TallyTable();
    empty.addBatchMarkers(batchMillis);
    empty.addSourceMarker(sourceName);
    JavaPairRDD<StatKey, Tally> marker = JavaSparkContext.fromSparkContext(lines.context())
        .parallelizePairs(pairs(empty.asMap()), 1);
    return tallies.union(marker).reduceByKey(MergeTallies.INSTANCE, partitions);
  }

  static List<Tuple2<StatKey, Tally>> pairs(Map<StatKey, Tally> map) {
    List<Tuple2<StatKey, Tally>> list = new ArrayList<>(map.size());
    map.forEach((key, tally) -> list.add(new Tuple2<>(key, tally)));
    return list;
  }

  /** Tallies one partition of lines in a single pass. */
  static final class TallyPartition implements PairFlatMapFunction<Iterator<String>, StatKey, Tally> {
    private static final long serialVersionUID = 1L;
    private final long batchMillis;
    private final String sourceName;

    TallyPartition(long batchMillis, String sourceName) {
      this.batchMillis = batchMillis;
      this.sourceName = sourceName;
    }

    @Override
    public Iterator<Tuple2<StatKey, Tally>> call(Iterator<String> lines) {
      TallyTable table = new TallyTable();
      lines.forEachRemaining(table::addLine);
      table.addBatchMarkers(batchMillis);
      table.addSourceMarker(sourceName);
      return pairs(table.asMap()).iterator();
    }
  }
}
