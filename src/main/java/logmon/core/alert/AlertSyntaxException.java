package logmon.core.alert;

/** A rule that cannot be read; the message names the column (1-based) where reading stopped. */
public final class AlertSyntaxException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;
  private final int column;

  AlertSyntaxException(int column, String message) {
    super("at column " + column + ": " + message);
    this.column = column;
  }

  public int column() {
    return column;
  }
}
