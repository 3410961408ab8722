package logmon.render.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import logmon.core.Ranked;
import logmon.core.SourceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sink's UI thread on a virtual terminal: hand-off, redraws, keys, pause, quit and close. */
class DashboardSinkTest {

  /** A hang detector: each wait ends as soon as its condition holds, however busy the machine. */
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private VirtualScreen screen;
  private final AtomicInteger quits = new AtomicInteger();
  private final AtomicInteger forced = new AtomicInteger();
  private final AtomicBoolean terminalClosed = new AtomicBoolean();
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private DashboardSink sink;
  private final RecordingControl control = new RecordingControl();

  /** The run's side of the live filter: checks as the run does (the real compiler), records what is applied. */
  static final class RecordingControl implements logmon.core.LiveFilterControl {
    final List<String> applied = new java.util.concurrent.CopyOnWriteArrayList<>();
    final AtomicInteger cleared = new AtomicInteger();

    @Override
    public String set(String expression) {
      try {
        logmon.core.query.Query.compile(expression, logmon.core.format.LineParser.formats("auto"));
      } catch (logmon.core.query.QueryException e) {
        return e.getMessage();
      }
      applied.add(expression);
      return null;
    }

    @Override
    public void clear() {
      cleared.incrementAndGet();
    }
  }

  @BeforeEach
  void start() {
    screen = new VirtualScreen(100, 30);
    sink = new DashboardSink(screen.screen, () -> terminalClosed.set(true), Fixtures.WINDOW,
        List.of(new SourceStatus("127.0.0.1:9999", SourceStatus.State.STARTING, null)), quits::incrementAndGet,
        forced::incrementAndGet, new PrintStream(printed, true, StandardCharsets.UTF_8), false, control).start();
  }

  @AfterEach
  void stop() {
    sink.close();
  }

  @Test
  void firstFrameComesBeforeAnySnapshotAndFollowsTheSource() {
    awaitScreen(text -> text.contains("127.0.0.1:9999 starting") && text.contains(DashboardView.WAITING));

    sink.sourceChanged(new SourceStatus("127.0.0.1:9999", SourceStatus.State.DISCONNECTED, "Connection refused"));

    awaitScreen(text -> text.contains("127.0.0.1:9999 disconnected, retrying (Connection refused)"));
  }

  @Test
  void severalSourcesShowTheMostWorryingState() {
    sink.sourceChanged(new SourceStatus("127.0.0.1:9999", SourceStatus.State.CONNECTED, null));
    sink.sourceChanged(new SourceStatus("stdin", SourceStatus.State.CONNECTED, null));
    awaitScreen(text -> text.contains("source 127.0.0.1:9999, stdin connected"));

    sink.sourceChanged(new SourceStatus("127.0.0.1:9999", SourceStatus.State.DISCONNECTED, "Connection refused"));

    // The title bar cuts the names before the state; the detail says which source it is.
    awaitScreen(text -> text.contains(" disconnected, retrying (127.0.0.1:9999: Connecti"));
  }

  @Test
  void theBellRingsOncePerAlertTransition() {
    AtomicInteger bells = new AtomicInteger();
    screen.terminal.addVirtualTerminalListener(new com.googlecode.lanterna.terminal.virtual.VirtualTerminalListener() {
      @Override public void onFlush() {}
      @Override public void onBell() { bells.incrementAndGet(); }
      @Override public void onClose() {}
      @Override public void onResized(com.googlecode.lanterna.terminal.Terminal t, com.googlecode.lanterna.TerminalSize s) {}
    });
    sink.accept(Fixtures.alerting(true)); // the rule fired with this batch
    awaitScreen(text -> text.contains("ALERT 5xx > 1% for 1m"));
    await("one bell", () -> bells.get() == 1);

    sink.accept(Fixtures.alerting(false)); // still firing: no transition
    sink.accept(Fixtures.sample());
    awaitScreen(text -> !text.contains("ALERT"));
    assertThat(bells).hasValue(1);
  }

