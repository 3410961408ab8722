package logmon.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import logmon.core.Mode;
import logmon.core.SnapshotSink;
import logmon.core.SourceStatus;
import logmon.source.Backlog;
import logmon.source.DirectoryWatcher;
import logmon.source.InputGate;
import logmon.source.ReplayServer;
import logmon.source.SourceSpec;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.Function0;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One run of logmon: start (or restore) the streaming context, feed the sink, stop gracefully. */
public final class StreamingRun {

  private static final Logger LOG = LoggerFactory.getLogger(StreamingRun.class);
  /** Longer than Spark's block interval (200 ms) plus the time to hand a block to the driver. */
  private static final long DRAIN_MILLIS = 1000;
  /** After a downtime, Spark replays at most this many missed batches (see {@link ResumeClock}). */
  static final int MAX_REPLAY_BATCHES = 5;
  /**
   * A cluster master that has not taken the application this long after logmon began starting
   * Spark is reported unreachable (Spark itself would retry for 60 s). Registering with a master
   * that answers takes well under a second; starting its executors afterwards is not limited.
   */
  static final long MASTER_LIMIT_MILLIS = 12_000;

  private final JobSettings settings;
  private final SnapshotSink sink;
  private final StopRequest stop;

  public StreamingRun(JobSettings settings, SnapshotSink sink, StopRequest stop) {
    this.settings = settings;
    this.sink = sink;
    this.stop = stop;
  }

  /**
   * Runs until a stop is requested (a key, a signal, --duration, the end of input), from the
   * first moment: also while Spark is still starting.
   *
   * @throws CheckpointException        when --checkpoint names a directory that cannot be used as it is
   * @throws MasterUnreachableException when a cluster master refuses or does not answer in time
   */
  public void run() throws Exception {
    try (Cleanup cleanup = new Cleanup()) {
      InputGate.open();
      List<SourceSpec> readFrom = readFrom(cleanup);
      CheckpointDirectory durable = settings.checkpointDir() == null ? null
          : cleanup.add(CheckpointDirectory.open(settings.checkpointDir(), settings.graphOptions(), settings.fresh()));
      String checkpoint = durable != null ? durable.path().toString()
          : settings.view().mode() == Mode.CUMULATIVE
              ? cleanup.add(TemporaryCheckpoint.create(Path.of(System.getProperty("java.io.tmpdir")))).path().toString()
              : null;
      RunMonitor monitor = RunMonitor.install(sink, initialStates(), () -> stop.request("input ended"));
      if (settings.where() != null) {
        monitor.filter(new logmon.core.ActiveFilter(settings.where(), java.time.Instant.now()));
      }
      watchDirectories(monitor, cleanup);
      // Locally the receivers share this JVM's heap: cap what they may hold uncounted.
      Backlog backlog = settings.isLocal() ? Backlog.install(Runtime.getRuntime().maxMemory()) : null;
      cleanup.add(Backlog::uninstall);
      JavaStreamingContext context = startSpark(readFrom, checkpoint, durable, monitor, backlog);
      if (context == null) {
        LOG.info("logmon stopped while Spark was starting: {}", stop.reason());
        return;
      }
      cleanup.add(() -> context.stop(true, true));
      LOG.info("logmon started: {}", settings);
      stop.await();
      LOG.info("logmon stopping: {}", stop.reason());
      InputGate.close();
      long batchMillis = settings.view().batch().toMillis();
      if (!monitor.awaitDrained(DRAIN_MILLIS, 3 * batchMillis + 5_000)) {
        LOG.warn("Stopping before the last received lines were counted: batches are behind");
      }
      StopLogging.quietRoutineStopWarnings(); // the context stops next, as the Cleanup closes
    }
  }

