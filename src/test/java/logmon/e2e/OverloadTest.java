package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A source faster than logmon (issue 9): the real bin/logmon against a {@link Flood} that writes as
 * fast as the socket takes. logmon must stay alive and publish every batch, say it is throttled,
 * keep its heap within the configured bound, count exactly what was sent (lossless by default), or
 * count exactly what it shed, and stop on request. Figures measured here are printed, not asserted.
 */
class OverloadTest {

  private static final String HEAP = "640m";
  private static final long HEAP_BYTES = 640L << 20;
  /** A generation's line in jcmd GC.heap_info: G1 has one ("garbage-first heap"), the serial collector two. */
  private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");

  @RegisterExtension
  final E2e e2e = new E2e();

  private LogmonProcess start(Flood flood, String... mode) throws IOException {
    List<String> args = new ArrayList<>(List.of(mode));
    args.addAll(List.of("--port", Integer.toString(flood.port()), "--output", "json"));
    return e2e.logmon(null, Map.of("LOGMON_HEAP", HEAP), args.toArray(String[]::new));
  }

  private Flood flood(Duration length) throws IOException {
    return e2e.onCleanup(new Flood(length));
  }

  @Test
  void aMinuteOfFloodInBothModesStaysAliveThrottledBoundedAndExact() throws Exception {
    Flood windowFlood = flood(Duration.ofSeconds(60));
    Flood cumulativeFlood = flood(Duration.ofSeconds(60));
    // The window run ends itself (--duration) 30 s after its flood, so its second heap reading,
    // taken when its flood ends, finds it still running even when start-up was slow.
    LogmonProcess window = start(windowFlood, "--window", "30s", "--duration", "90s");
    LogmonProcess cumulative = start(cumulativeFlood, "--cumulative");

    window.awaitJson("a throttled batch in window mode", 120, json -> json.at("/batchHealth/throttled").asBoolean());
    cumulative.awaitJson("a throttled batch in cumulative mode", 120, json -> json.at("/batchHealth/throttled").asBoolean());
    long[] windowHeap = {liveHeapBytes(window), 0};
    long[] cumulativeHeap = {liveHeapBytes(cumulative), 0};
    assertThat(windowFlood.awaitDone(180)).as("the window flood ended").isTrue();
    windowHeap[1] = liveHeapBytes(window);
    assertThat(cumulativeFlood.awaitDone(180)).as("the cumulative flood ended").isTrue();
    cumulativeHeap[1] = liveHeapBytes(cumulative);

    // Lossless: every line the socket took is counted, once the backlog in the source drains.
    long sent = cumulativeFlood.sent();
    JsonNode last = cumulative.awaitJson("all " + sent + " flooded lines counted", 300,
        json -> json.get("requests").asLong() >= sent);
    assertThat(last.get("requests").asLong()).isEqualTo(sent);
    assertThat(last.get("malformed").asLong()).isZero();
    assertThat(last.get("shed").asLong()).isZero();
    assertThat(status(last)).isEqualTo(cumulativeFlood.sentByStatus());
    assertThat(last.at("/bytes/sum").asLong()).isEqualTo(sent / 1000 * 599_500);

    assertThat(window.waitFor(240)).as("window mode exits 0 at --duration").isZero();
    List<JsonNode> batches = window.jsonLines();
    assertOneObjectPerBatch(batches);
    assertThat(batches).anySatisfy(json -> assertThat(json.at("/batchHealth/rateLimit").isNumber()).isTrue());
    assertThat(batches).anySatisfy(json -> assertThat(json.at("/batchHealth/lagSeconds").isNumber()).isTrue());

    cumulative.signal("TERM");
    assertThat(cumulative.waitFor(120)).as("cumulative mode exits 0 on SIGTERM").isZero();
    assertOneObjectPerBatch(cumulative.jsonLines());

    for (long[] heap : List.of(windowHeap, cumulativeHeap)) {
      for (long bytes : heap) {
        assertThat(bytes).as("live heap after a full GC, against -Xmx%s", HEAP).isLessThan(HEAP_BYTES * 3 / 4);
      }
    }
    System.out.printf("overload: sent %,d lines in 60 s to cumulative (%,d/s counted), %,d to window;"
            + " live heap after GC: window %s MiB, cumulative %s MiB%n",
        sent, sent / 60, windowFlood.sent(), mib(windowHeap), mib(cumulativeHeap));
  }

  @Test
  void sheddingCountsEveryLineItDropsSoCountedPlusShedIsSent() throws Exception {
    Flood flood = flood(Duration.ofSeconds(15));
    LogmonProcess logmon = start(flood, "--cumulative", "--overload", "shed");
    assertThat(flood.awaitDone(120)).as("the flood ended").isTrue();
    long sent = flood.sent();
    JsonNode last = logmon.awaitJson("counted + shed = the " + sent + " lines sent", 180,
        json -> json.get("requests").asLong() + json.get("shed").asLong() >= sent);
    long counted = last.get("requests").asLong();
    long shed = last.get("shed").asLong();
    assertThat(counted + shed).isEqualTo(sent);
    assertThat(shed).as("a flood faster than logmon is shed, not waited for").isPositive();
    assertThat(last.get("malformed").asLong()).isZero();
    System.out.printf("shed: sent %,d, counted %,d, shed %,d%n", sent, counted, shed);

    long asked = System.nanoTime();
    logmon.signal("INT");
    assertThat(logmon.waitFor(120)).as("exit status after Ctrl-C").isZero();
    System.out.printf("shed: Ctrl-C to exit %.1f s%n", (System.nanoTime() - asked) / 1e9);
  }

