package logmon.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import logmon.core.Mode;
import logmon.core.SnapshotSink;
import logmon.core.SourceStatus;
import logmon.source.ReplayServer;
import logmon.source.SourceSpec;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One run of logmon: start the streaming context, feed the sink, stop gracefully when asked. */
public final class StreamingRun {

  private static final Logger LOG = LoggerFactory.getLogger(StreamingRun.class);

  private final JobSettings settings;
  private final SnapshotSink sink;
  private final StopRequest stop;

  public StreamingRun(JobSettings settings, SnapshotSink sink, StopRequest stop) {
    this.settings = settings;
    this.sink = sink;
    this.stop = stop;
  }

  /** Runs until a stop is requested or {@code limit} (if not null) passes. */
  public void run(Duration limit) throws IOException, InterruptedException {
    Path temporaryCheckpoint = null;
    ReplayServer replay = null;
    JavaStreamingContext context = null;
    try {
      SourceSpec receiverSource = settings.source();
      if (settings.source() instanceof SourceSpec.Replay spec) {
        replay = new ReplayServer(spec.file(), spec.linesPerSecond(), spec.loop()).start();
        receiverSource = new SourceSpec.Socket("127.0.0.1", replay.port());
      }
      Path checkpoint = settings.checkpointDir();
      if (checkpoint == null && settings.view().mode() == Mode.CUMULATIVE) {
        temporaryCheckpoint = Files.createTempDirectory("logmon-checkpoint-");
        checkpoint = temporaryCheckpoint;
      }
      var initial = new SourceStatus(settings.source().description(), SourceStatus.State.STARTING, null);
      RunMonitor monitor = RunMonitor.install(sink, initial, () -> stop.request("input ended"));
      context = StreamingPipeline.createContext(settings, receiverSource,
          checkpoint == null ? null : checkpoint.toAbsolutePath().toString());
      context.addStreamingListener(monitor);
      context.start();
      LOG.info("logmon started: {}", settings);
      stop.await(limit);
      LOG.info("logmon stopping: {}", stop.reason());
    } finally {
      if (context != null) {
        context.stop(true, true);
      }
      if (replay != null) {
        replay.close();
      }
      if (temporaryCheckpoint != null) {
        deleteRecursively(temporaryCheckpoint);
      }
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Could not remove the temporary checkpoint {}", dir, e);
    }
  }
}
