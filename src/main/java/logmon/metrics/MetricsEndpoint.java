package logmon.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.SummaryWithCallback;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Function;
import logmon.core.Snapshot;
import logmon.core.SnapshotSink;
import logmon.core.ForwardingSink;
import logmon.core.alert.AlertStatus;
import logmon.core.metrics.RunTotals;
import logmon.core.stats.ResponseTimes;
import logmon.core.stats.Statistics;

/**
 * {@code --metrics}: a Prometheus endpoint, served by the Prometheus Java client's own HTTP
 * server from a registry of its own. Each batch's snapshot (with the rules' states) is kept as it
 * passes to the renderer ({@link #feeding}); every metric is a callback reading the newest one
 * when Prometheus scrapes, so a scrape sees one batch's figures, never half of two. Before the
 * first batch the endpoint answers with no samples.
 */
public final class MetricsEndpoint implements AutoCloseable {

  private final HTTPServer server;
  private final RunTotals totals = new RunTotals();
  private volatile Published latest;
  /** {@code logmon_response_time_seconds}: fed here, per bucket, with what each batch added. */
  private final Histogram responseTimes = Histogram.builder().name("logmon_response_time_seconds")
      .help("Time to serve a request (formats with a time), counted once per request").unit(Unit.SECONDS)
      .withoutExemplars().build();
  /** Requests per bucket already observed into {@link #responseTimes}. */
  private final java.util.Map<Long, Long> observed = new java.util.HashMap<>();

  private record Published(Snapshot snapshot, RunTotals.Counts counts) {}

  private final PrometheusRegistry registry;
  private boolean histogramRegistered;

  private MetricsEndpoint(HTTPServer server, PrometheusRegistry registry) {
    this.server = server;
    this.registry = registry;
    register(registry);
  }

