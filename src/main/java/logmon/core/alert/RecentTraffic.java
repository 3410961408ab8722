package logmon.core.alert;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import logmon.core.BatchCount;
import logmon.core.TrafficStats;

/**
 * In cumulative mode, rules look at the last {@code span} of traffic, not at everything since
 * start (a 5xx burst would vanish in a day's totals). Counts per batch are the differences between
 * successive running totals; the first snapshot after a restart from a checkpoint is only a
 * baseline (its totals hold earlier runs), unless the totals are all in its own batch (a fresh start).
 */
final class RecentTraffic {

  private record Delta(long timeMillis, long requests, long malformed, long class4, long class5) {}

  private final long spanMillis;
  private final Deque<Delta> recent = new ArrayDeque<>();
  private TrafficStats previous;

  RecentTraffic(Duration span) {
    this.spanMillis = span.toMillis();
  }

  /** Adds a cumulative snapshot's batch and forgets batches older than the span. */
  void add(long timeMillis, TrafficStats totals) {
    BatchCount last = totals.lastBatch();
    if (previous != null && totals.requests() >= previous.requests()) {
      recent.addLast(new Delta(timeMillis, totals.requests() - previous.requests(),
          totals.malformed() - previous.malformed(), totals.countOfClass(4) - previous.countOfClass(4),
          totals.countOfClass(5) - previous.countOfClass(5)));
    } else if (previous == null && last != null && last.requests() == totals.requests()
        && last.malformed() == totals.malformed()) {
      recent.addLast(new Delta(timeMillis, totals.requests(), totals.malformed(), totals.countOfClass(4),
          totals.countOfClass(5)));
    }
    previous = totals;
    while (!recent.isEmpty() && recent.peekFirst().timeMillis() <= timeMillis - spanMillis) {
      recent.removeFirst();
    }
  }

  long requests() {
    return recent.stream().mapToLong(Delta::requests).sum();
  }

  long malformed() {
    return recent.stream().mapToLong(Delta::malformed).sum();
  }

  long ofClass(int hundreds) {
    return recent.stream().mapToLong(d -> hundreds == 4 ? d.class4() : d.class5()).sum();
  }

  /** Batches held: the rate is over as much of the span as has passed. */
  int batches() {
    return recent.size();
  }
}
