package logmon.core.alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import logmon.core.Mode;
import logmon.core.Snapshot;
import logmon.core.TrafficStats;
import logmon.core.stats.ResponseTimes;
import logmon.core.stats.Statistics;

/**
 * The {@code --alert} rules of a run and their states, evaluated once per batch on the driver over
 * the batch's view: the window in window mode; in cumulative mode the last {@code recentSpan}
 * (response-time percentiles there are since start: the running state keeps no per-batch
 * histogram). Not thread-safe: one batch at a time.
 */
public final class Alerts {

  private final List<AlertRule> rules;
  private final List<RuleState> states = new ArrayList<>();
  private final RecentTraffic recent;

  public Alerts(List<AlertRule> rules, Duration recentSpan) {
    this.rules = List.copyOf(rules);
    rules.forEach(rule -> states.add(new RuleState(rule.hold())));
    this.recent = new RecentTraffic(recentSpan);
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** Steps every rule with this batch and returns their states, in the order the rules were given. */
  public List<AlertStatus> evaluate(Snapshot snapshot) {
    Figures figures = figures(snapshot);
    List<AlertStatus> statuses = new ArrayList<>(rules.size());
    for (int i = 0; i < rules.size(); i++) {
      AlertRule rule = rules.get(i);
      RuleState state = states.get(i);
      Double value = figures.value(rule.condition().metric());
      boolean guarded = rule.guard() == null || rule.guard().holds(figures.value(rule.guard().metric()));
      boolean changed = state.step(guarded && rule.condition().holds(value), snapshot.time());
      statuses.add(new AlertStatus(rule, state.state(), state.since(), value, changed));
    }
    return statuses;
  }

  Figures figures(Snapshot snapshot) {
    TrafficStats traffic = snapshot.traffic();
    ResponseTimes.Summary times = traffic.of(Statistics.RESPONSE_TIMES);
    Long lag = snapshot.health().lagSeconds();
    long requests;
    long malformed;
    long class4;
    long class5;
    double rate;
    if (snapshot.view().mode() == Mode.CUMULATIVE) {
      recent.add(snapshot.time().toEpochMilli(), traffic);
      requests = recent.requests();
      malformed = recent.malformed();
      class4 = recent.ofClass(4);
      class5 = recent.ofClass(5);
      int batches = recent.batches();
      rate = batches == 0 ? 0 : requests / (batches * snapshot.view().batch().toMillis() / 1000.0);
    } else {
      requests = traffic.requests();
      malformed = traffic.malformed();
      class4 = traffic.countOfClass(4);
      class5 = traffic.countOfClass(5);
      rate = snapshot.requestsPerSecond();
    }
    return new Figures(requests, Figures.percent(class5, requests), Figures.percent(class4, requests),
        Figures.percent(malformed, requests + malformed),
        times == null ? null : times.p50Ms(), times == null ? null : times.p90Ms(),
        times == null ? null : times.p99Ms(), rate, lag == null ? null : lag.doubleValue());
  }
}