  @Test
  void ctrlCOnTheDashboardDuringOverloadQuitsWithinSecondsAndRestoresTheTerminal() throws Exception {
    Flood flood = flood(Duration.ofMinutes(5));
    Path before = e2e.dir().resolve("stty.before");
    Path after = e2e.dir().resolve("stty.after");
    Path log = e2e.dir().resolve("spark.log");
    e2e.attachLog("Spark's log (dashboard)", log);
    try (TmuxPane pane = TmuxPane.open(Map.of("LOGMON_HEAP", HEAP))) {
      pane.type("stty -g > " + TmuxPane.quote(before) + "; " + LogmonProcess.LAUNCHER + " --port " + flood.port()
          + " --log-file " + TmuxPane.quote(log) + "; echo EXIT=$?; stty -g > " + TmuxPane.quote(after));
      String throttled = pane.awaitScreen("the dashboard saying it is throttled", Duration.ofSeconds(120),
          text -> text.contains("throttled to") && text.contains("behind") && text.contains("q quit"));
      assertThat(throttled).contains("lines/s");

      long pressed = System.nanoTime();
      pane.keys("C-c");
      String shell = pane.awaitExit(Duration.ofSeconds(120));
      System.out.printf("overload: Ctrl-C on the dashboard to the prompt %.1f s%n", (System.nanoTime() - pressed) / 1e9);
      assertThat(shell).contains("EXIT=0").doesNotContain("Exception", "\tat ");
      assertThat(pane.tmux("display", "-p", "-t", "e2e", "#{alternate_on}").strip())
          .as("the alternate screen is left").isEqualTo("0");
      String restored = pane.awaitScreen("the terminal settings saved after the run", Duration.ofSeconds(30),
          text -> Files.exists(after));
      assertThat(Files.readString(after)).as("terminal settings after Ctrl-C, pane:%n%s", restored)
          .isEqualTo(Files.readString(before));
    }
  }

  @Test
  void runningOutOfMemoryAnywayIsOneLineAndAQuickExitNeverAHungJvm() throws Exception {
    // Distinct 20 KB paths in a long window: no heap holds them (issue 11 is the cure). (On a
    // machine so loaded that logmon counts only a few hundred lines a second, the collector keeps
    // up just enough that the heap fills without ever running out: G1 thrashes, and this fails.)
    Flood unique = e2e.onCleanup(Flood.ofUniquePaths(Duration.ofMinutes(5)));
    List<String> args = List.of("--window", "10m", "--port", Integer.toString(unique.port()), "--output", "json");
    LogmonProcess logmon = e2e.logmon(null, Map.of("LOGMON_HEAP", "480m"), args.toArray(String[]::new));
    int status = logmon.waitFor(280);
    assertThat(status).as("exit status when the heap runs out").isEqualTo(3);
    assertThat(logmon.stderrText().lines().filter(line -> line.contains("out of memory")))
        .containsExactly("logmon: out of memory (heap 480m): raise LOGMON_HEAP, or lower --max-rate or --window");
    assertThat(logmon.stderrText()).doesNotContain("Exception", "\tat ", "OutOfMemoryError");
    logmon.jsonLines(); // stdout still holds nothing but whole JSON objects
    System.out.printf("out of memory: exit 3 after %,d unique lines sent%n", unique.sent());
  }

  /** Every batch published, none skipped: consecutive times one batch apart. */
  private static void assertOneObjectPerBatch(List<JsonNode> objects) {
    assertThat(objects).as("JSON objects").isNotEmpty();
    for (int i = 1; i < objects.size(); i++) {
      long previous = java.time.Instant.parse(objects.get(i - 1).get("time").asText()).toEpochMilli();
      long current = java.time.Instant.parse(objects.get(i).get("time").asText()).toEpochMilli();
      assertThat(current - previous).as("batch %d follows batch %d", i, i - 1).isEqualTo(1000);
    }
  }

  private static TreeMap<String, Long> status(JsonNode json) {
    TreeMap<String, Long> status = new TreeMap<>();
    json.get("status").fields().forEachRemaining(e -> status.put(e.getKey(), e.getValue().asLong()));
    return status;
  }

  /** The JVM's heap in use right after a full collection (jcmd), in bytes: all generations. */
  private static long liveHeapBytes(LogmonProcess logmon) throws Exception {
    jcmd(logmon, "GC.run");
    return usedHeapBytes(jcmd(logmon, "GC.heap_info"));
  }

  static long usedHeapBytes(String heapInfo) {
    Matcher used = USED.matcher(heapInfo);
    long kilobytes = 0;
    int generations = 0;
    while (used.find()) {
      kilobytes += Long.parseLong(used.group(1));
      generations++;
    }
    assertThat(generations).as("generations in jcmd GC.heap_info: %s", heapInfo).isPositive();
    return kilobytes * 1024;
  }

  private static String jcmd(LogmonProcess logmon, String command) throws Exception {
    Process jcmd = new ProcessBuilder("jcmd", Long.toString(logmon.pid()), command).redirectErrorStream(true).start();
    String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(jcmd.waitFor(60, TimeUnit.SECONDS)).as("jcmd %s answered", command).isTrue();
    return out;
  }

  private static String mib(long[] bytes) {
    return (bytes[0] >> 20) + " → " + (bytes[1] >> 20);
  }
}
