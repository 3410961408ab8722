package logmon.cli;

/** A bad option or combination: reported as one line on stderr, exit code 2. */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }
}
