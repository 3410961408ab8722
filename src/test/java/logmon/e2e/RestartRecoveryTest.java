package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cumulative totals survive a crash: kill -9, restart with the same --checkpoint, and the totals
 * are those before the crash; lines sent afterwards add up exactly. A checkpoint is never used by
 * two runs at once, nor by a run with other options or another build.
 */
class RestartRecoveryTest {

  /** Batches of the crash test: short, so that a downtime misses many. */
  private static final Duration BATCH = Duration.ofMillis(500);
  /** Downtime of the crash test: 24 missed batches, several times the few a restart may replay. */
  private static final Duration DOWNTIME = Duration.ofSeconds(12);

  @RegisterExtension
  final E2e e2e = new E2e();

  private LogmonProcess start(String... args) throws Exception {
    return e2e.logmon(args);
  }

  @Test
  void killMinus9ThenRestartLosesNothingCountsNothingTwiceAndCatchesUpAtOnce() throws Exception {
    byte[] before = TestLogs.concat(TestLogs.sampleLines(0, 700),
        TestLogs.malformed("not a log line", "10.0.0.1 - - [bad date] \"GET / HTTP/1.0\" 200 1"));
    byte[] after = TestLogs.concat(TestLogs.sampleLines(700, 1406), TestLogs.malformed("also not a log line"));
    Totals beforeCrash = Totals.of(ReferenceCount.of(before));
    Totals everything = Totals.of(ReferenceCount.of(TestLogs.concat(before, after)));

    Path feed = Files.write(e2e.dir().resolve("feed.log"), before);
    Path checkpoint = e2e.dir().resolve("checkpoint");
    int port = e2e.following(feed).port;
    String[] args = {"--cumulative", "--checkpoint", checkpoint.toString(), "--batch", BATCH.toMillis() + "ms",
        "--port", Integer.toString(port), "--output", "json"};

    LogmonProcess first = start(args);
    first.awaitJson("every line sent before the crash counted", 120,
        json -> Totals.of(json).equals(beforeCrash));

    // While it runs, the checkpoint is taken: a second logmon is refused, one line naming it.
    LogmonProcess second = start(args);
    assertThat(second.waitFor(60)).as("a second logmon on the same --checkpoint").isEqualTo(2);
    assertThat(second.stderrText().strip().lines()).hasSize(1).first().asString()
        .startsWith("logmon: ").contains(checkpoint.toString()).contains("in use");
    assertThat(Files.size(second.stdout)).isZero();

    // The crash comes once Spark's checkpoint has caught up with the totals shown: a batch after
    // the count has been published (one batch runs at a time, so the count's batch is complete),
    // then a checkpoint is written. On a machine so busy that batches lag by tens of seconds, a
    // crash before that would restore batches still pending from before the count, and the first
    // objects after the restart would show those older totals.
    first.awaitJson("a batch after the count", first.completeJsonLines().size(), 120, json -> true);
    awaitCheckpointWrittenAfter(checkpoint, Instant.now());
    first.killHard();
    Instant crashedAt = Instant.now();
    Thread.sleep(DOWNTIME.toMillis()); // the scenario: logmon stays down this long (not a wait for anything)

    Instant restartedAt = Instant.now();
    LogmonProcess restarted = start(args);
    JsonNode firstObject = restarted.awaitJson("the first object after the restart", 180, json -> true);
    assertThat(Totals.of(firstObject)).as("the totals right after the restart").isEqualTo(beforeCrash);
    // The end of the catching up: the first object for a batch after the restart. (Waiting for an
    // object near the wall clock instead would test the machine: on a loaded one a batch can take
    // longer than the batch interval, and then no run ever catches up with the clock.)
    JsonNode live = restarted.awaitJson("an object for a batch after the restart", 300,
        json -> !time(json).isBefore(restartedAt));
    double toLive = (System.nanoTime() - restarted.startedNanos) / 1e9;

    List<JsonNode> untilLive = restarted.completeJsonLines();
    untilLive = untilLive.subList(0, untilLive.indexOf(live) + 1);
    long missed = DOWNTIME.toMillis() / BATCH.toMillis();
    long replayed = untilLive.stream().filter(json -> time(json).isBefore(restartedAt)).count();
    System.out.printf("RestartRecoveryTest: after %d s down (%d missed batches of %d ms), restart to the first"
        + " batch after it: %.1f s, %d objects until then, %d of them for batches before the restart%n",
        DOWNTIME.toSeconds(), missed, BATCH.toMillis(), toLive, untilLive.size(), replayed);
    assertThat(untilLive.stream().map(Totals::of))
        .as("every object up to the restart's own batches shows the totals before the crash").containsOnly(beforeCrash);
    // Replaying every missed batch would show an object for each batch of the downtime. Skipping
    // it, logmon's first objects are for the batches still pending at the crash (generated before
    // it, shown at their own times: on a loaded machine the first run can lag many batches behind)
    // and then for at most 5 missed batches, the last before Spark restarted, seconds after
    // restartedAt. So no object is for a batch in the first half of the downtime.
    Instant downtimeHalf = crashedAt.plus(DOWNTIME.dividedBy(2));
    assertThat(untilLive).as("objects before the restart's own batches, none for a batch in the downtime's first half")
        .allSatisfy(json -> assertThat(time(json).isAfter(crashedAt.plus(BATCH)) && time(json).isBefore(downtimeHalf))
            .as("%s, with the crash at %s", time(json), crashedAt).isFalse());

    int seen = restarted.completeJsonLines().size();
    TestLogs.append(feed, after);
    JsonNode counted = restarted.awaitJson("everything sent counted", seen, 300,
        json -> Totals.of(json).equals(everything));
    // Nothing counted twice: the totals stay put over the next batches.
    int countedAt = restarted.completeJsonLines().indexOf(counted);
    restarted.awaitJson("4 more batches", countedAt + 4, 120, json -> true);
    List<JsonNode> since = restarted.completeJsonLines();
    assertThat(since.subList(countedAt, since.size()).stream().map(Totals::of))
        .as("the totals of everything sent, in every object since: nothing counted twice").containsOnly(everything);

    restarted.signal("TERM");
    assertThat(restarted.waitFor(120)).as(restarted.stderrText()).isZero();
  }

