package logmon.core;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a receiver does with lines that arrive faster than logmon can count them. */
public enum OverloadPolicy {
  /** Read no faster than logmon counts: lines wait in the source (TCP, the pipe); none is lost. */
  WAIT("wait"),
  /** Keep reading at the source's speed and drop what cannot be counted, counting every drop. */
  SHED("shed");

  private final String label;

  OverloadPolicy(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static OverloadPolicy fromLabel(String label) {
    for (OverloadPolicy policy : values()) {
      if (policy.label.equals(label)) {
        return policy;
      }
    }
    throw new IllegalArgumentException("'" + label + "' is not one of "
        + Arrays.stream(values()).map(OverloadPolicy::label).collect(Collectors.joining(", ")));
  }
}
