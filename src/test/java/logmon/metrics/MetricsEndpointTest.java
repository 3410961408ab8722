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
