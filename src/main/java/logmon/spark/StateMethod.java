package logmon.spark;

/**
 * How cumulative mode keeps its running totals in Spark state. updateStateByKey rewrites every
 * key in state each batch (cost grows with the state); mapWithState touches only the keys the
 * batch brings (cost grows with the batch).
 */
public enum StateMethod {
  UPDATE_STATE_BY_KEY("updateStateByKey"),
  MAP_WITH_STATE("mapWithState");

  private final String label;

  StateMethod(String label) {
    this.label = label;
  }

  /** The Spark method's name, as --state takes it. */
  public String label() {
    return label;
  }

  public static StateMethod fromLabel(String label) {
    for (StateMethod method : values()) {
      if (method.label.equals(label)) {
        return method;
      }
    }
    throw new IllegalArgumentException("'" + label + "' is not a state method (updateStateByKey or mapWithState)");
  }
}
