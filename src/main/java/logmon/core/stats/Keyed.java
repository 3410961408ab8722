package logmon.core.stats;

import java.io.Serializable;
import java.util.Comparator;
import java.util.List;

/** A ranked key of one or more fields' values, with its count. */
public record Keyed(List<String> key, long count) implements Serializable {

  /** Count descending, then the key's values in order: the same order on every run. */
  static final TopN.SerializableOrder<Keyed> BY_COUNT_THEN_KEY = (a, b) -> {
    int byCount = Long.compare(b.count(), a.count());
    if (byCount != 0) {
      return byCount;
    }
    for (int i = 0; i < Math.min(a.key().size(), b.key().size()); i++) {
      int byValue = a.key().get(i).compareTo(b.key().get(i));
      if (byValue != 0) {
        return byValue;
      }
    }
    return Integer.compare(a.key().size(), b.key().size());
  };

  /** The values as one name: "404 /missing". */
  public String name() {
    return String.join(" ", key);
  }

  static Comparator<Keyed> order() {
    return BY_COUNT_THEN_KEY;
  }
}
