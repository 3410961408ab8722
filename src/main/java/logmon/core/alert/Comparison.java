package logmon.core.alert;

/** The comparisons a rule may make. */
public enum Comparison {
  ABOVE(">"), AT_LEAST(">="), BELOW("<"), AT_MOST("<=");

  private final String symbol;

  Comparison(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  boolean test(double value, double threshold) {
    return switch (this) {
      case ABOVE -> value > threshold;
      case AT_LEAST -> value >= threshold;
      case BELOW -> value < threshold;
      case AT_MOST -> value <= threshold;
    };
  }

  static Comparison of(String symbol) {
    for (Comparison comparison : values()) {
      if (comparison.symbol.equals(symbol)) {
        return comparison;
      }
    }
    return null;
  }
}
