package logmon.spark;

/** A checkpoint directory logmon must not use as it is: a message for the user, and a way out. */
public final class CheckpointException extends RuntimeException {
  public CheckpointException(String message) {
    super(message);
  }
}
