package logmon.core;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Where lines come from and whether they are arriving. */
public record SourceStatus(String description, State state, String detail) {

  /** States from the most to the least worrying, so several sources show the worst one. */
  public enum State {
    DISCONNECTED("disconnected, retrying"),
    CONNECTING("connecting"),
    STARTING("starting"),
    WAITING("connected, waiting for data"),
    ENDED("input ended"),
    CONNECTED("connected"),
    WATCHING("watching");

    private final String label;

    State(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** One status for several sources: all their names, the most worrying state and its detail. */
  public static SourceStatus combine(List<SourceStatus> sources) {
    if (sources.size() == 1) {
      return sources.get(0);
    }
    SourceStatus worst = sources.stream().min(Comparator.comparing(SourceStatus::state)).orElseThrow();
    String names = sources.stream().map(SourceStatus::description).collect(Collectors.joining(", "));
    String detail = worst.detail() == null ? worst.description() : worst.description() + ": " + worst.detail();
    return new SourceStatus(names, worst.state(), detail);
  }

  public SourceStatus withState(State newState, String newDetail) {
    return new SourceStatus(description, newState, newDetail);
  }
}