  @Test
  void aSnapshotIsDrawnAndQIsReportedOnce() {
    sink.accept(Fixtures.sample());
    awaitScreen(text -> text.contains("requests 12,345") && text.contains("/api/v1/orders"));

    screen.terminal.addInput(new KeyStroke('q', false, false));
    screen.terminal.addInput(new KeyStroke('q', false, false));
    awaitScreen(text -> text.contains("stopping…"));

    assertThat(quits).hasValue(1);
    assertThat(forced).hasValue(0);
  }

  @Test
  void ctrlCWhileStoppingRestoresTheTerminalAndForcesTheStop() {
    screen.terminal.addInput(new KeyStroke('q', false, false));
    awaitScreen(text -> text.contains("stopping…"));
    screen.terminal.addInput(new KeyStroke('c', true, false));

    await("the forced stop after Ctrl-C while stopping", () -> forced.get() > 0);
    assertThat(forced).hasValue(1);
    assertThat(terminalClosed).isTrue();
    assertThat(quits).hasValue(1);
  }

  @Test
  void ctrlCQuits() {
    screen.terminal.addInput(new KeyStroke('c', true, false));
    awaitScreen(text -> text.contains("stopping…"));
    assertThat(quits).hasValue(1);
  }

  @Test
  void closeRestoresTheTerminalThenPrintsTheLastSnapshotAsPlainText() {
    sink.accept(Fixtures.sample());
    awaitScreen(text -> text.contains("requests 12,345"));

    sink.close();

    assertThat(terminalClosed).isTrue();
    String plain = printed.toString(StandardCharsets.UTF_8);
    assertThat(plain).contains("requests 12,345", "/api/v1/orders", "/\\x1b]0;pwned\\x07")
        .doesNotContain("\u001b");
  }

  /**
   * Another thread holds the screen's lock, as a UI thread stuck in a slow refresh would: Spark's
   * batch thread must still hand its snapshots over. (Holding the lock on the calling thread
   * proves nothing: a monitor is re-entrant, so accept() would pass through it.)
   */
  @Test
  void aSnapshotJustBeforeCloseGetsAFrameAndIsTheOnePrinted() {
    sink.accept(Fixtures.sample());
    awaitScreen(text -> text.contains("requests 12,345"));
    screen.terminal.addInput(new KeyStroke('q', false, false));
    awaitScreen(text -> text.contains(DashboardView.STOPPING.strip()));

    // The lines counted after q arrive, and the run closes the sink at once.
    var afterQ = Fixtures.snapshot(20_000, 0, 0, List.of(new Ranked("/after-q", 1)));
    sink.accept(afterQ);
    sink.close();

    // (The virtual terminal has left the alternate screen by now: ask the sink what it drew.)
    assertThat(sink.lastDrawn()).as("the last frame's snapshot").isSameAs(afterQ);
    assertThat(printed.toString(StandardCharsets.UTF_8)).as("the scrollback")
        .contains("requests 20,000", "/after-q").doesNotContain("12,345", "figures");
  }

  @Test
  void pausedAtTheEndBothFiguresArePrintedEachLabelled() {
    sink.accept(Fixtures.sample());
    awaitScreen(text -> text.contains("requests 12,345"));
    screen.terminal.addInput(new KeyStroke('p', false, false));
    awaitScreen(text -> text.contains(DashboardView.PAUSED.strip()));

    sink.accept(Fixtures.snapshot(20_000, 0, 0, List.of(new Ranked("/after-pause", 1))));
    sink.close();

    String plain = printed.toString(StandardCharsets.UTF_8);
    assertThat(plain).startsWith("last figures on screen (paused):\n");
    int finalFigures = plain.indexOf("final figures, with every line received before the stop:\n");
    assertThat(finalFigures).isPositive();
    assertThat(plain.substring(0, finalFigures)).contains("requests 12,345").doesNotContain("20,000");
    assertThat(plain.substring(finalFigures)).contains("requests 20,000", "/after-pause");
  }

