package logmon.spark;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.streaming.StreamingContext;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.dstream.InputDStream;
import scala.Option;
import scala.reflect.ClassTag$;

/**
 * Like {@code queueStream(queue, oneAtATime)}: one scripted list of lines per batch, then empty
 * batches (with no partitions, like a receiver's). Unlike queueStream it survives checkpointing (the script lives in a static table and
 * the stream holds only its name), so cumulative mode's {@code updateStateByKey} can run on it.
 */
final class ScriptedInputDStream extends InputDStream<String> {

  private static final Map<String, Queue<List<String>>> SCRIPTS = new ConcurrentHashMap<>();
  private final String name;

  ScriptedInputDStream(StreamingContext context, String name, List<List<String>> batches) {
    super(context, ClassTag$.MODULE$.apply(String.class));
    this.name = name;
    SCRIPTS.put(name, new ConcurrentLinkedQueue<>(batches));
  }

  @Override
  public void start() {}

  @Override
  public void stop() {}

  @Override
  public Option<RDD<String>> compute(Time validTime) {
    List<String> lines = SCRIPTS.get(name).poll();
    var spark = JavaSparkContext.fromSparkContext(context().sparkContext());
    // An empty batch has no partitions at all, as a receiver's empty batch does.
    return Option.apply(lines == null || lines.isEmpty()
        ? spark.<String>emptyRDD().rdd()
        : spark.parallelize(lines, 2).rdd());
  }
}
