package logmon.spark;

/** A cluster master that refuses, does not resolve or does not answer: logmon exits with status 1. */
public final class MasterUnreachableException extends RuntimeException {

  public MasterUnreachableException(String master, String why) {
    super("cannot reach the Spark master " + master + " (" + why + ")");
  }
}