  /**
   * Creates (or restores) and starts the context on a thread of its own, telling the sink what it
   * waits for. Returns the started context, or null when a stop came first.
   */
  private JavaStreamingContext startSpark(List<SourceSpec> readFrom, String checkpoint,
      CheckpointDirectory durable, RunMonitor monitor, Backlog backlog) throws Exception {
    String master = settings.master();
    boolean cluster = !settings.isLocal();
    String waitingFor = cluster ? "the Spark master " + master : "Spark to start (" + master + ")";
    AtomicBoolean masterAnswered = new AtomicBoolean(!cluster);
    SparkStarter starter = SparkStarter.begin(waitingFor, master, cluster ? MASTER_LIMIT_MILLIS : 0,
        masterAnswered::get, () -> {
      MasterProbe.check(master);
      JavaStreamingContext context = createOrRestore(readFrom, checkpoint, durable);
      // The SparkContext exists, so the master took the application (a standalone backend waits
      // for that); executors and receivers may now take as long as a cluster needs to start.
      masterAnswered.set(true);
      BlockManagerPools.shrink(SparkEnv.get()); // ~190 fewer threads (issue 11)
      if (durable != null) {
        // Measured now, not before the restore: starting Spark takes seconds, and every batch
        // interval of them would be one more batch to replay.
        CheckpointDirectory.Resume resume = durable.resumeClockOffset(
            settings.view().batch().toMillis(), MAX_REPLAY_BATCHES, System.currentTimeMillis());
        ResumeClock.resume(resume.savedOffset(), resume.restoredUpTo(), resume.offset());
        LOG.info("Spark clock offset: {} ms (batches generated before the restart: {} ms)", resume.offset(),
            resume.savedOffset());
        if (settings.writeAheadLog() && settings.isLocal()) {
          SparkSettings.useReceiverLog(checkpoint);
        }
        if (settings.isLocal()) {
          SparkSettings.useFlowControl(settings.maxRate());
        }
      }
      try {
        // Registered first: the monitor reads what the controller decided for the same batch.
        FlowController flow = new FlowController(context.ssc(), settings.maxRate(), backlog,
            settings.view().batch().toMillis());
        context.addStreamingListener(flow);
        monitor.watchFlow(flow);
        context.addStreamingListener(monitor);
        context.start();
      } catch (RuntimeException e) {
        context.stop(true, false);
        throw e;
      }
      return context;
    });
    return starter.await(stop, sink::startingUp);
  }

  /** Where each source is read: a replay is served on a loopback socket of its own. */
  private List<SourceSpec> readFrom(Cleanup cleanup) throws IOException {
    List<SourceSpec> readFrom = new ArrayList<>();
    for (SourceSpec source : settings.sources()) {
      if (source instanceof SourceSpec.Replay spec) {
        ReplayServer replay = cleanup.add(new ReplayServer(spec.file(), spec.linesPerSecond(), spec.loop()).start());
        readFrom.add(new SourceSpec.Socket("127.0.0.1", replay.port()));
      } else {
        readFrom.add(source);
      }
    }
    return readFrom;
  }

  /** Receivers report their own state; directories and Kafka topics have none to report. */
  private List<SourceStatus> initialStates() {
    List<SourceStatus> states = new ArrayList<>();
    for (SourceSpec source : settings.sources()) {
      SourceStatus.State state = source instanceof SourceSpec.Directory ? SourceStatus.State.WATCHING
          : source instanceof SourceSpec.Kafka ? SourceStatus.State.CONNECTED
          : SourceStatus.State.STARTING;
      states.add(new SourceStatus(source.description(), state, null));
    }
    return states;
  }

  private void watchDirectories(RunMonitor monitor, Cleanup cleanup) {
    for (SourceSpec source : settings.sources()) {
      if (source instanceof SourceSpec.Directory directory) {
        String name = directory.description();
        cleanup.add(new DirectoryWatcher(directory.dir(), settings.view().batch().toMillis(),
            notice -> monitor.update(new SourceStatus(name, SourceStatus.State.WATCHING, notice))).start());
      }
    }
  }

  private JavaStreamingContext createOrRestore(List<SourceSpec> readFrom, String checkpoint,
      CheckpointDirectory durable) throws IOException {
    Function0<JavaStreamingContext> create =
        () -> StreamingPipeline.createContext(settings, readFrom, checkpoint);
    SparkSettings.pinForRestore(settings);
    if (durable == null || !durable.hasCheckpoint()) {
      try {
        return create.call();
      } catch (Exception e) {
        throw new IllegalStateException("cannot start Spark Streaming: " + e.getMessage(), e);
      }
    }
    try {
      LOG.info("Restoring from checkpoint {}", checkpoint);
      return JavaStreamingContext.getOrCreate(checkpoint, create);
    } catch (RuntimeException e) {
      LOG.error("Cannot restore from checkpoint {}", checkpoint, e);
      throw new CheckpointException("cannot restore from --checkpoint " + checkpoint + " ("
          + e.getMessage() + "); add --fresh to discard it and start from zero");
    }
  }
}
