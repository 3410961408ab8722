package logmon.core;

import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import logmon.core.format.LineParser;
import logmon.core.format.ParsedLine;
import logmon.core.query.Query;
import logmon.core.query.Ranking;
import java.util.List;
import logmon.core.stats.Statistic;
import logmon.core.stats.Statistics;

/**
 * The summary of a batch: one tally per key, accumulated from lines in one pass and merged with
 * other tables. Each batch is reduced to one table once; windows and running totals then merge
 * tables (or their entries), never lines. Mutable while it is built or merged into; a table that
 * Spark has cached must only be read (merge it into a new table instead).
 */
public final class TallyTable implements Externalizable {

  private static final long serialVersionUID = 1L;

  /**
   * Stands in for a line longer than the reader's limit. It holds newlines, which no line read
   * from a stream can, so it cannot be confused with real input.
   */
  public static final String OVERSIZED_LINE = "\n<oversized line>\n";

  private static final int COUNT = 0;
  private static final int SUM = 1;
  private static final int MIN = 2;
  private static final int MAX = 3;
  private static final StatKey.Kind[] KINDS = StatKey.Kind.values();

  // Mutable {count, sum, min, max} per key: a line adds to four keys, without allocating.
  private HashMap<StatKey, long[]> tallies = new HashMap<>();
  private long lines;
  /** How lines are read; only while the table is built from lines, never serialised. */
  private transient LineParser parser;
  /** {@code --where}: parsed lines it refuses are counted as unmatched only; null for none. */
  private transient Query filter;
  /** {@code --top FIELD[,FIELD]}, compiled for this task (see {@link logmon.core.stats.TopBy}). */
  private transient List<Ranking> rankings = List.of();

  /** A table for lines in any preset format ({@code --log-format auto}). */
  public TallyTable() {
    this(null);
  }

  public TallyTable(LineParser parser) {
    this(parser, null);
  }

  /** @param filter the lines to count ({@code --where}), or null for all */
  public TallyTable(LineParser parser, Query filter) {
    this(parser, filter, List.of());
  }

  /** @param rankings the {@code --top FIELD[,FIELD]} rankings, compiled for this task */
  public TallyTable(LineParser parser, Query filter, List<Ranking> rankings) {
    this.parser = parser;
    this.filter = filter;
    this.rankings = rankings;
  }

  /** The {@code --top FIELD[,FIELD]} rankings lines are tallied for (none once deserialised). */
  public List<Ranking> rankings() {
    return rankings == null ? List.of() : rankings;
  }

  /** Counts lines a receiver dropped unread under overload ({@code --overload shed}). */
  public void addShed(long count) {
    if (count > 0) {
      add(StatKey.SHED, Tally.ofCount(count));
    }
  }

  public void addLine(String line) {
    if (line.equals(OVERSIZED_LINE)) {
      lines++;
      count(StatKey.OVERSIZED);
      count(StatKey.MALFORMED);
      return;
    }
    if (LineParser.isBlank(line)) {
      return;
    }
    lines++;
    if (parser == null) {
      parser = LineParser.of(LineParser.AUTO);
    }
    ParsedLine parsed = parser.parse(line);
    if (parsed == null) {
      count(StatKey.MALFORMED);
    } else if (filter == null || filter.test(parsed)) {
      addParsed(parsed);
    } else {
      count(StatKey.UNMATCHED);
    }
  }

  /** Adds a line a format has read. */
  public void addParsed(ParsedLine line) {
    addValue(StatKey.REQUESTS, line.bytes());
    int status = line.status();
    if (status >= 0) {
      count(new StatKey(StatKey.Kind.STATUS, statusText(status)));
    }
    String client = line.client();
    if (client != null) {
      count(new StatKey(StatKey.Kind.CLIENT, client));
    }
    String endpoint = line.endpoint();
    if (endpoint != null) {
      count(new StatKey(StatKey.Kind.ENDPOINT, endpoint));
      if (line.isError()) {
        count(new StatKey(StatKey.Kind.ERROR_ENDPOINT, endpoint));
      }
    }
    for (Statistic<?> statistic : Statistics.ALL) {
      statistic.tally(line, this);
    }
  }

  private static final String[] STATUS_TEXT = new String[1000];

  private static String statusText(int status) {
    String text = STATUS_TEXT[status];
    if (text == null) {
      text = Integer.toString(status);
      STATUS_TEXT[status] = text;
    }
    return text;
  }

  /**
   * Tags the table's totals with the batch they belong to (see {@link StatKey.Kind#BATCH_REQUESTS}),
   * and credits its lines to the named source (listed even when it sent nothing).
   */
  public void addBatchMarkers(long batchTimeMillis, String sourceName) {
    addBatchMarkers(batchTimeMillis);
    addSourceMarker(sourceName);
  }

