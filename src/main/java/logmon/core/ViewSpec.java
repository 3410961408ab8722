package logmon.core;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the statistics are gathered: the mode, and the batch, window and slide durations
 * (window and slide are null in cumulative mode).
 */
public record ViewSpec(Mode mode, Duration batch, Duration window, Duration slide)
    implements Serializable {

  public static ViewSpec window(Duration batch, Duration window, Duration slide) {
    return new ViewSpec(Mode.WINDOW, batch, window, slide);
  }

  public static ViewSpec cumulative(Duration batch) {
    return new ViewSpec(Mode.CUMULATIVE, batch, null, null);
  }
}
