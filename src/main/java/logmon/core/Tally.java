package logmon.core;

import java.io.Serializable;

/**
 * A count with the sum, minimum and maximum of one value (response bytes, or a batch time).
 * Tallies merge associatively and commutatively, so Spark may combine them in any order.
 */
public record Tally(long count, long sum, long min, long max) implements Serializable {

  public static final Tally EMPTY = new Tally(0, 0, Long.MAX_VALUE, Long.MIN_VALUE);

  public static Tally ofCount(long count) {
    return new Tally(count, 0, Long.MAX_VALUE, Long.MIN_VALUE);
  }

  public static Tally ofValue(long value) {
    return new Tally(1, value, value, value);
  }

  public Tally merge(Tally other) {
    return new Tally(count + other.count, sum + other.sum,
        Math.min(min, other.min), Math.max(max, other.max));
  }

  /** True once at least one value was recorded (a counter-only tally has none). */
  public boolean hasValues() {
    return min <= max;
  }
}
