package logmon.cli;

import java.time.Duration;

/**
 * When a heap that stays full counts as out of memory. A JVM whose live data nearly fills the
 * heap need not ever throw OutOfMemoryError: the collector frees a little each time, and the run
 * spends its time collecting, counting almost nothing, for as long as the data keeps coming (seen
 * with G1 on a loaded 2-core machine: a window of distinct 20 KB paths at a few hundred lines a
 * second). A monitor that crawls like that is as useless as a dead one and harder to notice, so
 * logmon treats it like running out: every collection for {@code sustained} (and at least
 * {@code minCollections} of them) left the heap at least {@code fullFraction} full.
 *
 * <p>Pure and not thread-safe: the caller feeds it the end of each collection, in order.
 */
final class HeapPressure {

  static final double FULL_FRACTION = 0.9;
  static final Duration SUSTAINED = Duration.ofSeconds(30);
  static final int MIN_COLLECTIONS = 5;

  private final double fullFraction;
  private final long sustainedMillis;
  private final int minCollections;
  private long fullSinceMillis = -1;
  private int collectionsSince;

  HeapPressure(double fullFraction, Duration sustained, int minCollections) {
    this.fullFraction = fullFraction;
    this.sustainedMillis = sustained.toMillis();
    this.minCollections = minCollections;
  }

  static HeapPressure standard() {
    return new HeapPressure(FULL_FRACTION, SUSTAINED, MIN_COLLECTIONS);
  }

  /** A collection ended at {@code nowMillis} with {@code usedAfter} of {@code max} bytes in use: out of memory? */
  boolean exhaustedAfter(long nowMillis, long usedAfter, long max) {
    if (usedAfter < fullFraction * max) {
      fullSinceMillis = -1;
      return false;
    }
    if (fullSinceMillis < 0) {
      fullSinceMillis = nowMillis;
      collectionsSince = 0;
    }
    collectionsSince++;
    return nowMillis - fullSinceMillis >= sustainedMillis && collectionsSince >= minCollections;
  }
}
