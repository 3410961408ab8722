package logmon.core;

/** Where lines come from and whether they are arriving. */
public record SourceStatus(String description, State state, String detail) {

  public enum State {
    STARTING("starting"),
    CONNECTING("connecting"),
    CONNECTED("connected"),
    WAITING("connected, waiting for data"),
    DISCONNECTED("disconnected, retrying"),
    ENDED("input ended");

    private final String label;

    State(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public SourceStatus withState(State newState, String newDetail) {
    return new SourceStatus(description, newState, newDetail);
  }
}
