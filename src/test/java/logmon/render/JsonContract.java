package logmon.render;

import java.util.List;

/**
 * The JSON fields the README documents, one line each: where the field is (a JSON Pointer) and
 * the value it holds for {@link JsonContractTest}'s snapshot, in window and in cumulative mode
 * ({@link #ABSENT} where the mode has no such field). A field added to the README's "Output"
 * section gets a line here; {@link JsonContractTest} fails until it has one.
 */
public final class JsonContract {

  /** The field must not be there in this mode. */
  public static final String ABSENT = "<absent>";

  /**
   * @param pointer    where the field is, as a JSON Pointer ("/batchHealth/schedulingDelayMs")
   * @param window     its value as JSON text in window mode, or {@link #ABSENT}
   * @param cumulative its value as JSON text in cumulative mode, or {@link #ABSENT}
   */
  public record Field(String pointer, String window, String cumulative) {
    String expected(boolean windowMode) {
      return windowMode ? window : cumulative;
    }

    /** The names along the field's path, array indexes left out: "sources", "lines". */
    List<String> names() {
      return java.util.Arrays.stream(pointer.substring(1).split("/")).filter(s -> !s.matches("\\d+")).toList();
    }
  }

  private static Field both(String pointer, String json) {
    return new Field(pointer, json, json);
  }

  private static Field each(String pointer, String window, String cumulative) {
    return new Field(pointer, window, cumulative);
  }

