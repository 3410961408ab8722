package logmon.core.alert;

import java.time.Duration;

/**
 * One {@code --alert}: a condition that must hold for {@code hold} before the rule fires (and stop
 * holding as long before it resolves), only while the guard holds too.
 *
 * @param text  the rule as the user wrote it, which names it everywhere
 * @param hold  zero when the rule has no {@code for}
 * @param guard null when the rule has no {@code when}
 */
public record AlertRule(String text, Condition condition, Duration hold, Condition guard) {

  public static AlertRule parse(String text) {
    return RuleParser.parse(text);
  }
}
