package logmon.spark;

import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import logmon.core.StartupStatus;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and starts the streaming context on a thread of its own, so that the run stays
 * stoppable while Spark starts: creating a SparkContext for a cluster master blocks until the
 * master answers (60 s of retries when it does not), and no stop request can reach it meanwhile.
 * The waiting side reports progress, gives up on a master that does not answer in time, and on a
 * stop request leaves a start that hangs to the JVM's exit.
 */
final class SparkStarter {

  private static final Logger LOG = LoggerFactory.getLogger(SparkStarter.class);
  /** How often the progress is reported and the stop request looked at. */
  static final long TICK_MILLIS = 200;
  /** After a stop request, how long a start under way may take to finish before it is left behind. */
  static final long STOP_GRACE_MILLIS = 3_000;

  private final String waitingFor;
  private final String master;
  private final long limitMillis;
  private final BooleanSupplier answered;
  private JavaStreamingContext context; // guarded by this
  private Exception failure; // guarded by this
  private boolean done; // guarded by this
  private boolean abandoned; // guarded by this

  /**
   * @param waitingFor  what the user is told logmon waits for
   * @param master      the master named when logmon gives up
   * @param limitMillis give up after this long unless the master has answered (0: wait until
   *                    started or stopped)
   * @param answered    true once the master has taken the application: from then on, starting
   *                    (executors, receivers) may take as long as it takes
   */
  private SparkStarter(String waitingFor, String master, long limitMillis, BooleanSupplier answered) {
    this.waitingFor = waitingFor;
    this.master = master;
    this.limitMillis = limitMillis;
    this.answered = answered;
  }

  /** Begins {@code start} on a daemon thread (it must not keep a stopping JVM alive). */
  static SparkStarter begin(String waitingFor, String master, long limitMillis, BooleanSupplier answered,
      Callable<JavaStreamingContext> start) {
    SparkStarter starter = new SparkStarter(waitingFor, master, limitMillis, answered);
    Thread thread = new Thread(() -> starter.run(start), "logmon-spark-start");
    thread.setDaemon(true);
    thread.start();
    return starter;
  }

  private void run(Callable<JavaStreamingContext> start) {
    JavaStreamingContext started = null;
    Exception failed = null;
    try {
      started = start.call();
    } catch (Exception e) {
      failed = e;
    }
    boolean stopIt;
    synchronized (this) {
      done = true;
      context = started;
      failure = failed;
      stopIt = abandoned && started != null;
      notifyAll();
    }
    if (stopIt) {
      LOG.info("Spark started after the run had stopped waiting for it; stopping it");
      started.stop(true, false);
    }
  }

  /**
   * Waits until the context has started; returns it, or null when a stop was requested first
   * (a context that starts within {@link #STOP_GRACE_MILLIS} of the request is stopped here).
   *
   * @throws MasterUnreachableException when the limit passes first
   * @throws Exception                  what starting threw
   */
  JavaStreamingContext await(StopRequest stop, Consumer<StartupStatus> progress) throws Exception {
    long began = System.currentTimeMillis();
    while (true) {
      long waited = System.currentTimeMillis() - began;
      synchronized (this) {
        if (done) {
          if (failure != null) {
            throw failure;
          }
          progress.accept(StartupStatus.waiting(waitingFor, waited, limitMillis).finished(waited));
          return context;
        }
      }
      if (stop.isRequested()) {
        return afterStopRequest();
      }
      if (limitMillis > 0 && waited >= limitMillis && !answered.getAsBoolean()) {
        abandon();
        throw new MasterUnreachableException(master, "no answer within " + limitMillis / 1000 + " s");
      }
      progress.accept(StartupStatus.waiting(waitingFor, waited, limitMillis));
      stop.await(TICK_MILLIS);
    }
  }

  private JavaStreamingContext afterStopRequest() throws InterruptedException {
    long deadline = System.currentTimeMillis() + STOP_GRACE_MILLIS;
    JavaStreamingContext started;
    synchronized (this) {
      long left;
      while (!done && (left = deadline - System.currentTimeMillis()) > 0) {
        wait(left);
      }
      if (!done) {
        abandoned = true;
        LOG.info("Stop requested while Spark was still starting: not waiting for it any longer");
        return null;
      }
      started = context;
    }
    if (started != null) {
      LOG.info("Stop requested while Spark was starting: stopping it before any batch");
      started.stop(true, false);
    }
    return null;
  }

  private synchronized void abandon() {
    abandoned = true;
  }
}