  public static final List<Field> FIELDS = List.of(
      both("/time", "\"2026-11-26T12:00:00Z\""),
      each("/mode", "\"window\"", "\"cumulative\""),
      each("/window", "\"30s\"", ABSENT),
      each("/slide", "\"2s\"", ABSENT),
      both("/batch", "\"1s\""),
      both("/since", "\"2026-11-26T11:59:59Z\""),
      both("/requests", "4"),
      both("/malformed", "2"),
      both("/oversized", "1"),
      both("/shed", "5"),
      each("/requestsPerSecond", "2.0", "3.0"),
      both("/bytes/sum", "400"),
      both("/bytes/min", "10"),
      both("/bytes/max", "200"),
      both("/bytes/avg", "100.0"),
      both("/status/200", "3"),
      both("/status/404", "1"),
      both("/topEndpoints/0/endpoint", "\"/a\""),
      both("/topEndpoints/0/count", "3"),
      both("/topErrorEndpoints/0/endpoint", "\"/b\""),
      both("/topErrorEndpoints/0/count", "1"),
      both("/frequentIps/0/ip", "\"10.0.0.1\""),
      both("/frequentIps/0/count", "4"),
      both("/lastBatch/time", "\"2026-11-26T12:00:00Z\""),
      both("/lastBatch/requests", "3"),
      both("/lastBatch/malformed", "1"),
      both("/batchHealth/processingMs", "120"),
      both("/batchHealth/schedulingDelayMs", "3"),
      both("/batchHealth/totalDelayMs", "123"),
      both("/batchHealth/batchesCompleted", "7"),
      both("/batchHealth/throttled", "true"),
      both("/batchHealth/rateLimit", "400000"),
      both("/batchHealth/lagSeconds", "9"),
      both("/source/name", "\"127.0.0.1:9999\""),
      both("/source/state", "\"connected\""),
      both("/source/detail", "\"127.0.0.1:9999\""),
      both("/sources/0/name", "\"127.0.0.1:9999\""),
      both("/sources/0/state", "\"connected\""),
      both("/sources/0/detail", "\"127.0.0.1:9999\""),
      both("/sources/0/lines", "6"),
      both("/warning", "null"),
      both("/format", "\"custom\""),
      both("/formats/custom", "10"),
      both("/uniqueClients", "3"),
      both("/stateKeys", "43"), // the keys of timesAndHosts()'s ten lines (with issue 15's agents, referers, 404s and per-endpoint time buckets)
      both("/responseTimeMs/avg", "55.0"),
      both("/responseTimeMs/p50", "50.048"), // within 1% (HdrHistogram, 2 significant digits)
      both("/responseTimeMs/p90", "89.856"),
      both("/responseTimeMs/p99", "100.0"),
      both("/responseTimeMs/max", "100.0"),
      both("/responseTimeMs/count", "10"),
      both("/topSlowEndpoints/0/endpoint", "\"/p0\""),
      both("/topSlowEndpoints/0/count", "5"),
      both("/topSlowEndpoints/0/avgMs", "60.0"),
      both("/topSlowEndpoints/0/maxMs", "100.0"),
      both("/topSlowEndpoints/0/p95Ms", "100.0"),
      both("/topSlowEndpoints/0/p99Ms", "100.0"),
      both("/topHosts/0/host", "\"shop.example\""),
      both("/topHosts/0/count", "10"),
      both("/filter", "\"status != 500\""),
      both("/filterSince", "\"2026-11-26T11:58:30Z\""),
      both("/unmatched", "1"),
      both("/topAgents/0/key", "\"curl/8\""),
      both("/topAgents/0/count", "10"),
      both("/topReferers/0/key", "\"https://ref.example/\""),
      both("/topReferers/0/count", "10"),
      both("/top404/0/key", "\"/p1\""),
      both("/top404/0/count", "1"),
      both("/topBy/agent/0/key", "\"curl/8\""),
      both("/topBy/agent/0/count", "10"),
      both("/topBy/status,path/0/key", "[\"200\", \"/p0\"]"),
      both("/topBy/status,path/0/count", "5"),
      both("/alerts/0/rule", "\"5xx > 2% for 1m\""),
      both("/alerts/0/state", "\"firing\""),
      both("/alerts/0/since", "\"2026-11-26T11:59:00Z\""),
      both("/alerts/0/value", "25.0"),
      both("/alerts/0/unit", "\"%\""),
      both("/alerts/1/state", "\"pending\""),
      both("/alerts/1/value", "null"),
      both("/alerts/1/unit", "\"ms\""),
      // What changed (issue 16): every ranking's rows, and the headline against the previous window.
      both("/topEndpoints/0/new", "true"),
      both("/topEndpoints/0/previousRank", "null"),
      both("/topEndpoints/1/new", "false"),
      both("/topEndpoints/1/previousRank", "1"),
      both("/topErrorEndpoints/0/new", "false"), // nothing to compare with: false and null
      both("/topErrorEndpoints/0/previousRank", "null"),
      both("/frequentIps/0/new", "false"),
      both("/topAgents/0/new", "true"),
      both("/topAgents/0/previousRank", "null"),
      both("/topBy/agent/0/new", "false"),
      both("/topBy/agent/0/previousRank", "1"),
      both("/topBy/status,path/0/new", "false"),
      both("/topSlowEndpoints/0/new", "false"),
      both("/topHosts/0/previousRank", "null"),
      both("/topReferers/0/new", "false"),
      both("/top404/0/previousRank", "null"),
      both("/previousWindow/span", "\"30s\""),
      both("/previousWindow/requests", "2"),
      both("/previousWindow/percent5xx", "50.0"),
      both("/previousWindow/p99Ms", "40.0"),
      both("/previousWindow/change/requests", "2"),
      both("/previousWindow/change/requestsPercent", "100.0"),
      both("/previousWindow/change/percent5xxPoints", "-50.0"),
      both("/previousWindow/change/p99Ms", "60.0"));

  private JsonContract() {}

  /**
   * Where a field's presence depends on the data: status codes, the formats seen, and what only a
   * format with response times or hosts carries (responseTimeMs is null without times, and the
   * rankings empty), the alerts (an empty list without --alert), and the previous window (null
   * until the run is one window old).
   */
  private static final List<String> DATA_DEPENDENT =
      List.of("/status/", "/formats/", "/responseTimeMs/", "/topSlowEndpoints/", "/topHosts/", "/topAgents/",
          "/topReferers/", "/top404/", "/topBy/", "/alerts/", "/previousWindow/");

  /** The fields of a mode whose place does not depend on the data, for any log format. */
  public static List<String> pointersOfEveryObject(boolean windowMode) {
    return FIELDS.stream()
        .filter(f -> !f.expected(windowMode).equals(ABSENT))
        .filter(f -> DATA_DEPENDENT.stream().noneMatch(f.pointer()::startsWith))
        .map(Field::pointer)
        .toList();
  }
}
