package logmon.core;

import java.util.HashMap;
import java.util.Map;

/**
 * Accumulates the tallies of many lines in one pass (one table per Spark partition), so that
 * each batch is reduced to a compact summary once instead of shuffling lines.
 */
public final class TallyTable {

  /**
   * Stands in for a line longer than the reader's limit. It holds newlines, which no line read
   * from a stream can, so it cannot be confused with real input.
   */
  public static final String OVERSIZED_LINE = "\n<oversized line>\n";

  private final Map<StatKey, Tally> tallies = new HashMap<>();
  private long lines;

  public void addLine(String line) {
    if (line.equals(OVERSIZED_LINE)) {
      lines++;
      add(StatKey.OVERSIZED, Tally.ofCount(1));
      add(StatKey.MALFORMED, Tally.ofCount(1));
      return;
    }
    if (AccessLogParser.isBlank(line)) {
      return;
    }
    lines++;
    LogRecord record = AccessLogParser.parse(line);
    if (record == null) {
      add(StatKey.MALFORMED, Tally.ofCount(1));
    } else {
      addRecord(record);
    }
  }

  public void addRecord(LogRecord record) {
    add(StatKey.REQUESTS, Tally.ofValue(record.bytes()));
    add(StatKey.of(StatKey.Kind.STATUS, Integer.toString(record.status())), Tally.ofCount(1));
    add(StatKey.of(StatKey.Kind.CLIENT, record.host()), Tally.ofCount(1));
    if (record.endpoint() != null) {
      add(StatKey.of(StatKey.Kind.ENDPOINT, record.endpoint()), Tally.ofCount(1));
      if (record.isError()) {
        add(StatKey.of(StatKey.Kind.ERROR_ENDPOINT, record.endpoint()), Tally.ofCount(1));
      }
    }
  }

  /** Tags the table's totals with the batch they belong to (see {@link StatKey.Kind#BATCH_REQUESTS}). */
  public void addBatchMarkers(long batchTimeMillis) {
    String batch = Long.toString(batchTimeMillis);
    add(StatKey.of(StatKey.Kind.BATCH_REQUESTS, batch), Tally.ofCount(get(StatKey.REQUESTS).count()));
    add(StatKey.of(StatKey.Kind.BATCH_MALFORMED, batch), Tally.ofCount(get(StatKey.MALFORMED).count()));
    add(StatKey.SINCE, Tally.ofValue(batchTimeMillis));
  }

  /** Credits the lines added so far to the named source (even none: the source is still listed). */
  public void addSourceMarker(String sourceName) {
    add(StatKey.of(StatKey.Kind.SOURCE_LINES, sourceName), Tally.ofCount(lines));
  }

  public void add(StatKey key, Tally tally) {
    tallies.merge(key, tally, Tally::merge);
  }

  public Tally get(StatKey key) {
    return tallies.getOrDefault(key, Tally.EMPTY);
  }

  public Map<StatKey, Tally> asMap() {
    return tallies;
  }
}
