package logmon.core.query;

/** An expression that does not compile; the message names the 1-based position and what was expected. */
public final class QueryException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final int position;

  /** @param index 0-based index in the expression */
  QueryException(int index, String what) {
    super("position " + (index + 1) + ": " + what);
    this.position = index + 1;
  }

  /** 1-based. */
  public int position() {
    return position;
  }
}
