package logmon.core.format;

/** A format string that cannot be compiled; the message names the 1-based position. */
public final class FormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final int position;

  /** @param index 0-based index in the format as the user gave it */
  FormatException(int index, String what) {
    super("position " + (index + 1) + ": " + what);
    this.position = index + 1;
  }

  /** 1-based. */
  public int position() {
    return position;
  }
}
