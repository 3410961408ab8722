package logmon.core.alert;

import java.time.Duration;
import logmon.core.DurationText;

/**
 * Reads a rule: {@code METRIC OP NUMBER[UNIT] [for DURATION] [when METRIC OP NUMBER[UNIT]]}, such
 * as {@code 5xx > 2% for 1m when requests >= 100}. Spaces between the parts are optional where
 * nothing is ambiguous ({@code p99>800ms}). A small hand-written scanner: the language has five
 * token kinds, and its errors must name the column.
 */
final class RuleParser {

  private final String text;
  private int pos;

  private RuleParser(String text) {
    this.text = text;
  }

  static AlertRule parse(String text) {
    return new RuleParser(text).rule();
  }

  private AlertRule rule() {
    skipSpaces();
    if (pos == text.length()) {
      throw error("empty rule; write e.g. '5xx > 2% for 1m'");
    }
    Condition condition = condition();
    Duration hold = Duration.ZERO;
    Condition guard = null;
    boolean sawFor = false;
    while (true) {
      skipSpaces();
      if (pos == text.length()) {
        break;
      }
      int start = pos;
      String word = word();
      if (word.equals("for") && !sawFor && guard == null) {
        sawFor = true;
        hold = duration();
      } else if (word.equals("when") && guard == null) {
        guard = condition();
      } else {
        pos = start;
        throw error("unexpected '" + rest() + "'; expected " + (guard != null ? "the end of the rule"
            : sawFor ? "'when' or the end of the rule" : "'for', 'when' or the end of the rule"));
      }
    }
    return new AlertRule(text.strip(), condition, hold, guard);
  }

  private Condition condition() {
    skipSpaces();
    int start = pos;
    String word = word();
    Metric metric = Metric.named(word);
    if (metric == null) {
      pos = start;
      throw error((word.isEmpty() ? "expected a figure" : "unknown figure '" + word + "'")
          + "; one of " + Metric.words());
    }
    skipSpaces();
    start = pos;
    while (pos < text.length() && "<>=!".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    Comparison comparison = Comparison.of(text.substring(start, pos));
    if (comparison == null) {
      pos = start;
      throw error("expected a comparison (>, >=, <, <=) after '" + metric.word() + "'");
    }
    skipSpaces();
    double number = number();
    int unitStart = pos;
    skipSpaces();
    int afterSpaces = pos;
    String unit = unit();
    if (unit.equals("for") || unit.equals("when")) {
      unit = ""; // the next clause: the unit is missing, not wrong
    }
    Double factor = metric.kind().factor(unit);
    if (factor == null && !unit.isEmpty() && metric.kind() == Metric.Kind.COUNT) {
      pos = afterSpaces; // "requests >= 100 for": the word is the next clause, not a unit
      return new Condition(metric, comparison, number);
    }
    if (factor == null) {
      pos = unit.isEmpty() ? unitStart : afterSpaces;
      throw error((unit.isEmpty() ? "missing unit" : "unit '" + unit + "' does not fit") + " after "
          + formatNumber(number) + ": " + metric.word() + " takes " + metric.kind().allowed());
    }
    if (unit.isEmpty()) {
      pos = unitStart;
    }
    if (metric.kind() == Metric.Kind.SHARE && number > 100) {
      pos = unitStart;
      throw error("a share cannot exceed 100%");
    }
    return new Condition(metric, comparison, number * factor);
  }

  private double number() {
    int start = pos;
    while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
      pos++;
    }
    try {
      if (start == pos) {
        throw new NumberFormatException();
      }
      return Double.parseDouble(text.substring(start, pos));
    } catch (NumberFormatException e) {
      pos = start;
      throw error("expected a number");
    }
  }

  /** {@code %}, {@code ms}, {@code /s}: letters, optionally after one {@code %} or {@code /}. */
  private String unit() {
    int start = pos;
    if (pos < text.length() && (text.charAt(pos) == '%' || text.charAt(pos) == '/')) {
      pos++;
    }
    while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private Duration duration() {
    skipSpaces();
    int start = pos;
    while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
    try {
      return DurationText.parse(text.substring(start, pos));
    } catch (IllegalArgumentException e) {
      pos = start;
      throw error("after 'for', " + (start == text.length() ? "expected a duration such as 1m" : e.getMessage()));
    }
  }

  private String word() {
    int start = pos;
    while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private void skipSpaces() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private String rest() {
    return text.substring(pos).strip();
  }

  private static String formatNumber(double number) {
    return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
  }

  private AlertSyntaxException error(String message) {
    return new AlertSyntaxException(pos + 1, message);
  }
}
