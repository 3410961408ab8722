package logmon.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where logmon's CPU went, from a JFR recording's execution samples: the hottest methods by self
 * time, the threads, and coarse buckets (logmon's parser and tallies, serialisation, Spark's
 * block storage, ...) by inclusive time. Java 17's {@code jfr} tool has no such view.
 *
 * <pre>java -cp bench/target/classes:... logmon.bench.JfrSummary logmon.jfr [topN]</pre>
 */
public final class JfrSummary {

  /** Buckets by inclusive samples: a frame whose class name starts with the prefix. First match wins per bucket. */
  private static final Map<String, String> BUCKETS = new LinkedHashMap<>();

  static {
    BUCKETS.put("logmon parser (compiled log format)", "logmon.core.format.");
    BUCKETS.put("logmon TallyTable (per-batch summary)", "logmon.core.TallyTable");
    BUCKETS.put("logmon StatsAccumulator / TopRanking", "logmon.core.StatsAccumulator|logmon.core.TopRanking");
    BUCKETS.put("logmon receiver (BoundedLineReader, store)", "logmon.source.");
    BUCKETS.put("logmon JSON output", "logmon.render.");
    BUCKETS.put("Spark BlockGenerator / receiver supervisor", "org.apache.spark.streaming.receiver.");
    BUCKETS.put("Spark serialisation (Kryo/Java serializer streams)", "org.apache.spark.serializer.|com.esotericsoftware.kryo.|java.io.ObjectOutputStream|java.io.ObjectInputStream");
    BUCKETS.put("Spark shuffle (sort/spill/write/read)", "org.apache.spark.shuffle.|org.apache.spark.util.collection.");
    BUCKETS.put("Spark block manager / memory store", "org.apache.spark.storage.");
    BUCKETS.put("Spark updateStateByKey / state", "org.apache.spark.streaming.dstream.StateDStream|org.apache.spark.streaming.dstream.MapWithStateDStream");
    BUCKETS.put("Spark checkpointing", "org.apache.spark.rdd.ReliableCheckpointRDD|org.apache.spark.streaming.Checkpoint|org.apache.spark.rdd.ReliableRDDCheckpointData");
    BUCKETS.put("compression (lz4/zstd/snappy)", "net.jpountz.|com.github.luben.|org.xerial.snappy.|org.apache.spark.io.");
    BUCKETS.put("HashMap / record hashCode+equals", "java.util.HashMap|logmon.core.StatKey");
    BUCKETS.put("String decode/encode", "java.lang.String|java.lang.StringCoding|sun.nio.cs.");
  }

  private JfrSummary() {}

  public static void main(String[] args) throws IOException {
    System.out.print(summarise(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 25));
  }

  static String summarise(Path recording, int top) throws IOException {
    Map<String, Integer> selfByMethod = new HashMap<>();
    Map<String, Integer> byThread = new HashMap<>();
    Map<String, Integer> byBucket = new LinkedHashMap<>();
    BUCKETS.keySet().forEach(bucket -> byBucket.put(bucket, 0));
    int total = 0;
    try (RecordingFile file = new RecordingFile(recording)) {
      while (file.hasMoreEvents()) {
        RecordedEvent event = file.readEvent();
        if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
          continue;
        }
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
          continue;
        }
        total++;
        List<RecordedFrame> frames = stack.getFrames();
        selfByMethod.merge(name(frames.get(0)), 1, Integer::sum);
        RecordedThread thread = event.getThread("sampledThread");
        byThread.merge(thread == null ? "?" : threadGroup(thread.getJavaName()), 1, Integer::sum);
        for (Map.Entry<String, String> bucket : BUCKETS.entrySet()) {
          String[] prefixes = bucket.getValue().split("\\|");
          boolean hit = frames.stream().anyMatch(frame -> {
            String type = frame.getMethod().getType().getName();
            for (String prefix : prefixes) {
              if (type.startsWith(prefix)) {
                return true;
              }
            }
            return false;
          });
          if (hit) {
            byBucket.merge(bucket.getKey(), 1, Integer::sum);
          }
        }
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "JFR %s: %,d execution samples (Java code only; GC and native I/O not sampled)%n",
        recording.getFileName(), total));
    if (total == 0) {
      return out.toString();
    }
    out.append("  by thread:\n");
    append(out, byThread, total, 12);
    out.append("  inclusive, by area (a sample can count in several):\n");
    append(out, byBucket, total, BUCKETS.size());
    out.append("  hottest methods (self):\n");
    append(out, selfByMethod, total, top);
    return out.toString();
  }

  private static void append(StringBuilder out, Map<String, Integer> counts, int total, int limit) {
    counts.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(limit)
        .forEach(e -> out.append(String.format(Locale.ROOT, "    %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey())));
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  /** Thread names without their numbers, so pools group together. */
  private static String threadGroup(String name) {
    return name == null ? "?" : name.replaceAll("[0-9]+", "N");
  }
}
