package logmon.core.alert;

import java.time.Instant;

/**
 * A rule's state after a batch.
 *
 * @param since   when the rule entered this state (batch time); null while it has never held
 * @param value   the rule's figure over the view now, in the metric's unit; null when it has none
 * @param changed the rule entered this state with this batch: a transition to report
 */
public record AlertStatus(AlertRule rule, State state, Instant since, Double value, boolean changed) {

  /** A transition worth telling someone about: firing, or resolved after firing. */
  public boolean notifies() {
    return changed && (state == State.FIRING || state == State.RESOLVED);
  }

  public enum State {
    /** Has not held since start (or since resolving and a pending that came to nothing). */
    INACTIVE,
    /** Holds, not yet for the rule's duration. */
    PENDING,
    /** Held for the rule's duration; stays firing until it has not held for as long. */
    FIRING,
    /** Fired, then stopped holding for the rule's duration. */
    RESOLVED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
