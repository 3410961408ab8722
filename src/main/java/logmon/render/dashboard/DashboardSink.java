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
import logmon.core.Snapshot;
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
      boolean colour) throws IOException {
    DashboardTerminal terminal = DashboardTerminal.open();
    var initial = sourceDescriptions.stream()
        .map(name -> new SourceStatus(name, SourceStatus.State.STARTING, null)).toList();
    return new DashboardSink(terminal.screen(), terminal, view, initial, onQuit, DashboardSink::halt, out, colour)
        .start();
  }

  /**
   * @param terminal    closed after the screen stops (restores the tty settings)
   * @param onForceQuit a second Ctrl-C while stopping, after the terminal is restored
   */
  DashboardSink(Screen screen, Closeable terminal, ViewSpec view, List<SourceStatus> initial, Runnable onQuit,
      Runnable onForceQuit, PrintStream out, boolean colour) {
    this.screen = screen;
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
          history.add(snapshot.requestsPerSecond());
          snapshotsTaken = history.seen();
          ResponseTimes.Summary times = snapshot.traffic().of(Statistics.RESPONSE_TIMES);
          p99History.add(times == null ? Double.NaN : times.p99Ms());
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

  private static void logFirstFrame() {
    ProcessHandle.current().info().startInstant().ifPresent(start -> Log.LOG.info("Dashboard: first frame {} ms after the"
        + " process started", java.time.Duration.between(start, java.time.Instant.now()).toMillis()));
  }

  private void onKey(KeyStroke key) {
    if (quitSent && isCtrl(key, 'c')) {
      forceQuit();
    }
    boolean wasPaused = state.paused();
    state = state.onKey(key, layout == null ? Panel.FOCUS_RING : layout.focusRing());
    if (state.paused() && !wasPaused) {
      frozen = liveModel();
    }
    if (state.quit()) {
      quitOnce();
    }
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
    return new DashboardModel(view, source, latest.get(), history.values(), history.seen(), state, quitSent,
        p99History.values(), waiting);
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
