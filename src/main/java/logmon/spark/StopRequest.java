package logmon.spark;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Asks a run to stop gracefully: from a signal handler, a key, the end of input or a deadline. */
public final class StopRequest {

  private final CountDownLatch requested = new CountDownLatch(1);
  private volatile String reason = "stopped";

  public void request(String why) {
    if (requested.getCount() > 0) {
      reason = why;
      requested.countDown();
    }
  }

  public boolean isRequested() {
    return requested.getCount() == 0;
  }

  public String reason() {
    return reason;
  }

  /**
   * Requests a stop once {@code limit} has passed from now (--duration): counted from the start,
   * so that it also ends a run whose Spark is still starting.
   */
  public void requestAfter(Duration limit) {
    Thread timer = new Thread(() -> {
      try {
        if (!requested.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
          request("duration reached");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "logmon-duration");
    timer.setDaemon(true);
    timer.start();
  }

  /** Waits until a stop is requested. */
  void await() throws InterruptedException {
    requested.await();
  }

  /** Waits until a stop is requested or {@code millis} pass; true if requested. */
  boolean await(long millis) throws InterruptedException {
    return requested.await(millis, TimeUnit.MILLISECONDS);
  }
}
