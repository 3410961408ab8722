package logmon.core;

import java.io.Serializable;
import java.util.Comparator;

/** A name with its count, as shown in the ranked lists (endpoints, clients). */
public record Ranked(String name, long count) implements Serializable {

  /** Count descending, then name ascending: the same order on every run and every machine. */
  public static final Comparator<Ranked> BY_COUNT_THEN_NAME =
      Comparator.comparingLong(Ranked::count).reversed().thenComparing(Ranked::name);
}
