package logmon.render.dashboard;

/**
 * Enter on a row of a ranking: the filter that narrows every panel to that row — an endpoint to its
 * clients, codes and latency, a client or a host to its endpoints — and which panel to look at then.
 * The row's text goes into the expression as a quoted value, never as syntax.
 */
final class DrillDown {

  /** The filter to apply and the panel to focus. */
  record Step(String expression, Panel focus) {}

  private DrillDown() {}

  /**
   * @param current the live filter in force (narrowed further), or null
   * @return the step, or null when the panel's rows are not something to drill into
   */
  static Step of(Panel panel, String value, String current) {
    String field;
    Panel next;
    switch (panel) {
      case ENDPOINTS, ERROR_ENDPOINTS -> {
        field = "endpoint"; // the row's text exactly: path and query, as the panel shows it
        next = Panel.CLIENTS;
      }
      case CLIENTS -> {
        field = "client";
        next = Panel.ENDPOINTS;
      }
      case HOSTS -> {
        field = "host";
        next = Panel.ENDPOINTS;
      }
      default -> {
        return null;
      }
    }
    String quoted = quote(value);
    if (quoted == null) {
      return null;
    }
    String condition = field + " == " + quoted;
    return new Step(current == null ? condition : "(" + current + ") and " + condition, next);
  }

  /**
   * The value as a quoted string of the query language, in which a backslash is kept as it is and
   * only {@code \'} stands for the quote: null for a value that ends in a backslash, which no
   * quoting can close.
   */
  static String quote(String value) {
    if (value.endsWith("\\")) {
      return null;
    }
    return "'" + value.replace("'", "\\'") + "'";
  }
}