  public void addBatchMarkers(long batchTimeMillis) {
    String batch = Long.toString(batchTimeMillis);
    add(StatKey.of(StatKey.Kind.BATCH_REQUESTS, batch), Tally.ofCount(get(StatKey.REQUESTS).count()));
    add(StatKey.of(StatKey.Kind.BATCH_MALFORMED, batch), Tally.ofCount(get(StatKey.MALFORMED).count()));
    // Per batch too, so that counters add each batch once however many windows hold it.
    java.util.List<StatKey> codes = new java.util.ArrayList<>();
    forEach((key, tally) -> {
      if (key.kind() == StatKey.Kind.STATUS) {
        codes.add(key);
      }
    });
    for (StatKey code : codes) {
      add(StatKey.of(StatKey.Kind.BATCH_STATUS, batch + " " + code.name()), Tally.ofCount(get(code).count()));
    }
    java.util.List<StatKey> timeBuckets = new java.util.ArrayList<>();
    forEach((key, tally) -> {
      if (logmon.core.stats.ResponseTimes.isBucket(key)) {
        timeBuckets.add(key);
      }
    });
    for (StatKey bucket : timeBuckets) {
      add(StatKey.of(StatKey.Kind.BATCH_TIMES, batch + " " + bucket.name()), Tally.ofCount(get(bucket).count()));
    }
    long bytes = get(StatKey.REQUESTS).sum();
    if (bytes > 0) {
      add(StatKey.of(StatKey.Kind.BATCH_BYTES, batch), Tally.ofCount(bytes));
    }
    long shed = get(StatKey.SHED).count();
    if (shed > 0) {
      add(StatKey.of(StatKey.Kind.BATCH_SHED, batch), Tally.ofCount(shed));
    }
    add(StatKey.SINCE, Tally.ofValue(batchTimeMillis));
    long unmatched = get(StatKey.UNMATCHED).count();
    if (unmatched > 0) {
      add(StatKey.of(StatKey.Kind.BATCH_UNMATCHED, batch), Tally.ofCount(unmatched));
    }
  }

  /** Credits the lines added so far to the named source (even none: the source is still listed). */
  public void addSourceMarker(String sourceName) {
    add(StatKey.of(StatKey.Kind.SOURCE_LINES, sourceName), Tally.ofCount(lines));
  }

  /** Adds one to the key's count. */
  public void count(StatKey key) {
    long[] tally = tallies.get(key);
    if (tally == null) {
      tallies.put(key, new long[] {1, 0, Long.MAX_VALUE, Long.MIN_VALUE});
    } else {
      tally[COUNT]++;
    }
  }

  /** Adds one value to the key's count, sum, minimum and maximum. */
  public void addValue(StatKey key, long value) {
    long[] tally = tallies.get(key);
    if (tally == null) {
      tallies.put(key, new long[] {1, value, value, value});
    } else {
      tally[COUNT]++;
      tally[SUM] += value;
      tally[MIN] = Math.min(tally[MIN], value);
      tally[MAX] = Math.max(tally[MAX], value);
    }
  }

  public void add(StatKey key, Tally tally) {
    add(key, tally.count(), tally.sum(), tally.min(), tally.max());
  }

  private void add(StatKey key, long count, long sum, long min, long max) {
    long[] tally = tallies.get(key);
    if (tally == null) {
      tallies.put(key, new long[] {count, sum, min, max});
    } else {
      tally[COUNT] += count;
      tally[SUM] += sum;
      tally[MIN] = Math.min(tally[MIN], min);
      tally[MAX] = Math.max(tally[MAX], max);
    }
  }

  /** Adds every tally of {@code other} to this table; {@code other} is left as it was. */
  public TallyTable merge(TallyTable other) {
    other.tallies.forEach((key, t) -> add(key, t[COUNT], t[SUM], t[MIN], t[MAX]));
    lines += other.lines;
    return this;
  }

  public Tally get(StatKey key) {
    long[] t = tallies.get(key);
    return t == null ? Tally.EMPTY : new Tally(t[COUNT], t[SUM], t[MIN], t[MAX]);
  }

  public void forEach(BiConsumer<StatKey, Tally> action) {
    tallies.forEach((key, t) -> action.accept(key, new Tally(t[COUNT], t[SUM], t[MIN], t[MAX])));
  }

  public int size() {
    return tallies.size();
  }

  /** A copy, as immutable tallies. */
  public Map<StatKey, Tally> asMap() {
    Map<StatKey, Tally> map = new LinkedHashMap<>();
    forEach(map::put);
    return map;
  }

  /** Compact: counters write their count only, and names any length (a URL may be megabytes). */
  @Override
  public void writeExternal(ObjectOutput out) throws IOException {
    out.writeLong(lines);
    out.writeInt(tallies.size());
    for (Map.Entry<StatKey, long[]> entry : tallies.entrySet()) {
      StatKey key = entry.getKey();
      long[] t = entry.getValue();
      byte[] name = key.name().getBytes(StandardCharsets.UTF_8);
      out.writeByte(key.kind().ordinal());
      out.writeShort(key.part());
      out.writeInt(name.length);
      out.write(name);
      out.writeLong(t[COUNT]);
      boolean counterOnly = t[SUM] == 0 && t[MIN] == Long.MAX_VALUE && t[MAX] == Long.MIN_VALUE;
      out.writeBoolean(counterOnly);
      if (!counterOnly) {
        out.writeLong(t[SUM]);
        out.writeLong(t[MIN]);
        out.writeLong(t[MAX]);
      }
    }
  }

  @Override
  public void readExternal(ObjectInput in) throws IOException {
    lines = in.readLong();
    int size = in.readInt();
    tallies = new HashMap<>(Math.max(16, size * 4 / 3 + 1));
    for (int i = 0; i < size; i++) {
      StatKey.Kind kind = KINDS[in.readByte()];
      int part = in.readShort();
      byte[] name = new byte[in.readInt()];
      in.readFully(name);
      long count = in.readLong();
      long[] t = in.readBoolean()
          ? new long[] {count, 0, Long.MAX_VALUE, Long.MIN_VALUE}
          : new long[] {count, in.readLong(), in.readLong(), in.readLong()};
      tallies.put(new StatKey(kind, part, new String(name, StandardCharsets.UTF_8)), t);
    }
  }
}