  /** Waits until Spark writes a checkpoint-TIME file into {@code checkpoint} after {@code instant}. */
  private static void awaitCheckpointWrittenAfter(Path checkpoint, Instant instant) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      try (var files = Files.list(checkpoint)) {
        boolean written = files.filter(f -> f.getFileName().toString().matches("checkpoint-\\d+"))
            .anyMatch(f -> {
              try {
                return Files.getLastModifiedTime(f).toInstant().isAfter(instant);
              } catch (java.io.IOException gone) { // Spark removes old checkpoints as it goes
                return false;
              }
            });
        if (written) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("waited 120 s for Spark to write a checkpoint into " + checkpoint + " after " + instant);
  }

  private static Instant time(JsonNode json) {
    return Instant.parse(json.get("time").asText());
  }

  @Test
  void aCheckpointIsRefusedForOtherOptionsOrAnotherBuildAndFreshStartsFromZero() throws Exception {
    byte[] firstRun = TestLogs.sampleLines(0, 300);
    byte[] freshRun = TestLogs.sampleLines(300, 400);
    Path firstFile = e2e.dir().resolve("first.log");
    Path freshFile = e2e.dir().resolve("fresh.log");
    Files.write(firstFile, firstRun);
    Files.write(freshFile, freshRun);
    Path checkpoint = e2e.dir().resolve("checkpoint");
    String[] args = {"--cumulative", "--checkpoint", checkpoint.toString(), "--batch", "250ms",
        "--stdin", "--output", "json"};

    LogmonProcess first = e2e.logmon(firstFile.toFile(), args);
    assertThat(first.waitFor(120)).as(first.stderrText()).isZero();
    List<JsonNode> firstObjects = first.jsonLines();
    assertThat(Totals.of(firstObjects.get(firstObjects.size() - 1))).isEqualTo(Totals.of(ReferenceCount.of(firstRun)));
    assertThat(Files.list(checkpoint).map(p -> p.getFileName().toString()))
        .as("Spark wrote a checkpoint").anyMatch(name -> name.matches("checkpoint-\\d+"));

    // Another --top would silently run with the old one: refused, naming the option.
    LogmonProcess otherTop = e2e.logmon(freshFile.toFile(), withTop(args, "5"));
    assertThat(otherTop.waitFor(60)).isEqualTo(2);
    assertThat(otherTop.stderrText().strip().lines()).hasSize(1).first().asString()
        .startsWith("logmon: ").contains(checkpoint.toString()).contains("--top 10").contains("--top 5");

    // A checkpoint written by another build is refused, pointing at --fresh.
    Path metadata = checkpoint.resolve("logmon-checkpoint.properties");
    String properties = Files.readString(metadata);
    Matcher build = Pattern.compile("(?m)^build=(.*)$").matcher(properties);
    assertThat(build.find()).as("build= in %s", properties).isTrue();
    Files.writeString(metadata, build.replaceFirst("build=0123456789abcdef"));
    LogmonProcess otherBuild = e2e.logmon(freshFile.toFile(), args);
    assertThat(otherBuild.waitFor(60)).isEqualTo(2);
    assertThat(otherBuild.stderrText().strip().lines()).hasSize(1).first().asString()
        .startsWith("logmon: ").contains(checkpoint.toString()).contains("--fresh");

    // --fresh discards it: the totals are those of this run's input alone.
    String[] fresh = TestLogs.concatArgs(args, "--fresh");
    LogmonProcess restarted = e2e.logmon(freshFile.toFile(), fresh);
    assertThat(restarted.waitFor(120)).as(restarted.stderrText()).isZero();
    List<JsonNode> objects = restarted.jsonLines();
    assertThat(objects.get(0).get("requests").asLong()).as("--fresh: the first object's requests")
        .isLessThanOrEqualTo(100);
    assertThat(Totals.of(objects.get(objects.size() - 1))).isEqualTo(Totals.of(ReferenceCount.of(freshRun)));
  }

  private static String[] withTop(String[] args, String top) {
    return TestLogs.concatArgs(args, "--top", top);
  }
}
