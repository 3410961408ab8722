package logmon.core.alert;

import java.time.Duration;
import java.time.Instant;

/**
 * One rule's state machine, stepped once per batch with whether the rule holds and the batch's
 * time. Holding for the rule's duration fires it; while firing, not holding for the same duration
 * resolves it, and holding again in between cancels the resolving: a figure hovering around the
 * threshold does not flap. A pending rule that stops holding falls back to where it was (inactive,
 * or resolved) without a transition.
 */
final class RuleState {

  private final Duration hold;
  private AlertStatus.State state = AlertStatus.State.INACTIVE;
  private Instant since;
  /** Where a pending rule falls back to, and since when. */
  private AlertStatus.State resting = AlertStatus.State.INACTIVE;
  private Instant restingSince;
  /** While firing: since when it has not held; null while it holds. */
  private Instant clearingSince;

  RuleState(Duration hold) {
    this.hold = hold;
  }

  /** Returns true on a transition: to pending, firing or resolved (falling back from pending is none). */
  boolean step(boolean holds, Instant time) {
    switch (state) {
      case INACTIVE, RESOLVED -> {
        if (holds) {
          resting = state;
          restingSince = since;
          return enter(hold.isZero() ? AlertStatus.State.FIRING : AlertStatus.State.PENDING, time);
        }
      }
      case PENDING -> {
        if (!holds) {
          state = resting;
          since = restingSince;
          return false; // a fall back, not a transition anyone is told about
        }
        if (elapsed(since, time)) {
          return enter(AlertStatus.State.FIRING, time);
        }
      }
      case FIRING -> {
        if (holds) {
          clearingSince = null;
        } else {
          if (clearingSince == null) {
            clearingSince = time;
          }
          if (elapsed(clearingSince, time)) {
            clearingSince = null;
            return enter(AlertStatus.State.RESOLVED, time);
          }
        }
      }
    }
    return false;
  }

  private boolean elapsed(Instant from, Instant now) {
    return Duration.between(from, now).compareTo(hold) >= 0;
  }

  private boolean enter(AlertStatus.State next, Instant time) {
    state = next;
    since = time;
    return true;
  }

  AlertStatus.State state() {
    return state;
  }

  Instant since() {
    return since;
  }
}
