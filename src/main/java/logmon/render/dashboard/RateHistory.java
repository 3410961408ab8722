package logmon.render.dashboard;

/**
 * Requests per second of recent snapshots, oldest first, for the sparkline. A fixed ring: the
 * dashboard never holds more than {@code capacity} values however long it runs.
 */
final class RateHistory {

  private final double[] ring;
  private int next;
  private int size;
  private long seen;

  RateHistory(int capacity) {
    ring = new double[capacity];
  }

  void add(double value) {
    ring[next] = value;
    next = (next + 1) % ring.length;
    size = Math.min(size + 1, ring.length);
    seen++;
  }

  /** How many values were ever added, including those the ring has dropped. */
  long seen() {
    return seen;
  }

  /** A copy, oldest first. */
  double[] values() {
    double[] out = new double[size];
    int start = (next - size + ring.length) % ring.length;
    for (int i = 0; i < size; i++) {
      out[i] = ring[(start + i) % ring.length];
    }
    return out;
  }
}
