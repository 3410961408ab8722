package logmon.render.dashboard;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import logmon.core.ActiveFilter;
import logmon.core.LiveFilterControl;
import logmon.core.LiveView;
import logmon.core.Snapshot;
import logmon.core.StatsAccumulator;
import logmon.core.TrafficStats;
import logmon.core.alert.AlertStatus;
import logmon.core.stats.ResponseTimes;
import logmon.core.stats.Statistics;
import logmon.core.SnapshotSink;
import logmon.core.SourceStatus;
import logmon.core.StartupStatus;
import logmon.core.ViewSpec;
import logmon.render.PlainText;
import org.jline.utils.AttributedString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The full-screen dashboard. Spark's batch thread only drops the newest snapshot into a field;
 * a UI thread of its own owns the terminal: it polls keys without blocking and redraws when a
 * snapshot arrives, a key is pressed or the terminal is resized, at most {@link #FRAME_MILLIS}
 * apart. On close it restores the terminal and prints the last snapshot as plain text, so the
 * figures stay in the scrollback.
 */
public final class DashboardSink implements SnapshotSink {

  /** Looked up on first use: starting log4j takes a few hundred ms the first frame need not wait for. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(DashboardSink.class);
  }

  /** At most 20 frames a second: smooth for people, cheap beside Spark on a small machine. */
  static final long FRAME_MILLIS = 50;
  /** How often keys are polled; a key shows within about this long. */
  static final long POLL_MILLIS = 15;
  /** Snapshots kept for the sparkline: 10 minutes at one per second, wider than any terminal. */
  static final int HISTORY = 600;
  /** The exit status of a second Ctrl-C, as the CLI's signal handler uses. */
  static final int INTERRUPTED_TWICE = 130;

  private final Screen screen;
  /** Alert transitions not yet rung: counted on the batch thread, rung by the UI thread. */
  private final java.util.concurrent.atomic.AtomicInteger bells = new java.util.concurrent.atomic.AtomicInteger();
  private final Closeable terminal;
  private final ViewSpec view;
  private final Runnable onQuit;
  private final LiveFilterControl control;
  private final Runnable onForceQuit;
  private final PrintStream out;
  private final boolean colour;
  private final AtomicReference<Snapshot> latest = new AtomicReference<>();
  /** Each source's last known state, by name; {@link #source} is all of them in one. */
  private final Map<String, SourceStatus> sources = new LinkedHashMap<>();
  private volatile SourceStatus source;
  /** What the run waits for while Spark starts; null once it has started. */
  private volatile String waiting;
  private volatile boolean running = true;
  /** Snapshots the UI thread has taken in (drawn, or held back while paused): its progress. */
  private volatile long snapshotsTaken;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread ui;

  // Owned by the UI thread.
  private final RateHistory history = new RateHistory(HISTORY);
  private final RateHistory p99History = new RateHistory(HISTORY);
  /** The same for the live filter in force, started afresh with each: its figures never mix with others. */
  private RateHistory liveHistory = new RateHistory(HISTORY);
  private RateHistory liveP99History = new RateHistory(HISTORY);
  /** The newest snapshot when the live filter in force was applied: its live figures are not this filter's. */
  private Snapshot appliedOver;
  private DashboardState state = DashboardState.initial();
  private DashboardModel frozen;
  private DashboardLayout layout;
  private boolean quitSent;
  private boolean drawFailed;
  /** The statistics of the last frame drawn: what the person saw last. */
  private volatile Snapshot drawn;

  /**
   * Opens the controlling terminal ({@code /dev/tty}, so keys work even when stdin carries the
   * log) and shows the first frame at once.
   *
   * @param onQuit called once when the user presses {@code q} or Ctrl-C
   * @param out    where the last snapshot is printed after the terminal is restored
   * @param colour colour in the frames and the last snapshot (else bold and reverse only)
   * @throws IOException if there is no terminal to open; the caller falls back to plain output
   */
  public static DashboardSink open(ViewSpec view, List<String> sourceDescriptions, Runnable onQuit, PrintStream out,
      boolean colour, LiveFilterControl control) throws IOException {
    DashboardTerminal terminal = DashboardTerminal.open();
    var initial = sourceDescriptions.stream()
        .map(name -> new SourceStatus(name, SourceStatus.State.STARTING, null)).toList();
    return new DashboardSink(terminal.screen(), terminal, view, initial, onQuit, DashboardSink::halt, out, colour,
        control).start();
  }

  /**
   * @param terminal    closed after the screen stops (restores the tty settings)
   * @param onForceQuit a second Ctrl-C while stopping, after the terminal is restored
   */
  DashboardSink(Screen screen, Closeable terminal, ViewSpec view, List<SourceStatus> initial, Runnable onQuit,
      Runnable onForceQuit, PrintStream out, boolean colour) {
    this(screen, terminal, view, initial, onQuit, onForceQuit, out, colour, LiveFilterControl.NONE);
  }

  /** @param control applies the live filters typed with {@code /} or chosen with Enter to the run */
  DashboardSink(Screen screen, Closeable terminal, ViewSpec view, List<SourceStatus> initial, Runnable onQuit,
      Runnable onForceQuit, PrintStream out, boolean colour, LiveFilterControl control) {
    this.screen = screen;
    this.control = control;
    this.onForceQuit = onForceQuit;
    this.terminal = terminal;
    this.view = view;
    initial.forEach(status -> sources.put(status.description(), status));
    this.source = initial.isEmpty()
        ? new SourceStatus("no source", SourceStatus.State.STARTING, null)
        : SourceStatus.combine(initial);
    this.onQuit = onQuit;
    this.out = out;
    this.colour = colour;
    this.ui = new Thread(this::loop, "logmon-dashboard");
    // A daemon, so a run that never reaches close() cannot hang the JVM; Lanterna's shutdown
    // hook still restores the terminal then.
    ui.setDaemon(true);
  }

  DashboardSink start() {
    ui.start();
    return this;
  }

  /** Called from Spark's batch thread: hand over and return. */
  @Override
  public void accept(Snapshot snapshot) {
    synchronized (sources) {
      // The snapshot names every source: names only the CLI knew before the run are dropped.
      sources.clear();
      snapshot.sources().forEach(status -> sources.put(status.description(), status));
      source = snapshot.source();
    }
    latest.set(snapshot);
    bells.addAndGet((int) snapshot.alerts().stream().filter(AlertStatus::notifies).count());
  }

  /** One source's new state, between batches. */
  @Override
  public void sourceChanged(SourceStatus status) {
    synchronized (sources) {
      sources.put(status.description(), status);
      source = SourceStatus.combine(List.copyOf(sources.values()));
    }
  }

  /** Spark is starting: the headline says what it waits for, until it has started. */
  @Override
  public void startingUp(StartupStatus status) {
    waiting = status.done() ? null : status.describe();
  }

  /** Stops the UI thread, restores the terminal, then prints the last snapshot as plain text. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    running = false;
    try {
      ui.join(TimeUnit.SECONDS.toMillis(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      screen.stopScreen();
    } catch (IOException | RuntimeException e) {
      Log.LOG.warn("Could not leave the dashboard screen cleanly", e);
    }
    try {
      terminal.close();
    } catch (IOException | RuntimeException e) {
      Log.LOG.warn("Could not restore the terminal settings", e);
    }
    out.print(lastFigures(drawn, latest.get()));
    out.flush();
  }

  /**
   * What stays in the scrollback: the last frame's figures, which the final frame makes the
   * latest; when they differ (the display was paused) both, each saying what it is.
   */
  String lastFigures(Snapshot onScreen, Snapshot last) {
    if (last == null) {
      return "";
    }
    if (onScreen == null || onScreen == last) {
      return block(last);
    }
    return "last figures on screen (paused):\n" + block(onScreen)
        + "final figures, with every line received before the stop:\n" + block(last);
  }

  private String block(Snapshot snapshot) {
    StringBuilder block = new StringBuilder();
    for (AttributedString line : PlainText.lines(snapshot)) {
      block.append(colour ? line.toAnsi() : line.toString()).append('\n');
    }
    return block.toString();
  }

  /**
   * How many snapshots the UI thread has taken in so far. Once it counts a snapshot, every frame
   * drawn after shows that snapshot, unless the display is paused.
   */
  long snapshotsTaken() {
    return snapshotsTaken;
  }

  // ---- the UI thread ----

  private void loop() {
    Snapshot seen = null;
    SourceStatus seenSource = null;
    String seenWaiting = null;
    boolean dirty = true;
    boolean resized = false;
    boolean drawnOnce = false;
    long frameNanos = TimeUnit.MILLISECONDS.toNanos(FRAME_MILLIS);
    long lastFrame = System.nanoTime() - frameNanos; // nanoTime may be negative: never compare with 0
    try {
      while (running) {
        KeyStroke key;
        while ((key = screen.pollInput()) != null) {
          // Ctrl-L repaints every cell, as in most terminal programs: anything else that wrote
          // to the terminal (a stray message on stderr) is wiped.
          resized |= isCtrl(key, 'l');
          onKey(key);
          dirty = true;
        }
        // Remembered until drawn: a resize between two frames must still repaint everything.
        resized |= screen.doResizeIfNecessary() != null;
        Snapshot snapshot = latest.get();
        if (snapshot != seen) {
          seen = snapshot;
          addTo(history, p99History, snapshot);
          Snapshot live = shown(snapshot);
          if (live != null && live.filter() != null && live.filter().since() != null && state.query() != null) {
            addTo(liveHistory, liveP99History, live);
          }
          snapshotsTaken = history.seen();
          dirty |= !state.paused();
        }
        SourceStatus now = source;
        if (now != seenSource) {
          seenSource = now;
          dirty |= !state.paused();
        }
        String waitingNow = waiting;
        if (!java.util.Objects.equals(waitingNow, seenWaiting)) {
          seenWaiting = waitingNow;
          dirty = true;
        }
        long time = System.nanoTime();
        if ((dirty || resized) && time - lastFrame >= frameNanos) {
          drawFrame(resized);
          if (!drawnOnce) {
            drawnOnce = true;
            logFirstFrame();
          }
          lastFrame = time;
          dirty = false;
          resized = false;
        }
        Thread.sleep(POLL_MILLIS);
      }
      // Closing: the last snapshot (the lines counted after q) gets its frame, so that the
      // figures left in the scrollback are the ones the screen showed last.
      if (latest.get() != drawn && !state.paused()) {
        drawFrame(false);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      // The terminal went away (hang-up) or broke: stop the run rather than run on unseen.
      Log.LOG.error("The dashboard lost its terminal; stopping", e);
      quitOnce();
    }
  }

  private static void addTo(RateHistory rates, RateHistory p99s, Snapshot snapshot) {
    rates.add(snapshot.requestsPerSecond());
    ResponseTimes.Summary times = snapshot.traffic().of(Statistics.RESPONSE_TIMES);
    p99s.add(times == null ? Double.NaN : times.p99Ms());
  }

  /**
   * The batch as the dashboard shows it: unfiltered, or through the live filter in force. A filter
   * the run has not counted a batch of yet shows no figures, only that it starts with the next
   * batch: nothing shown is a mixture of before and after.
   */
  Snapshot shown(Snapshot snapshot) {
    String query = state.query();
    if (snapshot == null || query == null) {
      return snapshot == null || snapshot.live() == null ? snapshot : snapshot.withLive(null);
    }
    LiveView live = snapshot.live();
    // The snapshot that was newest when the filter was (re)applied may carry the figures of an
    // earlier filter with the same text: the run counts this one afresh from its next batch.
    if (live != null && live.filter().expression().equals(query) && snapshot != appliedOver) {
      return snapshot.throughLive();
    }
    TrafficStats none = new StatsAccumulator(1, snapshot.traffic().ipThreshold()).result();
    ActiveFilter pending = new ActiveFilter(query, null);
    return new Snapshot(snapshot.time(), snapshot.view(), none, snapshot.health(), snapshot.source(),
        snapshot.sources(), snapshot.filter(), snapshot.alerts(), logmon.core.change.Comparison.NONE,
        new LiveView(pending, none)).throughLive();
  }

  private static void logFirstFrame() {
    ProcessHandle.current().info().startInstant().ifPresent(start -> Log.LOG.info("Dashboard: first frame {} ms after the"
        + " process started", java.time.Duration.between(start, java.time.Instant.now()).toMillis()));
  }

  private void onKey(KeyStroke key) {
    if (quitSent && isCtrl(key, 'c')) {
      forceQuit();
    }
    boolean wasPaused = state.paused();
    DashboardState before = state;
    if (key.getKeyType() == KeyType.Enter && !state.editingFilter() && !state.help()) {
      drillDown();
    } else {
      state = state.onKey(key, layout == null ? Panel.FOCUS_RING : layout.focusRing());
      if (state.submitted() != null) {
        submit(state.submitted(), state.focus());
      } else if (!java.util.Objects.equals(before.query(), state.query())) {
        // Esc: a level back. The run counts that filter afresh from the next batch (or none).
        apply(state.query());
      }
    }
    if (state.paused() && !wasPaused) {
      frozen = liveModel();
    }
    if (state.quit()) {
      quitOnce();
    }
  }

  /** Enter on the selected row of the focused panel: that row's filter, as a new level. */
  private void drillDown() {
    Snapshot snapshot = shownModel().snapshot(); // what is on screen: while paused, the frozen figures
    if (snapshot == null) {
      return;
    }
    Panel panel = state.focus();
    List<logmon.core.Ranked> entries = panel.entries(snapshot.traffic(), state);
    if (entries.isEmpty()) {
      return;
    }
    String value = entries.get(PanelView.selectedRow(state, entries.size())).name();
    DrillDown.Step step = DrillDown.of(panel, value, state.query());
    if (step != null) {
      submit(step.expression(), step.focus());
    }
  }

  /** Sends an expression to the run; the prompt shows why when it is refused. */
  private void submit(String expression, Panel focus) {
    if (expression.isEmpty()) {
      state = state.cleared();
      apply(null);
      return;
    }
    String error = control.set(expression);
    if (error != null) {
      state = state.rejected(error);
      return;
    }
    state = state.accepted(expression, focus);
    freshLiveHistory();
  }

  private void apply(String expression) {
    freshLiveHistory();
    if (expression == null || control.set(expression) != null) {
      control.clear();
    }
  }

  private void freshLiveHistory() {
    appliedOver = latest.get();
    liveHistory = new RateHistory(HISTORY);
    liveP99History = new RateHistory(HISTORY);
  }

  private static boolean isCtrl(KeyStroke key, char letter) {
    return key.getKeyType() == KeyType.Character && key.isCtrlDown()
        && Character.toLowerCase(key.getCharacter()) == letter;
  }

  /**
   * A second Ctrl-C while stopping: as in plain mode, stop at once (exit 130) rather than wait
   * for Spark, but give the terminal back first; halting skips the shutdown hooks that would.
   */
  private void forceQuit() {
    try {
      screen.stopScreen();
      terminal.close();
    } catch (IOException | RuntimeException e) {
      // Halting anyway: the user asked twice.
    }
    onForceQuit.run();
  }

  private static void halt() {
    System.err.println("logmon: interrupted again, stopping now");
    Runtime.getRuntime().halt(INTERRUPTED_TWICE);
  }

  private void quitOnce() {
    if (!quitSent) {
      quitSent = true;
      onQuit.run();
    }
  }

  private DashboardModel liveModel() {
    boolean filtered = state.query() != null;
    RateHistory rates = filtered ? liveHistory : history;
    return new DashboardModel(view, source, shown(latest.get()), rates.values(), rates.seen(), state, quitSent,
        (filtered ? liveP99History : p99History).values(), waiting);
  }

  /** The statistics of the last frame drawn (tests). */
  Snapshot lastDrawn() {
    return drawn;
  }

  /** What is on screen: the live data, or while paused the data as it was when paused. */
  DashboardModel shownModel() {
    if (state.paused() && frozen != null) {
      return new DashboardModel(frozen.view(), frozen.source(), frozen.snapshot(), frozen.rates(), frozen.ratesSeen(),
          state, quitSent, frozen.p99s(), waiting);
    }
    return liveModel();
  }

  private void drawFrame(boolean resized) throws IOException {
    DashboardModel model = shownModel();
    try {
      layout = DashboardView.draw(screen.newTextGraphics(), model);
      if (!colour) {
        Monochrome.strip(screen);
      }
    } catch (RuntimeException e) {
      // A drawing bug must not take the run down: keep the last good frame, log once.
      if (!drawFailed) {
        drawFailed = true;
        Log.LOG.error("Could not draw a dashboard frame", e);
      }
      return;
    }
    screen.refresh(resized ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
    drawn = model.snapshot();
    ringBells();
  }

  /** The terminal bell once per alert transition, from the thread that owns the terminal. */
  private void ringBells() throws IOException {
    int pending = bells.getAndSet(0);
    if (pending > 0 && screen instanceof com.googlecode.lanterna.screen.TerminalScreen terminalScreen) {
      for (int i = 0; i < pending; i++) {
        terminalScreen.getTerminal().bell();
      }
      terminalScreen.getTerminal().flush();
    }
  }
}
