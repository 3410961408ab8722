package logmon.core;

import java.io.Serializable;

/**
 * What a {@link Tally} counts: one response code, one endpoint, one client, or a total.
 * Statistics travel through Spark as (StatKey, Tally) pairs, so that windows and running state
 * are plain reductions by key.
 */
public final class StatKey implements Serializable {

  private static final long serialVersionUID = 1L;

  // A class, not a record: a record's equals/hashCode go through method handles, and these keys
  // are hashed several times per log line.
  private final Kind kind;
  /** For {@link Kind#STATISTIC}: the statistic's id × 16 + its own kind of key; else 0. */
  private final int part;
  private final String name;
  private transient int hash;

  public StatKey(Kind kind, String name) {
    this(kind, 0, name);
  }

  StatKey(Kind kind, int part, String name) {
    this.kind = kind;
    this.part = part;
    this.name = name;
  }

  /** A key of a {@link logmon.core.stats.Statistic}: its own kind {@code sub} (0–15) of key, named. */
  public static StatKey of(logmon.core.stats.Statistic<?> statistic, int sub, String name) {
    return new StatKey(Kind.STATISTIC, statistic.id() * 16 + sub, name);
  }

  /** The id of the statistic owning a {@link Kind#STATISTIC} key. */
  public int statistic() {
    return part >> 4;
  }

  /** The statistic's own kind of key. */
  public int sub() {
    return part & 15;
  }

  /** The statistic's id × 16 + its own kind of key, for {@link Kind#STATISTIC}; else 0 (for serialisers). */
  public int part() {
    return part;
  }

  /** A key as {@link #kind()}, {@link #part()} and {@link #name()} describe it (for serialisers). */
  public static StatKey restore(Kind kind, int part, String name) {
    return new StatKey(kind, part, name);
  }

  public Kind kind() {
    return kind;
  }

  public String name() {
    return name;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StatKey key && kind == key.kind && part == key.part && name.equals(key.name);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = 31 * (kind.ordinal() * 4096 + part) + name.hashCode();
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    return kind == Kind.STATISTIC ? "statistic" + statistic() + "." + sub() + ":" + name : kind + ":" + name;
  }

  public enum Kind {
    /** All parsed requests; the tally's values are response bytes. */
    REQUESTS,
    /** Lines that did not parse. */
    MALFORMED,
    /** Lines longer than the reader's limit (also counted as malformed). */
    OVERSIZED,
    STATUS,
    ENDPOINT,
    /** Endpoints answered with 4xx or 5xx. */
    ERROR_ENDPOINT,
    CLIENT,
    /** Requests in the batch named by its epoch millis: tells which batches a window spans. */
    BATCH_REQUESTS,
    /** Malformed lines in the batch named by its epoch millis. */
    BATCH_MALFORMED,
    /** Requests with one response code in one batch, named "{@code millis code}". */
    BATCH_STATUS,
    /** Response bytes (the count) in the batch named by its epoch millis. */
    BATCH_BYTES,
    /** Lines shed (the count) in the batch named by its epoch millis. */
    BATCH_SHED,
    /** The tally's min is the epoch millis of the earliest batch counted. */
    SINCE,
    /** Lines (parsed or malformed) that came from the source of this name. */
    SOURCE_LINES,
    /** Lines a receiver dropped unread because logmon could not keep up ({@code --overload shed}). */
    SHED,
    /** A key of a {@link logmon.core.stats.Statistic}, which declares its own kinds of key. */
    STATISTIC,
    /** Parsed lines that {@code --where} left out (listed last: kinds are serialised by position). */
    UNMATCHED,
    /** Lines {@code --where} left out in the batch named by its epoch millis. */
    BATCH_UNMATCHED,
    /**
     * Requests whose response time fell in one histogram bucket in one batch, named "{@code millis
     * bucketMicros}": the response-time histogram metric adds each batch once ({@code --metrics}).
     */
    BATCH_TIMES
  }

  public static final StatKey REQUESTS = new StatKey(Kind.REQUESTS, "");
  public static final StatKey MALFORMED = new StatKey(Kind.MALFORMED, "");
  public static final StatKey OVERSIZED = new StatKey(Kind.OVERSIZED, "");
  public static final StatKey SINCE = new StatKey(Kind.SINCE, "");
  public static final StatKey SHED = new StatKey(Kind.SHED, "");
  public static final StatKey UNMATCHED = new StatKey(Kind.UNMATCHED, "");

  public static StatKey of(Kind kind, String name) {
    return new StatKey(kind, name);
  }

  /** Keys that describe one batch only, rather than accumulate over time. */
  public boolean isPerBatch() {
    return isPerBatch(kind);
  }

  /** Kinds of keys that describe one batch only, rather than accumulate over time. */
  public static boolean isPerBatch(Kind kind) {
    return kind == Kind.BATCH_REQUESTS || kind == Kind.BATCH_MALFORMED || kind == Kind.BATCH_UNMATCHED
        || kind == Kind.BATCH_STATUS || kind == Kind.BATCH_BYTES || kind == Kind.BATCH_SHED
        || kind == Kind.BATCH_TIMES;
  }
}
