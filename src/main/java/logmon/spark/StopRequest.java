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

  /** Waits until a stop is requested or, when a limit is given, until it passes. */
  void await(Duration limit) throws InterruptedException {
    if (limit == null) {
      requested.await();
    } else if (!requested.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      request("duration reached");
    }
  }
}