  /** Listens on {@code host:port} at once (before Spark starts), so that a port in use is a usage error. */
  public static MetricsEndpoint start(String host, int port) throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    HTTPServer server = HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart();
    return new MetricsEndpoint(server, registry);
  }

  public int port() {
    return server.getPort();
  }

  /** A sink that records each snapshot here, then hands it to {@code renderer}. */
  public SnapshotSink feeding(SnapshotSink renderer) {
    return new ForwardingSink(renderer) {
      @Override
      public void accept(Snapshot snapshot) {
        record(snapshot);
        next.accept(snapshot);
      }
    };
  }

  /** Called on Spark's batch thread, one batch at a time. */
  void record(Snapshot snapshot) {
    RunTotals.Counts counts = totals.add(snapshot);
    observe(counts.times());
    latest = new Published(snapshot, counts);
  }

  /**
   * Observes each bucket's requests not observed yet, at the bucket's middle (HdrHistogram's
   * buckets are 1% wide, so a time within 1% of a classic bucket's bound may count on either side,
   * and the sum is within 1%). The client has no bulk observe: one call per request, about as many
   * per batch as the batch has requests (after a restart in cumulative mode, once for everything
   * since start: the histogram resumes).
   */
  private void observe(java.util.SortedMap<Long, Long> times) {
    if (!histogramRegistered && !times.isEmpty()) {
      registry.register(responseTimes); // only where the format has a time
      histogramRegistered = true;
    }
    times.forEach((lowest, count) -> {
      long already = observed.getOrDefault(lowest, 0L);
      if (count > already) {
        double seconds = (lowest + ResponseTimes.bucketHighestMicros(lowest)) / 2.0 / 1_000_000;
        for (long i = already; i < count; i++) {
          responseTimes.observe(seconds);
        }
        observed.put(lowest, count);
      }
    });
  }

  @Override
  public void close() {
    server.close();
  }

  private void register(PrometheusRegistry registry) {
    CounterWithCallback.builder().name("logmon_requests").help("Requests counted, by response code")
        .labelNames("status").callback(callback -> withLatest(p ->
            p.counts().status().forEach((code, count) -> callback.call(count, code)))).register(registry);
    counter(registry, "logmon_response_bytes", "Response bytes of the requests counted", Unit.BYTES,
        p -> p.counts().bytes());
    counter(registry, "logmon_malformed_lines", "Lines that did not parse", null, p -> p.counts().malformed());
    counter(registry, "logmon_shed_lines", "Lines dropped unread under --overload shed", null, p -> p.counts().shed());
    counter(registry, "logmon_batches_completed", "Batches Spark has completed", null,
        p -> p.snapshot().health().batchesCompleted());

    gauge(registry, "logmon_requests_per_second", "Requests per second over the view (window, or last batch)",
        p -> p.snapshot().requestsPerSecond());
    gauge(registry, "logmon_lag_seconds", "Now minus the newest counted line's own timestamp",
        p -> p.snapshot().health().lagSeconds());
    gauge(registry, "logmon_view_requests", "Requests in the view (the window, or since start)",
        p -> p.snapshot().traffic().requests());
    gauge(registry, "logmon_view_malformed_lines", "Malformed lines in the view",
        p -> p.snapshot().traffic().malformed());
    gauge(registry, "logmon_view_5xx_ratio", "Share of the view's requests answered 5xx (0 to 1)",
        p -> ratio(p.snapshot().traffic().countOfClass(5), p.snapshot().traffic().requests()));
    gauge(registry, "logmon_view_4xx_ratio", "Share of the view's requests answered 4xx (0 to 1)",
        p -> ratio(p.snapshot().traffic().countOfClass(4), p.snapshot().traffic().requests()));
    gauge(registry, "logmon_view_unique_clients", "Distinct clients in the view",
        p -> p.snapshot().traffic().of(Statistics.UNIQUE_CLIENTS));
    // A summary, not a gauge with a "quantile" label, which the exposition format reserves for
    // summaries (promtool refuses it): the view's percentiles, with its count and sum.
    SummaryWithCallback.builder().name("logmon_view_response_time_seconds")
        .help("Response-time percentiles over the view (formats with a time)").unit(Unit.SECONDS)
        .callback(callback -> withLatest(p -> {
          ResponseTimes.Summary times = p.snapshot().traffic().of(Statistics.RESPONSE_TIMES);
          if (times != null) {
            callback.call(times.count(), times.avgMs() * times.count() / 1000, Quantiles.of(
                new Quantile(0.5, times.p50Ms() / 1000), new Quantile(0.9, times.p90Ms() / 1000),
                new Quantile(0.99, times.p99Ms() / 1000)));
          }
        })).register(registry);
    gauge(registry, "logmon_batch_processing_seconds", "Processing time of the last completed batch",
        p -> seconds(p.snapshot().health().processingMillis()));
    gauge(registry, "logmon_batch_scheduling_delay_seconds", "Scheduling delay of the last completed batch",
        p -> seconds(p.snapshot().health().schedulingDelayMillis()));
    gauge(registry, "logmon_throttled", "1 when the receivers were held back during the last batch",
        p -> p.snapshot().health().throttled() == null ? null : p.snapshot().health().isThrottled() ? 1 : 0);
    GaugeWithCallback.builder().name("logmon_alert_firing").help("1 while an --alert rule fires, else 0")
        .labelNames("rule").callback(callback -> withLatest(p -> {
          for (AlertStatus status : p.snapshot().alerts()) {
            callback.call(status.state() == AlertStatus.State.FIRING ? 1 : 0, status.rule().text());
          }
        })).register(registry);
    GaugeWithCallback.builder().name("logmon_alert_value").help("An --alert rule's figure now, in its unit")
        .labelNames("rule").callback(callback -> withLatest(p -> {
          for (AlertStatus status : p.snapshot().alerts()) {
            if (status.value() != null) {
              callback.call(status.value(), status.rule().text());
            }
          }
        })).register(registry);
  }

  private void withLatest(Consumer<Published> action) {
    Published published = latest;
    if (published != null) {
      action.accept(published);
    }
  }

  private void counter(PrometheusRegistry registry, String name, String help, Unit unit,
      Function<Published, Number> value) {
    CounterWithCallback.Builder builder = CounterWithCallback.builder().name(name).help(help);
    if (unit != null) {
      builder.unit(unit);
    }
    builder.callback(callback -> withLatest(p -> callback.call(value.apply(p).doubleValue()))).register(registry);
  }

  /** A gauge whose value may be missing (null): then it has no sample. */
  private void gauge(PrometheusRegistry registry, String name, String help, Function<Published, Number> value) {
    GaugeWithCallback.builder().name(name).help(help).callback(callback -> withLatest(p -> {
      Number number = value.apply(p);
      if (number != null) {
        callback.call(number.doubleValue());
      }
    })).register(registry);
  }

  private static Double seconds(Long millis) {
    return millis == null ? null : millis / 1000.0;
  }

  private static Double ratio(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }
}
