package logmon.core.change;

/**
 * The headline figures of one period, as "what changed" compares them.
 *
 * @param percent5xx share of the requests answered 5xx, in percent; null without requests
 * @param p99Ms      the response-time p99; null without times
 */
public record Period(long requests, Double percent5xx, Double p99Ms) {

  static Period of(long requests, long count5xx, Double p99Ms) {
    return new Period(requests, requests == 0 ? null : 100.0 * count5xx / requests, p99Ms);
  }
}
