package logmon.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rule language: what reads, and where a bad rule is wrong. */
class AlertRuleTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      5xx > 2% for 1m                        | SHARE_5XX | ABOVE    | 2      | 60000  |
      p99 > 800ms for 2m                     | P99       | ABOVE    | 800    | 120000 |
      p99 > 1.5s                             | P99       | ABOVE    | 1500   | 0      |
      rate < 5/s for 3m                      | RATE      | BELOW    | 5      | 180000 |
      rate < 300/m                           | RATE      | BELOW    | 5      | 0      |
      malformed > 20%                        | MALFORMED | ABOVE    | 20     | 0      |
      lag > 30s                              | LAG       | ABOVE    | 30     | 0      |
      lag >= 2m for 10s                      | LAG       | AT_LEAST | 120    | 10000  |
      4xx>=10 % for 30s when requests >= 100 | SHARE_4XX | AT_LEAST | 10     | 30000  | 100
      5xx > 2% when requests >= 100          | SHARE_5XX | ABOVE    | 2      | 0      | 100
      requests <= 10 for 5s                  | REQUESTS  | AT_MOST  | 10     | 5000   |
      """)
  void reads(String text, Metric metric, Comparison comparison, double threshold, long holdMillis, Long guard) {
    AlertRule rule = AlertRule.parse(text);
    assertThat(rule.text()).isEqualTo(text.strip());
    assertThat(rule.condition().metric()).isEqualTo(metric);
    assertThat(rule.condition().comparison()).isEqualTo(comparison);
    assertThat(rule.condition().threshold()).isCloseTo(threshold, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(rule.hold()).isEqualTo(Duration.ofMillis(holdMillis));
    if (guard == null) {
      assertThat(rule.guard()).isNull();
    } else {
      assertThat(rule.guard()).isEqualTo(new Condition(Metric.REQUESTS, Comparison.AT_LEAST, guard));
    }
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @CsvSource(delimiter = '|', textBlock = """
      ''                            | 1  | empty rule
      5xxx > 2%                     | 1  | unknown figure '5xxx'
      5xx 2%                        | 5  | expected a comparison
      5xx => 2%                     | 5  | expected a comparison
      5xx > %                       | 7  | expected a number
      5xx > 2 for 1m                | 8  | missing unit after 2: 5xx takes '%'
      p99 > 800 for 2m              | 10 | missing unit after 800: p99 takes 'ms' or 's'
      p99 > 800kb                   | 10 | unit 'kb' does not fit
      5xx > 2% for                  | 13 | expected a duration
      5xx > 2% for 1y               | 14 | unknown unit 'y'
      5xx > 2% during 1m            | 10 | unexpected 'during 1m'
      5xx > 200%                    | 10 | a share cannot exceed 100%
      5xx > 2% when                 | 14 | expected a figure
      5xx > 2% when requests >= 1 x | 29 | unexpected 'x'; expected the end of the rule
      5xx > 2% for 1m for 2m        | 17 | unexpected 'for 2m'
      """)
  void namesTheColumnOfAMistake(String text, int column, String message) {
    assertThatThrownBy(() -> AlertRule.parse(text))
        .isInstanceOfSatisfying(AlertSyntaxException.class, e -> assertThat(e.column()).isEqualTo(column))
        .hasMessageStartingWith("at column " + column + ": ")
        .hasMessageContaining(message);
  }

  @Test
  void aMissingNumberIsNotAnException() {
    assertThatThrownBy(() -> AlertRule.parse("rate < ./s")).isInstanceOf(AlertSyntaxException.class)
        .hasMessageContaining("expected a number");
  }
}
