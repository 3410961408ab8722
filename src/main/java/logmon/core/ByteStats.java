package logmon.core;

/** Response-size figures; min, max and avg are null when no request was counted. */
public record ByteStats(long sum, Long min, Long max, Double avg) implements java.io.Serializable {

  public static ByteStats of(Tally requests) {
    if (!requests.hasValues()) {
      return new ByteStats(0, null, null, null);
    }
    return new ByteStats(requests.sum(), requests.min(), requests.max(),
        (double) requests.sum() / requests.count());
  }
}
