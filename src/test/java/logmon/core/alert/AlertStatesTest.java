package logmon.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Batch sequences against the states they must lead to. A sequence is a string, one character a
 * batch (a second apart): {@code H} the rule holds, {@code .} it does not. States: I inactive,
 * P pending, F firing, R resolved; {@code *} marks the batches that notify (fired or resolved).
 */
class AlertStatesTest {

  private static final Instant START = Instant.parse("2026-12-04T12:00:00Z");
  private static final SourceStatus SOURCE = new SourceStatus("127.0.0.1:9999", SourceStatus.State.CONNECTED, null);

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      fires after holding 3 s, resolves 3 s after it stops  | 3 | ..HHHHH....    | IIPPPFFFFFR    | .....*....*
      flapping around the threshold does not resolve        | 3 | HHHH.H.H.H.... | PPPFFFFFFFFFFR | ...*.........*
      a pending rule that stops holding fires nothing       | 3 | HH.HH..        | PPIPPII        | .......
      after resolving, a short blip stays resolved          | 3 | HHHH....H.     | PPPFFFFRPR     | ...*...*..
      no hold: fires and resolves on the batch              | 0 | .H.H           | IFRF           | .***
      fires again after resolving                           | 1 | HH..HH         | PFFRPF         | .*.*.*
      """)
  void transitions(String what, int holdSeconds, String holds, String states, String notifies) {
    RuleState rule = new RuleState(Duration.ofSeconds(holdSeconds));
    StringBuilder seen = new StringBuilder();
    StringBuilder told = new StringBuilder();
    for (int i = 0; i < holds.length(); i++) {
      boolean changed = rule.step(holds.charAt(i) == 'H', START.plusSeconds(i));
      seen.append(rule.state().name().charAt(0));
      boolean notify = changed && (rule.state() == AlertStatus.State.FIRING || rule.state() == AlertStatus.State.RESOLVED);
      told.append(notify ? '*' : '.');
    }
    assertThat(seen.toString()).as(what).isEqualTo(states);
    assertThat(told.toString()).as(what).isEqualTo(notifies);
  }

  @Test
  void firingSinceIsTheBatchItFiredOn() {
    RuleState rule = new RuleState(Duration.ofSeconds(2));
    for (int i = 0; i < 4; i++) {
      rule.step(true, START.plusSeconds(i));
    }
    assertThat(rule.state()).isEqualTo(AlertStatus.State.FIRING);
    assertThat(rule.since()).isEqualTo(START.plusSeconds(2));
  }

  @Test
  void theGuardKeepsARuleQuietOnLittleTraffic() {
    Alerts alerts = alerts("5xx > 2% when requests >= 100");
    // 50 requests, half of them 500s: too few to judge
    assertThat(alerts.evaluate(window(0, 50, 25)).get(0).state()).isEqualTo(AlertStatus.State.INACTIVE);
    AlertStatus enough = alerts.evaluate(window(1, 200, 20)).get(0);
    assertThat(enough.state()).isEqualTo(AlertStatus.State.FIRING);
    assertThat(enough.value()).isEqualTo(10.0);
    assertThat(enough.notifies()).isTrue();
  }

  @Test
  void anEmptyWindowHasNoShareButARateOfZero() {
    Alerts alerts = alerts("5xx > 2%", "rate < 5/s", "p99 > 800ms", "lag > 30s");
    List<AlertStatus> statuses = alerts.evaluate(window(0, 0, 0));
    assertThat(statuses).extracting(AlertStatus::value).containsExactly(null, 0.0, null, null);
    assertThat(statuses).extracting(AlertStatus::state).containsExactly(AlertStatus.State.INACTIVE,
        AlertStatus.State.FIRING, AlertStatus.State.INACTIVE, AlertStatus.State.INACTIVE);
  }

  @Test
  void cumulativeModeLooksAtTheRecentSpanOnly() {
    Alerts alerts = new Alerts(List.of(AlertRule.parse("5xx > 2%")), Duration.ofSeconds(5));
    Cumulative run = new Cumulative(0, 0);
    // a burst: 100 requests a batch, 10 of them 500s, for 3 batches
    List<String> states = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      states.add(alerts.evaluate(run.batch(i, 100, 10)).get(0).state().label());
    }
    // then clean traffic: the burst leaves the 5 s span, though it stays in the totals
    for (int i = 3; i < 10; i++) {
      states.add(alerts.evaluate(run.batch(i, 100, 0)).get(0).state().label());
    }
    // at 6 s the span (1 s … 6 s] holds one burst batch: 10 of 500 requests, 2.0%, not above 2%
    assertThat(states).containsExactly("firing", "firing", "firing", "firing", "firing", "firing",
        "resolved", "resolved", "resolved", "resolved");
    assertThat(run.totals5xx).isEqualTo(30);
  }

  @Test
  void aRestartMidRuleStartsTheRuleOverFromTheRestoredTotals() {
    Cumulative run = new Cumulative(0, 0);
    Alerts before = alerts("5xx > 2% for 3s");
    assertThat(before.evaluate(run.batch(0, 100, 10)).get(0).state()).isEqualTo(AlertStatus.State.PENDING);
    assertThat(before.evaluate(run.batch(1, 100, 10)).get(0).state()).isEqualTo(AlertStatus.State.PENDING);
    // logmon restarts from its checkpoint: rule states are not checkpointed, the totals are
    Alerts after = alerts("5xx > 2% for 3s");
    List<String> states = new ArrayList<>();
    for (int i = 5; i < 11; i++) {
      AlertStatus status = after.evaluate(run.batch(i, 100, 10)).get(0);
      states.add(status.state().label() + (status.value() == null ? "" : " " + status.value()));
    }
    // the first batch after the restart is a baseline (its totals hold the earlier run); then the
    // rule holds again and fires after its full 3 s, not sooner because it was pending before
    assertThat(states).containsExactly("inactive", "pending 10.0", "pending 10.0", "pending 10.0", "firing 10.0",
        "firing 10.0");
  }

  private static Alerts alerts(String... rules) {
    return new Alerts(java.util.Arrays.stream(rules).map(AlertRule::parse).toList(), Duration.ofSeconds(30));
  }

  private static Snapshot window(int second, long requests, long errors) {
    TreeMap<String, Long> status = new TreeMap<>();
    if (requests - errors > 0) {
      status.put("200", requests - errors);
    }
    if (errors > 0) {
      status.put("500", errors);
    }
    long batch = START.plusSeconds(second).toEpochMilli();
    TrafficStats traffic = new TrafficStats(requests, 0, 0, new ByteStats(0, null, null, null), status, List.of(),
        List.of(), List.of(), List.of(new BatchCount(batch, requests, 0)), batch, new TreeMap<>(Map.of()), 10);
    ViewSpec view = ViewSpec.window(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(1));
    return new Snapshot(START.plusSeconds(second), view, traffic, BatchHealth.NONE, SOURCE, List.of(SOURCE));
  }

  /** Running totals as cumulative mode publishes them. */
  private static final class Cumulative {
    long totalRequests;
    long totals5xx;

    Cumulative(long requests, long errors) {
      totalRequests = requests;
      totals5xx = errors;
    }

    Snapshot batch(int second, long requests, long errors) {
      totalRequests += requests;
      totals5xx += errors;
      TreeMap<String, Long> status = new TreeMap<>();
      status.put("200", totalRequests - totals5xx);
      if (totals5xx > 0) {
        status.put("500", totals5xx);
      }
      long batch = START.plusSeconds(second).toEpochMilli();
      TrafficStats traffic = new TrafficStats(totalRequests, 0, 0, new ByteStats(0, null, null, null), status,
          List.of(), List.of(), List.of(), List.of(new BatchCount(batch, requests, 0)), START.toEpochMilli(),
          new TreeMap<>(Map.of()), 10);
      return new Snapshot(START.plusSeconds(second), ViewSpec.cumulative(Duration.ofSeconds(1)), traffic,
          BatchHealth.NONE, SOURCE, List.of(SOURCE));
    }
  }
}
