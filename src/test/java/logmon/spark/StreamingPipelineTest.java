package logmon.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import logmon.core.BatchCount;
import logmon.core.Ranked;
import logmon.core.Snapshot;
import logmon.core.SnapshotSink;
import logmon.core.SourceStatus;
import logmon.core.TrafficStats;
import logmon.core.ViewSpec;
import logmon.source.SourceSpec;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import scala.reflect.ClassTag$;

/**
 * The real DStream graph on a real local StreamingContext, driven batch by batch with exact
 * inputs; asserts what each batch's snapshot says.
 */
class StreamingPipelineTest {

  private static final Duration BATCH = Duration.ofMillis(400);
  private static JavaSparkContext spark;

  @BeforeAll
  static void startSpark() {
    var settings = settings(ViewSpec.cumulative(BATCH));
    spark = new JavaSparkContext(SparkSettings.conf(settings));
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  static JobSettings settings(ViewSpec view) {
    return settings(view, StateMethod.UPDATE_STATE_BY_KEY);
  }

  static JobSettings settings(ViewSpec view, StateMethod state) {
    return new JobSettings(view, List.of(new SourceSpec.Stdin()), "local[2]", 3, 1, null, state, false,
        false, 2, 1 << 20, null, null, logmon.core.OverloadPolicy.WAIT, "auto");
  }

  static String line(String ip, String path, int status, long bytes) {
    return ip + " - - [07/Mar/2004:16:05:49 -0800] \"GET " + path + " HTTP/1.1\" " + status + " " + bytes;
  }

  /** Runs the batches through the pipeline and returns one snapshot per batch, in batch order. */
  private static List<Snapshot> run(JobSettings settings, List<List<String>> batches, Path checkpoint)
      throws InterruptedException {
    return runSources(settings, List.of(batches), checkpoint);
  }

  /**
   * Builds the real graph ({@link StreamingPipeline#buildGraph}, as {@code createContext} does) on a
   * context of the shared SparkContext, with source i's lines scripted batch by batch by
   * {@code scripts.get(i)}; returns one snapshot per batch, in batch order.
   */
  private static List<Snapshot> runSources(JobSettings settings, List<List<List<String>>> scripts, Path checkpoint)
      throws InterruptedException {
    int batches = scripts.stream().mapToInt(List::size).max().orElse(0);
    List<Snapshot> snapshots = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(batches);
    SnapshotSink sink = snapshot -> {
      snapshots.add(snapshot);
      done.countDown();
    };
    var states = settings.sources().stream()
        .map(source -> new SourceStatus(source.description(), SourceStatus.State.CONNECTED, null)).toList();
    var monitor = RunMonitor.install(sink, states, () -> {});
    var context = new JavaStreamingContext(spark, StreamingPipeline.sparkDuration(BATCH));
    String run = "script-" + System.nanoTime() + "-";
    try {
      StreamingPipeline.buildGraph(context, settings, checkpoint == null ? null : checkpoint.toString(),
          (index, name) -> new SourceStreams.Opened<>(new JavaDStream<>(
              new ScriptedInputDStream(context.ssc(), run + index, scripts.get(index)),
              ClassTag$.MODULE$.apply(String.class)), String.class, LineFeed.STRINGS, () -> {}));
      context.addStreamingListener(monitor);
      context.start();
      assertThat(done.await(120, TimeUnit.SECONDS)).as("all %d batches processed within 120 s (a hang)", batches)
          .isTrue();
    } finally {
      context.stop(false, false);
    }
    synchronized (snapshots) {
      return List.copyOf(snapshots.subList(0, batches));
    }
  }

  /** Several sources: each summarised apart, counted together, each one's lines listed. */
  @Test
  void twoSourcesAreCountedTogetherAndEachOnesLinesListed() throws Exception {
    var view = ViewSpec.window(BATCH, BATCH.multipliedBy(2), BATCH);
    var sources = List.<SourceSpec>of(new SourceSpec.Socket("web1", 9999), new SourceSpec.Socket("web2", 9999));
    var settings = new JobSettings(view, sources, "local[2]", 3, 1, null, StateMethod.MAP_WITH_STATE, false,
        false, 2, 1 << 20, null, null, logmon.core.OverloadPolicy.WAIT, "auto");
    List<Snapshot> out = runSources(settings, List.of(
        List.of(List.of(line("a", "/x", 200, 100), "junk"), List.of(line("a", "/x", 404, 1))),
        List.of(List.of(line("b", "/y", 200, 7)), List.of())), null);

    TrafficStats first = out.get(0).traffic();
    assertThat(first.requests()).isEqualTo(2);
    assertThat(first.malformed()).isEqualTo(1);
    assertThat(first.sourceLines()).isEqualTo(Map.of("web1:9999", 2L, "web2:9999", 1L));
    assertThat(first.batches()).extracting(BatchCount::requests).containsExactly(2L);
    TrafficStats second = out.get(1).traffic();
    assertThat(second.requests()).isEqualTo(3);
    assertThat(second.sourceLines()).isEqualTo(Map.of("web1:9999", 3L, "web2:9999", 1L));
    assertThat(second.topEndpoints()).containsExactly(new Ranked("/x", 2), new Ranked("/y", 1));
    assertThat(second.batches()).extracting(BatchCount::requests).containsExactly(2L, 1L);
  }

  @Test
  void windowCountsOnlyTheBatchesItSpans() throws Exception {
    var view = ViewSpec.window(BATCH, BATCH.multipliedBy(2), BATCH);
    List<List<String>> batches = List.of(
        List.of(line("a", "/x", 200, 100), line("a", "/y", 404, 10)),
        List.of(line("b", "/x", 200, 300), "not a log line"),
        List.of(),
        List.of(line("c", "/z", 500, 5)));
    List<Snapshot> out = run(settings(view), batches, null);

    // Batch 1: only its own lines.
    assertThat(out.get(0).traffic().requests()).isEqualTo(2);
    assertThat(out.get(0).traffic().status()).isEqualTo(Map.of("200", 1L, "404", 1L));
    // Batch 2: batches 1 and 2 together; the malformed line is counted apart.
    TrafficStats second = out.get(1).traffic();
    assertThat(second.requests()).isEqualTo(3);
    assertThat(second.malformed()).isEqualTo(1);
    assertThat(second.bytes().sum()).isEqualTo(410);
    assertThat(second.bytes().min()).isEqualTo(10);
    assertThat(second.bytes().max()).isEqualTo(300);
    assertThat(second.topEndpoints()).startsWith(new Ranked("/x", 2));
    // Batch 3 (empty): batch 1 has left the window.
    TrafficStats third = out.get(2).traffic();
    assertThat(third.requests()).isEqualTo(1);
    assertThat(third.malformed()).isEqualTo(1);
    assertThat(third.batches()).extracting(BatchCount::requests).containsExactly(1L, 0L);
    assertThat(out.get(2).requestsPerSecond()).isEqualTo(1 / (2 * 0.4));
    // Batch 4: batch 2's lines have left too.
    TrafficStats fourth = out.get(3).traffic();
    assertThat(fourth.requests()).isEqualTo(1);
    assertThat(fourth.malformed()).isZero();
    assertThat(fourth.topErrorEndpoints()).containsExactly(new Ranked("/z", 1));
    assertThat(fourth.bytes().max()).isEqualTo(5);
    // Each batch's own codes, bytes and shed lines travel with it, so that --metrics's counters
    // add every batch once, whichever windows hold it.
    assertThat(second.batches()).extracting(BatchCount::status)
        .containsExactly(new java.util.TreeMap<>(Map.of("200", 1L, "404", 1L)), new java.util.TreeMap<>(Map.of("200", 1L)));
    assertThat(second.batches()).extracting(BatchCount::bytes).containsExactly(110L, 300L);
    logmon.core.metrics.RunTotals totals = new logmon.core.metrics.RunTotals();
    out.forEach(totals::add);
    assertThat(totals.counts().status()).isEqualTo(Map.of("200", 2L, "404", 1L, "500", 1L));
    assertThat(totals.counts().bytes()).isEqualTo(415);
    assertThat(totals.counts().malformed()).isEqualTo(1);
  }

  /**
   * At rest a window holds only batches that received nothing: it is merged on the driver, and no
   * Spark job runs for it (issue 11: a job per batch was nearly all of logmon's CPU at rest). The
   * snapshot says the same as a job's would: nothing in the window, each batch listed.
   */
  @Test
  void aWindowOfEmptyBatchesRunsNoSparkJob() throws Exception {
    var view = ViewSpec.window(BATCH, BATCH.multipliedBy(2), BATCH);
    java.util.Set<Long> batchesWithJobs = java.util.concurrent.ConcurrentHashMap.newKeySet();
    List<Snapshot> out = withJobsSeen(batchesWithJobs,
        () -> run(settings(view), List.of(List.of(line("a", "/x", 200, 100)), List.of(), List.of(), List.of()), null));
    long[] times = out.stream().mapToLong(snapshot -> snapshot.time().toEpochMilli()).toArray();
    assertThat(batchesWithJobs).as("batches 1 and 2 hold a line: a job each").contains(times[0], times[1]);
    assertThat(batchesWithJobs).as("batches 3 and 4: windows of empty batches").doesNotContain(times[2], times[3]);
    for (Snapshot rest : out.subList(2, 4)) {
      TrafficStats traffic = rest.traffic();
      assertThat(traffic.requests()).isZero();
      assertThat(traffic.malformed()).isZero();
      assertThat(traffic.status()).isEmpty();
      assertThat(traffic.topEndpoints()).isEmpty();
      assertThat(traffic.batches()).extracting(BatchCount::requests).containsExactly(0L, 0L);
      assertThat(traffic.sinceMillis()).isEqualTo(rest.time().toEpochMilli() - BATCH.toMillis());
      assertThat(traffic.sourceLines()).isEqualTo(Map.of("stdin", 0L));
      assertThat(rest.requestsPerSecond()).isZero();
    }
  }

  /**
   * Cumulative mode at rest: a batch that received nothing runs no Spark job (its snapshot is the
   * running totals the driver has, with the batch's own zero counts), except the first in the JVM
   * and the state's checkpoint batches; the lines after the rest are counted on top, exactly.
   */
  @Test
  void cumulativeModeRunsNoSparkJobForAnEmptyBatch(@TempDir Path checkpoint) throws Exception {
    var view = ViewSpec.cumulative(BATCH);
    java.util.Set<Long> batchesWithJobs = java.util.concurrent.ConcurrentHashMap.newKeySet();
    List<Snapshot> out = withJobsSeen(batchesWithJobs, () -> run(settings(view, StateMethod.MAP_WITH_STATE),
        List.of(List.of(line("a", "/x", 200, 100)), List.of(), List.of(), List.of(line("b", "/y", 404, 7)), List.of()),
        checkpoint));
    long[] times = out.stream().mapToLong(snapshot -> snapshot.time().toEpochMilli()).toArray();
    assertThat(batchesWithJobs).as("batches with lines").contains(times[0], times[3]);
    assertThat(batchesWithJobs).as("empty batches").doesNotContain(times[1], times[2], times[4]);
    assertThat(out).extracting(s -> s.traffic().requests()).containsExactly(1L, 1L, 1L, 2L, 2L);
    assertThat(out).extracting(s -> s.traffic().lastBatch().requests()).containsExactly(1L, 0L, 0L, 1L, 0L);
    assertThat(out).extracting(s -> s.traffic().batches().get(0).batchTimeMillis())
        .containsExactly(times[0], times[1], times[2], times[3], times[4]);
    assertThat(out).extracting(s -> s.traffic().sinceMillis()).containsOnly(times[0]);
    assertThat(out).extracting(s -> s.traffic().sourceLines().get("stdin")).containsExactly(1L, 1L, 1L, 2L, 2L);
    assertThat(out.get(2).traffic().topEndpoints()).containsExactly(new Ranked("/x", 1));
    assertThat(out.get(4).traffic().topEndpoints()).containsExactly(new Ranked("/x", 1), new Ranked("/y", 1));
    assertThat(out.get(4).traffic().status()).isEqualTo(Map.of("200", 1L, "404", 1L));
    assertThat(out.get(2).requestsPerSecond()).isZero();
  }

  /**
   * At rest the state's checkpoint batch (every 10th) still runs a job: it writes the state, which
   * cuts the lineage the skipped batches grow, and is where Spark times keys out (--forget-after).
   */
  @Test
  void cumulativeModeAtRestStillCheckpointsTheState(@TempDir Path checkpoint) throws Exception {
    var view = ViewSpec.cumulative(BATCH);
    java.util.Set<Long> batchesWithJobs = java.util.concurrent.ConcurrentHashMap.newKeySet();
    List<List<String>> batches = new ArrayList<>();
    batches.add(List.of(line("a", "/x", 200, 100)));
    for (int i = 0; i < 11; i++) {
      batches.add(List.of());
    }
    List<Snapshot> out = withJobsSeen(batchesWithJobs,
        () -> run(settings(view, StateMethod.MAP_WITH_STATE), batches, checkpoint));
    long[] times = out.stream().mapToLong(snapshot -> snapshot.time().toEpochMilli()).toArray();
    // Spark checkpoints the state at the batch 10 intervals after its zero time: the 10th batch.
    assertThat(batchesWithJobs).as("the first batch and the checkpoint batch").contains(times[0], times[9]);
    assertThat(java.util.Arrays.stream(times, 1, 12).filter(batchesWithJobs::contains)).as("empty batches with a job")
        .containsExactly(times[9]);
    try (var files = java.nio.file.Files.walk(checkpoint)) {
      assertThat(files.map(file -> file.getFileName().toString())).anyMatch(name -> name.startsWith("rdd-"));
    }
    assertThat(out).extracting(s -> s.traffic().requests()).containsOnly(1L);
  }

  interface Batches {
    List<Snapshot> run() throws Exception;
  }

  /** Runs the batches, noting the batch time of every Spark job they started. */
  private static List<Snapshot> withJobsSeen(java.util.Set<Long> batchesWithJobs, Batches batches) throws Exception {
    var jobs = new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
        String batch = start.properties() == null ? null
            : start.properties().getProperty("spark.streaming.internal.batchTime");
        if (batch != null) {
          batchesWithJobs.add(Long.parseLong(batch));
        }
      }
    };
    spark.sc().addSparkListener(jobs);
    try {
      List<Snapshot> out = batches.run();
      spark.sc().listenerBus().waitUntilEmpty(); // every job's start event delivered (events are async)
      return out;
    } finally {
      spark.sc().removeSparkListener(jobs);
    }
  }

  @ParameterizedTest
  @EnumSource(StateMethod.class)
  void cumulativeModeKeepsRunningTotalsAcrossBatches(StateMethod state, @TempDir Path checkpoint)
      throws Exception {
    var view = ViewSpec.cumulative(BATCH);
    List<List<String>> batches = List.of(
        List.of(line("a", "/x", 200, 100), line("a", "/y", 404, 10)),
        List.of(),
        List.of(line("a", "/x", 200, 300), "garbage", ""),
        List.of(line("b", "/x", 503, 7)));
    List<Snapshot> out = run(settings(view, state), batches, checkpoint);

    assertThat(out).extracting(s -> s.traffic().requests()).containsExactly(2L, 2L, 3L, 4L);
    assertThat(out).extracting(s -> s.traffic().malformed()).containsExactly(0L, 0L, 1L, 1L);
    TrafficStats last = out.get(3).traffic();
    assertThat(last.status()).isEqualTo(Map.of("200", 2L, "404", 1L, "503", 1L));
    assertThat(last.topEndpoints()).containsExactly(new Ranked("/x", 3), new Ranked("/y", 1));
    assertThat(last.topErrorEndpoints()).containsExactly(new Ranked("/x", 1), new Ranked("/y", 1));
    // ip threshold 1: clients seen more than once
    assertThat(last.frequentIps()).containsExactly(new Ranked("a", 3));
    assertThat(last.bytes().sum()).isEqualTo(417);
    assertThat(last.bytes().min()).isEqualTo(7);
    // the rate covers the last batch only, and the empty batch is a valid zero
    assertThat(out.get(1).requestsPerSecond()).isZero();
    assertThat(out.get(3).requestsPerSecond()).isEqualTo(1 / 0.4);
    assertThat(last.batches()).hasSize(1);
    assertThat(last.sinceMillis()).isEqualTo(out.get(0).time().toEpochMilli());
    // A temporary checkpoint (no --checkpoint) is never restored: Spark writes no copy of the
    // graph there every batch (issue 11: most of an idle cumulative batch's CPU), only state.
    try (var files = java.nio.file.Files.walk(checkpoint)) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .noneMatch(name -> name.matches("checkpoint-\\d+(\\.bk)?"));
    }
  }

  /**
   * The dashboard's live filter, set before the first batch: each snapshot carries its figures
   * (exactly those of the matching lines, with --where under it) beside the unfiltered ones, which
   * are the same as without it.
   */
  @ParameterizedTest
  @EnumSource(StateMethod.class)
  void aLiveFilterIsCountedBesideTheUnfilteredFiguresInBothModes(StateMethod state, @TempDir Path checkpoint)
      throws Exception {
    List<List<String>> batches = List.of(
        List.of(line("a", "/x", 200, 100), line("a", "/y", 404, 10), line("b", "/y", 500, 1)),
        List.of(line("a", "/x", 503, 300), "garbage", line("b", "/z", 404, 5)));
    String where = "path != /z";
    for (ViewSpec view : List.of(ViewSpec.window(BATCH, BATCH.multipliedBy(4), BATCH), ViewSpec.cumulative(BATCH))) {
      var base = settings(view, state);
      var settings = new JobSettings(view, base.sources(), "local[2]", 3, 1, null, state, false, false, 2, 1 << 20,
          null, null, logmon.core.OverloadPolicy.WAIT, "auto", null, where, List.of());
      assertThat(new LiveFilter("auto", where).set("status >= 4xx and client == a")).isNull();
      List<Snapshot> out;
      try {
        out = run(settings, batches, view.mode() == logmon.core.Mode.CUMULATIVE
            ? checkpoint.resolve("c" + System.nanoTime()) : null);
      } finally {
        new LiveFilter("auto", null).clear();
      }

      assertThat(out).as(view.mode() + ": unfiltered but for --where")
          .extracting(s -> s.traffic().requests()).containsExactly(3L, 4L);
      assertThat(out).allSatisfy(s -> assertThat(s.live()).isNotNull());
      assertThat(out).extracting(s -> s.live().traffic().requests()).containsExactly(1L, 2L);
      TrafficStats live = out.get(1).live().traffic();
      assertThat(live.status()).isEqualTo(Map.of("404", 1L, "503", 1L));
      assertThat(live.topEndpoints()).containsExactly(new Ranked("/x", 1), new Ranked("/y", 1));
      assertThat(live.malformed()).as("malformed lines stay malformed").isEqualTo(1);
      assertThat(out.get(1).live().filter().expression()).isEqualTo("status >= 4xx and client == a");
      assertThat(out.get(1).throughLive().traffic()).isSameAs(live);
    }
  }
}
