package logmon.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import logmon.core.RawLines;
import logmon.core.TallyTable;
import logmon.source.SocketLineReceiver;
import logmon.source.SourceSpec;
import logmon.source.StdinLineReceiver;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaInputDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kafka010.CanCommitOffsets;
import org.apache.spark.streaming.kafka010.ConsumerStrategies;
import org.apache.spark.streaming.kafka010.HasOffsetRanges;
import org.apache.spark.streaming.kafka010.KafkaUtils;
import org.apache.spark.streaming.kafka010.LocationStrategies;
import org.apache.spark.streaming.kafka010.OffsetRange;
import scala.Tuple2;

/** Opens each kind of source as a DStream of log lines. */
final class SourceStreams {

  private SourceStreams() {}

  /**
   * A source's lines, and how to register what must run after each batch has been counted
   * (Kafka's offset commit).
   */
  record Opened<T>(JavaDStream<T> records, Class<T> recordClass, LineFeed<T> feed, Runnable registerAfterBatch) {

    /** The source's summary per batch: one table of its records. */
    JavaDStream<TallyTable> summaries(String name, boolean parseInParallel, boolean keepLinesForRecovery,
        String logFormat, String where, java.util.List<String> topBy) {
      var summaries = new BatchSummaries<>(name, parseInParallel, feed, logFormat, where, topBy);
      return new JavaDStream<>(new SummaryDStream<>(records.dstream(), recordClass, summaries, keepLinesForRecovery),
          scala.reflect.ClassTag$.MODULE$.apply(TallyTable.class));
    }

    /** The source's tables under the dashboard's live filter: none while no live filter is set. */
    JavaDStream<LiveSummaries.LiveTable> liveSummaries(String name, boolean parseInParallel, String logFormat,
        String where, java.util.List<String> topBy) {
      return records.transform(new LiveSummaries<>(
          new BatchSummaries<>(name, parseInParallel, feed, logFormat, where, topBy)));
    }
  }

  /**
   * @param name   the source as users named it (a replay is read over a loopback socket, but
   *               reports as the replay)
   * @param source where to read
   */
  static Opened<?> open(JavaStreamingContext context, JobSettings settings, String name, SourceSpec source) {
    int maxLineBytes = settings.maxLineBytes();
    // Locally, blocks stay as objects: serialising every line costs more than parsing it.
    // On a cluster they travel, and a second copy on another executor survives its loss.
    StorageLevel level = settings.isLocal()
        ? StorageLevel.MEMORY_AND_DISK()
        : StorageLevel.MEMORY_AND_DISK_SER_2();
    if (source instanceof SourceSpec.Socket socket) {
      return received(context.receiverStream(
          new SocketLineReceiver(name, socket.host(), socket.port(), level, maxLineBytes, settings.overload())));
    }
    if (source instanceof SourceSpec.Stdin) {
      return received(context.receiverStream(new StdinLineReceiver(name, level, maxLineBytes, settings.overload())));
    }
    if (source instanceof SourceSpec.Directory directory) {
      return plain(directory(context, directory, maxLineBytes));
    }
    if (source instanceof SourceSpec.Kafka kafka) {
      return kafka(context, kafka, maxLineBytes);
    }
    throw new IllegalArgumentException("cannot read " + name + " directly");
  }

  private static Opened<RawLines> received(JavaDStream<RawLines> records) {
    return new Opened<>(records, RawLines.class, LineFeed.RAW_LINES, () -> {});
  }

  private static Opened<String> plain(JavaDStream<String> lines) {
    return new Opened<>(lines, String.class, LineFeed.STRINGS, () -> {});
  }

  /** Spark's textFileStream, splitting at LF only (a lone CR is not a line end, as for sockets). */
  private static JavaDStream<String> directory(JavaStreamingContext context, SourceSpec.Directory source,
      int maxLineBytes) {
    Configuration conf = new Configuration(context.sparkContext().hadoopConfiguration());
    conf.set("textinputformat.record.delimiter", "\n");
    return context.fileStream(source.dir().toAbsolutePath().toString(), LongWritable.class, Text.class,
            TextInputFormat.class, new VisibleFiles(), true, conf)
        .map(new TextLine(maxLineBytes));
  }

  private static Opened<String> kafka(JavaStreamingContext context, SourceSpec.Kafka source, int maxLineBytes) {
    Map<String, Object> params = Map.of(
        "bootstrap.servers", source.brokers(),
        "key.deserializer", StringDeserializer.class,
        "value.deserializer", StringDeserializer.class,
        "group.id", "logmon-" + source.topic(),
        "auto.offset.reset", source.fromEarliest() ? "earliest" : "latest",
        "enable.auto.commit", false);
    JavaInputDStream<ConsumerRecord<String, String>> records = KafkaUtils.createDirectStream(context,
        LocationStrategies.PreferConsistent(),
        ConsumerStrategies.<String, String>Subscribe(List.of(source.topic()), params));
    JavaDStream<String> lines = records.flatMap(new RecordLines(maxLineBytes));
    return new Opened<>(lines, String.class, LineFeed.STRINGS,
        () -> records.foreachRDD(new CommitOffsets((CanCommitOffsets) records.inputDStream())));
  }

  /** Skips hidden and temporary files (".name", "_name"), such as rsync's partial files. */
  static final class VisibleFiles implements Function<Path, Boolean> {
    private static final long serialVersionUID = 1L;

    @Override
    public Boolean call(Path path) {
      String name = path.getName();
      return !name.startsWith(".") && !name.startsWith("_");
    }
  }

  /** A Hadoop text record as a line, or the oversized marker when it is over the limit. */
  static final class TextLine implements Function<Tuple2<LongWritable, Text>, String> {
    private static final long serialVersionUID = 1L;
    private final int maxLineBytes;

    TextLine(int maxLineBytes) {
      this.maxLineBytes = maxLineBytes;
    }

    @Override
    public String call(Tuple2<LongWritable, Text> record) {
      return record._2().getLength() > maxLineBytes ? TallyTable.OVERSIZED_LINE : record._2().toString();
    }
  }

  /** The lines of a Kafka record's value (a shipper may batch several lines in one record). */
  static final class RecordLines implements FlatMapFunction<ConsumerRecord<String, String>, String> {
    private static final long serialVersionUID = 1L;
    private final int maxLineBytes;

    RecordLines(int maxLineBytes) {
      this.maxLineBytes = maxLineBytes;
    }

    @Override
    public Iterator<String> call(ConsumerRecord<String, String> record) {
      String value = record.value();
      List<String> lines = new ArrayList<>();
      if (value == null) {
        return lines.iterator();
      }
      for (String line : value.split("\n", -1)) {
        if (!line.isEmpty()) {
          // UTF-16 length bounds the UTF-8 length from below; exact enough for a safety limit
          lines.add(line.length() > maxLineBytes ? TallyTable.OVERSIZED_LINE : line);
        }
      }
      return lines.iterator();
    }
  }

  /** Commits a batch's Kafka offsets once the batch has been counted (registered last). */
  static final class CommitOffsets implements VoidFunction<JavaRDD<ConsumerRecord<String, String>>> {
    private static final long serialVersionUID = 1L;
    private final CanCommitOffsets stream;

    CommitOffsets(CanCommitOffsets stream) {
      this.stream = stream;
    }

    @Override
    public void call(JavaRDD<ConsumerRecord<String, String>> rdd) {
      OffsetRange[] ranges = ((HasOffsetRanges) rdd.rdd()).offsetRanges();
      stream.commitAsync(ranges);
    }
  }
}
