package logmon.render;

import logmon.core.BatchHealth;
import logmon.core.Snapshot;

/**
 * Says when figures are late or incomplete because the source is faster than logmon, in the same
 * words on every renderer: a user must see that logmon is behind, not that traffic dropped.
 */
public final class FlowText {

  private FlowText() {}

  /** "throttled to 240,000 lines/s, 3s behind", or null while logmon keeps up. */
  public static String throttled(BatchHealth health) {
    if (!health.isThrottled()) {
      return null;
    }
    StringBuilder text = new StringBuilder("throttled");
    if (health.rateLimit() != null && health.rateLimit() != Long.MAX_VALUE) {
      text.append(" to ").append(Numbers.count(health.rateLimit())).append(" lines/s");
    }
    if (health.lagSeconds() != null) {
      text.append(", ").append(age(health.lagSeconds())).append(" behind");
    }
    return text.toString();
  }

  /** "shed 12,345 lines", or null when nothing was shed in the view. */
  public static String shed(Snapshot snapshot) {
    long shed = snapshot.traffic().shed();
    return shed == 0 ? null : "shed " + Numbers.count(shed) + " lines";
  }

  /** The rate limit when there is one: "limit 1,600,000 lines/s". */
  public static String limit(BatchHealth health) {
    Long limit = health.rateLimit();
    return limit == null || limit == Long.MAX_VALUE ? "no limit" : "limit " + Numbers.count(limit) + " lines/s";
  }

  /** 42s, 5m 3s, 2h 10m, 3d 4h: how old the newest counted line is. */
  public static String age(long seconds) {
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m " + seconds % 60 + "s";
    }
    if (seconds < 86_400) {
      return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
    }
    return Numbers.count(seconds / 86_400) + "d " + seconds % 86_400 / 3600 + "h";
  }
}
