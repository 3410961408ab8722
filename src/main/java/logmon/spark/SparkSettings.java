package logmon.spark;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.streaming.receiver.WriteAheadLogBasedBlockHandler;

/** The Spark configuration logmon runs with: quiet, and closed to the network by default. */
final class SparkSettings {

  private static final String LOOPBACK = "127.0.0.1";

  private SparkSettings() {}

  static SparkConf conf(JobSettings settings) {
    SparkConf conf = new SparkConf()
        .setAppName("logmon")
        .setMaster(settings.master())
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false")
        .set("spark.default.parallelism", Integer.toString(settings.partitions()))
        .set("spark.locality.wait", "0s")
        .set("spark.streaming.blockInterval", blockIntervalMillis(settings) + "ms")
        // logmon stops the context itself (signals, --duration); Spark's hook would race it.
        .set("spark.streaming.stopGracefullyOnShutdown", "false")
        .set("spark.streaming.clock", ResumeClock.class.getName());
    flowControl(conf, settings.maxRate());
    kryoSerializer(conf);
    stateMapCompaction(conf);
    if (settings.sparkUiPort() != null) {
      // bound to SPARK_LOCAL_IP, which bin/logmon sets to 127.0.0.1
      conf.set("spark.ui.enabled", "true").set("spark.ui.port", settings.sparkUiPort().toString());
    }
    if (settings.writeAheadLog()) {
      conf.set("spark.streaming.receiver.writeAheadLog.enable", "true");
    }
    if (settings.isLocal()) {
      conf.set("spark.driver.bindAddress", LOOPBACK).set("spark.driver.host", LOOPBACK);
    } else {
      forCluster(conf);
    }
    return conf;
  }

  /**
   * Spark's Kryo serializer, with logmon's hot classes registered ({@link KryoClasses}), for what
   * Spark serialises with its data serializer: shuffles (cumulative mode's pairs on their way into
   * the state), the state's checkpoints, task results, and blocks kept serialised. Java
   * serialisation of those pairs was a large share of a busy cumulative batch. Closures and the
   * DStream graph's checkpoint are Java-serialised by Spark whatever this says.
   */
  static void kryoSerializer(SparkConf conf) {
    conf.set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .set("spark.kryo.registrator", KryoClasses.class.getName())
        // Tracking every written object's identity (for cycles and shared references, which
        // logmon's data has none of) was a third of writing the state's checkpoint.
        .set("spark.kryo.referenceTracking", "false");
  }

  /**
   * {@code mapWithState} keeps its state as a chain of per-batch delta maps, merged into one only
   * when the state is checkpointed and the chain is at least this long (Spark's default: 20).
   * Every key a batch brings is looked up through the chain (a new key misses in every link), and
   * Spark sizes the whole chain each batch to cache it: at a million keys, short chains read
   * measurably less CPU per line. Merging at every state checkpoint (every {@link
   * StreamingPipeline#MAX_STATE_LINEAGE_BATCHES} batches) costs a copy of the state there, where
   * the checkpoint reads the whole state anyway.
   */
  static void stateMapCompaction(SparkConf conf) {
    conf.set("spark.streaming.sessionByKey.deltaChainThreshold",
        Integer.toString(StreamingPipeline.MAX_STATE_LINEAGE_BATCHES));
  }

  /**
   * The receivers' rate limiter (which {@code store(line)} waits on) starts at a limit a cold JVM
   * can count, capped by {@code --max-rate}; {@link FlowController} moves it after every batch.
   * Spark's PID backpressure stays off: it would send its own, collapsing, limits. A Kafka direct
   * stream reads at most {@code --max-rate} records per partition and second into a batch.
   */
  static void flowControl(SparkConf conf, Long maxRate) {
    conf.set("spark.streaming.backpressure.enabled", "false")
        .set("spark.streaming.backpressure.initialRate", Long.toString(FlowController.initialRate(maxRate)));
    if (maxRate != null) {
      conf.set("spark.streaming.receiver.maxRate", maxRate.toString())
          .set("spark.streaming.kafka.maxRatePerPartition", maxRate.toString());
    } else {
      conf.remove("spark.streaming.receiver.maxRate").remove("spark.streaming.kafka.maxRatePerPartition");
    }
  }

  /**
   * A context restored from a checkpoint brings the configuration of the run that saved it; this
   * run's {@code --max-rate} applies to the receivers this JVM starts (local mode).
   */
  static void useFlowControl(Long maxRate) {
    flowControl(SparkEnv.get().conf(), maxRate);
  }

  /**
   * Executors are other JVMs: they need logmon's classes (spark-submit has already named its
   * application jar) and the same JVM flags the driver runs with on Java 17.
   */
  private static void forCluster(SparkConf conf) {
    String jar = System.getProperty("logmon.jar");
    if (!conf.contains("spark.jars") && jar != null) {
      if (!Files.isReadable(Path.of(jar))) {
        throw new IllegalStateException("a cluster's executors load logmon from " + jar
            + ", which is missing: build it with mvn -DskipTests package");
      }
      conf.set("spark.jars", String.join(",", jar, jarOf(org.HdrHistogram.Histogram.class)));
    }
    String flags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(flag -> flag.startsWith("--add-opens") || flag.equals("-XX:+IgnoreUnrecognizedVMOptions")
            || flag.startsWith("-Dio.netty.tryReflectionSetAccessible"))
        .collect(Collectors.joining(" "));
    String existing = conf.get("spark.executor.extraJavaOptions", "");
    conf.set("spark.executor.extraJavaOptions", (existing + " " + flags).trim());
  }

  /** The jar a library class was loaded from: executors need the libraries Spark does not bring. */
  private static String jarOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException | RuntimeException e) {
      throw new IllegalStateException("cannot find the jar of " + type.getName() + " to ship to the executors", e);
    }
  }

  /**
   * How long a receiver gathers lines into one block: Spark's 200 ms, but shorter with short
   * batches, since a line waits for its block to close before any batch can count it.
   */
  static long blockIntervalMillis(JobSettings settings) {
    return Math.max(50, Math.min(200, settings.view().batch().toMillis() / 4));
  }

  /**
   * Makes this JVM's receivers write their write-ahead log through {@link ReceiverLog}, into the
   * checkpoint at {@code checkpointDir}. Set on the live configuration after the context is created
   * or restored (so it follows the directory, wherever it is now) and before it starts; receivers
   * in the driver's JVM (local mode) read it when they start.
   */
  static void useReceiverLog(String checkpointDir) {
    SparkConf live = SparkEnv.get().conf();
    live.set(ReceiverLog.DIRECTORY, WriteAheadLogBasedBlockHandler.checkpointDirToLogDir(checkpointDir, 0));
    live.set("spark.streaming.receiver.writeAheadLog.class", ReceiverLog.class.getName());
  }

  /**
   * A context restored from a checkpoint takes the master and the driver's addresses from system
   * properties only, not from the saved configuration: pin them there too, so a restart stays on
   * loopback and on the master asked for now.
   */
  static void pinForRestore(JobSettings settings) {
    System.setProperty("spark.master", settings.master());
    if (settings.isLocal()) {
      System.setProperty("spark.driver.bindAddress", LOOPBACK);
      System.setProperty("spark.driver.host", LOOPBACK);
    }
  }
}
