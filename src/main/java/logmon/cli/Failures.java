package logmon.cli;

/** A failure as one line for people: its message, not a class name and a stack trace. */
final class Failures {

  private Failures() {}

  static String describe(Throwable failure) {
    Throwable shown = failure;
    // The innermost message says most ("Connection refused"), the outer ones where it happened;
    // keep the outermost one that has a message of its own.
    while ((shown.getMessage() == null || shown.getMessage().isBlank()) && shown.getCause() != null) {
      shown = shown.getCause();
    }
    String message = shown.getMessage();
    if (message == null || message.isBlank()) {
      return shown.getClass().getSimpleName();
    }
    String firstLine = message.strip().lines().findFirst().orElse(message);
    return firstLine.length() > 300 ? firstLine.substring(0, 300) + "…" : firstLine;
  }
}