  @Test
  void acceptNeverWaitsForTheScreen() throws Exception {
    sink.accept(Fixtures.sample());
    awaitScreen("the first snapshot", text -> text.contains("requests 12,345"));

    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder = new Thread(() -> {
      synchronized (screen.screen) { // stalls the UI thread in its next refresh or resize check
        locked.countDown();
        awaitLatch(release);
      }
    }, "holds-the-screen");
    holder.start();
    try {
      assertThat(locked.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the screen's lock taken").isTrue();
      CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
        for (int i = 0; i < 10_000; i++) {
          sink.accept(Fixtures.sample());
        }
      });
      // While the lock is held, a sink that waits for the screen can never finish: the bound is a
      // hang detector, not a speed limit.
      assertThat(accepted).as("10,000 snapshots handed over while the screen is locked")
          .succeedsWithin(TIMEOUT);
    } finally {
      release.countDown();
      holder.join(TIMEOUT.toMillis());
    }
    awaitScreen("the dashboard drawing again once the screen is free", text -> text.contains("requests 12,345"));
  }

  @Test
  void pauseFreezesTheFiguresUntilResumed() {
    sink.accept(Fixtures.sample());
    awaitScreen(text -> text.contains("requests 12,345"));

    screen.terminal.addInput(new KeyStroke('p', false, false));
    awaitScreen(text -> text.contains("PAUSED"));
    long taken = sink.snapshotsTaken();
    sink.accept(Fixtures.snapshot(99_999, 0, 0, List.of(new Ranked("/later", 99_999))));
    await("the UI thread taking in the snapshot sent while paused", () -> sink.snapshotsTaken() > taken);
    // A key that changes the screen while paused forces a frame drawn after that snapshot was
    // taken: the positive signal that the frozen figures are what gets drawn, not a quiet moment.
    screen.terminal.addInput(new KeyStroke('s', false, false));
    String frame = awaitScreen("the sort changed while paused", text -> text.contains("Top endpoints  name ↑"));
    assertThat(frame).contains("PAUSED", "requests 12,345").doesNotContain("99,999", "/later");

    screen.terminal.addInput(new KeyStroke('p', false, false));
    awaitScreen(text -> text.contains("requests 99,999") && text.contains("/later") && !text.contains("PAUSED"));
  }

  @Test
  void tabAndSortKeysReachTheScreen() {
    sink.accept(Fixtures.sample());
    awaitScreen(text -> text.contains("requests 12,345"));

    screen.terminal.addInput(new KeyStroke(com.googlecode.lanterna.input.KeyType.Tab));
    screen.terminal.addInput(new KeyStroke('s', false, false));
    awaitScreen(text -> text.contains("Response codes  count ↓"));
  }

  @Test
  void slashAppliesALiveFilterWhoseFiguresReplaceTheUnfilteredOnesUntilEsc() {
    sink.accept(Fixtures.sample());
    awaitScreen(text -> text.contains("requests 12,345"));

    type("/status ==");
    press(com.googlecode.lanterna.input.KeyType.Enter);
    String refused = awaitScreen("the error on the prompt line", text -> text.contains("position 10: expected a value"));
    assertThat(lastLine(refused)).startsWith("where: status ==").contains("position 10: expected a value");
    assertThat(control.applied).as("nothing applied").isEmpty();
    assertThat(refused).contains("requests 12,345").doesNotContain("filtered:");

    type(" 500");
    press(com.googlecode.lanterna.input.KeyType.Enter);
    String pending = awaitScreen("the filter waiting for its first batch",
        text -> text.contains("filtered: status == 500 from the next batch"));
    assertThat(pending).contains("requests 0").doesNotContain("requests 12,345");
    assertThat(control.applied).containsExactly("status == 500");

    sink.accept(Fixtures.sample().withLive(live("status == 500", new Ranked("/boom", 145))));
    awaitScreen(text -> text.contains("filtered: status == 500 since " + clock(Fixtures.TIME.minusSeconds(5)))
        && text.contains("requests 145") && !text.contains("/index.html"));

    press(com.googlecode.lanterna.input.KeyType.Escape);
    awaitScreen("the unfiltered figures back at once",
        text -> text.contains("requests 12,345") && !text.contains("filtered:"));
    assertThat(control.cleared).hasValue(1);
  }

  @Test
  void enterOnARowDrillsDownAndEscStepsBackOneLevel() {
    sink.accept(Fixtures.sample());
    awaitScreen(text -> text.contains("requests 12,345"));

    press(com.googlecode.lanterna.input.KeyType.ArrowDown); // the second endpoint
    press(com.googlecode.lanterna.input.KeyType.Enter);
    String orders = "endpoint == '/api/v1/orders'";
    awaitScreen(text -> text.contains("filtered: " + orders));
    assertThat(control.applied).containsExactly(orders);

    sink.accept(Fixtures.sample().withLive(live(orders, new Ranked("/api/v1/orders", 2_100))));
    awaitScreen(text -> text.contains("requests 2,100"));

    press(com.googlecode.lanterna.input.KeyType.Enter); // the focus moved to its clients: the busiest
    String both = "(" + orders + ") and client == '64.242.88.10'";
    awaitScreen(text -> text.contains("filtered: (endpoint == '/api/v1/orders') and client"));
    assertThat(control.applied).containsExactly(orders, both);

    press(com.googlecode.lanterna.input.KeyType.Escape);
    awaitScreen(text -> text.contains("filtered: " + orders + " from the next batch"));
    assertThat(control.applied).as("one level back: that filter again").containsExactly(orders, both, orders);

    press(com.googlecode.lanterna.input.KeyType.Escape);
    awaitScreen(text -> text.contains("requests 12,345") && !text.contains("filtered:"));
    assertThat(control.cleared).hasValue(1);
  }

  private static logmon.core.LiveView live(String expression, Ranked endpoint) {
    var traffic = Fixtures.snapshot(endpoint.count(), 0, 0, List.of(endpoint)).traffic();
    return new logmon.core.LiveView(new logmon.core.ActiveFilter(expression, Fixtures.TIME.minusSeconds(5)), traffic);
  }

  private static String clock(java.time.Instant time) {
    return java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").withZone(java.time.ZoneId.systemDefault())
        .format(time);
  }

  private static String lastLine(String text) {
    String[] lines = text.split("\n");
    return lines[lines.length - 1];
  }

  private void type(String text) {
    for (char c : text.toCharArray()) {
      screen.terminal.addInput(new KeyStroke(c, false, false));
    }
  }

  private void press(com.googlecode.lanterna.input.KeyType key) {
    screen.terminal.addInput(new KeyStroke(key));
  }

  @Test
  void resizeRedrawsForTheNewSize() {
    sink.accept(Fixtures.sample());
    awaitScreen(text -> text.contains("requests 12,345"));

    screen.terminal.setTerminalSize(new TerminalSize(30, 8));
    awaitScreen(text -> text.contains("terminal too small"));
    screen.terminal.setTerminalSize(new TerminalSize(80, 24));
    awaitScreen(text -> text.contains("requests 12,345") && !text.contains("too small"));
  }

  /** Waits until the screen shows what {@code what} says, and returns the screen's text. */
  private String awaitScreen(String what, Predicate<String> condition) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    String text = screen.text();
    while (!condition.test(text)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + TIMEOUT.toSeconds() + " s for the screen to show " + what
            + "; it shows:\n" + text);
      }
      sleep(20);
      text = screen.text();
    }
    return text;
  }

  private String awaitScreen(Predicate<String> condition) {
    return awaitScreen("what the test expects", condition);
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + TIMEOUT.toSeconds() + " s for " + what);
      }
      sleep(20);
    }
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      latch.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

}
