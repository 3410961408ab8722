package logmon.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import logmon.core.BatchCount;
import logmon.core.BatchHealth;
import logmon.core.ByteStats;
import logmon.core.Snapshot;
import logmon.core.SourceStatus;
import logmon.core.TrafficStats;
import logmon.core.ViewSpec;
import logmon.core.alert.AlertRule;
import logmon.core.alert.AlertStatus;
import org.junit.jupiter.api.Test;

/** The endpoint's exposition, scraped over HTTP from the client library's own server. */
class MetricsEndpointTest {

  private static final Instant T = Instant.parse("2026-12-04T12:00:00Z");
  private static final SourceStatus SOURCE = new SourceStatus("s", SourceStatus.State.CONNECTED, null);

  private static String scrape(int port) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  @Test
  void countersAddEachBatchOnceAndGaugesShowTheNewestBatch() throws Exception {
    try (MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0)) {
      assertThat(scrape(endpoint.port())).as("before the first batch").doesNotContain("logmon_requests_total{");
      BatchCount first = new BatchCount(T.toEpochMilli(), 10, 1, 1_000, 2, new TreeMap<>(Map.of("200", 9L, "503", 1L)));
      BatchCount second = new BatchCount(T.toEpochMilli() + 1000, 5, 0, 500, 0, new TreeMap<>(Map.of("200", 5L)));
      endpoint.record(window(1, List.of(first)));
      endpoint.record(window(2, List.of(first, second)).withAlerts(List.of(
          new AlertStatus(AlertRule.parse("5xx > 2%"), AlertStatus.State.FIRING, T, 6.25, true))));

      String text = scrape(endpoint.port());
      assertThat(text).contains(
          "logmon_requests_total{status=\"200\"} 14.0",
          "logmon_requests_total{status=\"503\"} 1.0",
          "logmon_response_bytes_total 1500.0",
          "logmon_malformed_lines_total 1.0",
          "logmon_shed_lines_total 2.0",
          "logmon_view_requests 15.0",
          "logmon_alert_firing{rule=\"5xx > 2%\"} 1.0",
          "logmon_alert_value{rule=\"5xx > 2%\"} 6.25",
          "logmon_lag_seconds 4.0");
    }
  }

  /**
   * The response-time histogram counts each batch's requests once (window mode: the same batch in
   * two windows is observed once), in the classic buckets. Buckets are HdrHistogram's, named by
   * their lowest value in µs: 1000 (1 ms), 19968 (~20 ms), 1998848 (~2 s).
   */
  @Test
  void theResponseTimeHistogramObservesEachBatchOnce() throws Exception {
    try (MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0)) {
      endpoint.record(window(1, List.of()));
      assertThat(scrape(endpoint.port())).as("no times yet: no histogram").doesNotContain("logmon_response_time_seconds");
      BatchCount first = timed(T.toEpochMilli(), new TreeMap<>(Map.of(1000L, 8L, 19968L, 2L)));
      BatchCount second = timed(T.toEpochMilli() + 1000, new TreeMap<>(Map.of(1000L, 4L, 1998848L, 1L)));
      endpoint.record(window(2, List.of(first)));
      endpoint.record(window(3, List.of(first, second)));
      endpoint.record(window(4, List.of(second)));

      String text = scrape(endpoint.port());
      assertThat(text).contains("logmon_response_time_seconds_bucket{le=\"0.005\"} 12",
          "logmon_response_time_seconds_bucket{le=\"0.025\"} 14", "logmon_response_time_seconds_bucket{le=\"1.0\"} 14",
          "logmon_response_time_seconds_bucket{le=\"2.5\"} 15", "logmon_response_time_seconds_count 15");
    }
  }

  /**
   * Cumulative mode reads the histogram since start from the running state: a new endpoint (a
   * restart from the checkpoint) starts where the counts are, and Prometheus sees no reset.
   */
  @Test
  void inCumulativeModeTheHistogramResumesAfterARestart() throws Exception {
    try (MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0)) {
      endpoint.record(cumulative(1, new TreeMap<>(Map.of(1000L, 1_000L, 19968L, 20L))));
      endpoint.record(cumulative(2, new TreeMap<>(Map.of(1000L, 1_003L, 19968L, 20L))));
      String text = scrape(endpoint.port());
      assertThat(text).contains("logmon_response_time_seconds_bucket{le=\"0.005\"} 1003",
          "logmon_response_time_seconds_count 1023");
    }
  }

  private static BatchCount timed(long millis, TreeMap<Long, Long> times) {
    long requests = times.values().stream().mapToLong(Long::longValue).sum();
    return new BatchCount(millis, requests, 0, 0, 0, 0, new TreeMap<>(Map.of("200", requests)), times);
  }

  private static Snapshot cumulative(int second, TreeMap<Long, Long> buckets) {
    long requests = buckets.values().stream().mapToLong(Long::longValue).sum();
    var summary = new logmon.core.stats.ResponseTimes.Summary(requests, 1, 1, 1, 1, 20, buckets);
    TrafficStats traffic = new TrafficStats(requests, 0, 0, new ByteStats(0, null, null, null),
        new TreeMap<>(Map.of("200", requests)), List.of(), List.of(), List.of(), List.of(), T.toEpochMilli(),
        new TreeMap<>(), 10, 0, logmon.core.stats.Results.empty(new logmon.core.stats.Statistic.Limits(10, 10))
        .with(logmon.core.stats.Statistics.RESPONSE_TIMES, summary));
    return new Snapshot(T.plusSeconds(second), ViewSpec.cumulative(Duration.ofSeconds(1)), traffic,
        BatchHealth.NONE, SOURCE, List.of(SOURCE));
  }

  private static Snapshot window(int second, List<BatchCount> batches) {
    TreeMap<String, Long> status = new TreeMap<>();
    batches.forEach(b -> b.status().forEach((code, count) -> status.merge(code, count, Long::sum)));
    long requests = batches.stream().mapToLong(BatchCount::requests).sum();
    TrafficStats traffic = new TrafficStats(requests, 1, 0, new ByteStats(1500, 0L, 200L, 100.0), status, List.of(),
        List.of(), List.of(), batches, T.toEpochMilli(), new TreeMap<>(), 10);
    return new Snapshot(T.plusSeconds(second), ViewSpec.window(Duration.ofSeconds(1), Duration.ofSeconds(30),
        Duration.ofSeconds(1)), traffic, new BatchHealth(100L, 2L, 102L, 3, false, null, 4L), SOURCE, List.of(SOURCE));
  }
}
