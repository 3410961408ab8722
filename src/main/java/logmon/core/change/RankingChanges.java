package logmon.core.change;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One ranking's entries against the same ranking one period earlier: by place (for lists shown
 * in their own order: JSON, plain text) and by key (for lists a renderer re-sorts or filters).
 */
public final class RankingChanges {

  private final List<RankChange> byPlace;
  private final Map<String, RankChange> byKey;

  private RankingChanges(List<RankChange> byPlace, Map<String, RankChange> byKey) {
    this.byPlace = byPlace;
    this.byKey = byKey;
  }

  /** {@code now}'s entries against {@code before}'s: both are keys, best first. */
  public static RankingChanges compare(List<String> before, List<String> now) {
    Map<String, Integer> placeBefore = new HashMap<>();
    for (int i = 0; i < before.size(); i++) {
      placeBefore.putIfAbsent(before.get(i), i + 1);
    }
    List<RankChange> byPlace = new ArrayList<>(now.size());
    Map<String, RankChange> byKey = new HashMap<>();
    for (int i = 0; i < now.size(); i++) {
      Integer previous = placeBefore.get(now.get(i));
      RankChange change = new RankChange(i + 1, previous == null, previous);
      byPlace.add(change);
      byKey.putIfAbsent(now.get(i), change);
    }
    return new RankingChanges(List.copyOf(byPlace), Map.copyOf(byKey));
  }

  /** The entry at {@code index} (from 0), or {@link RankChange#UNKNOWN} past the end. */
  public RankChange at(int index) {
    return index >= 0 && index < byPlace.size() ? byPlace.get(index) : RankChange.UNKNOWN;
  }

  /** The entry with this key, or {@link RankChange#UNKNOWN} if the ranking has none. */
  public RankChange of(String key) {
    return byKey.getOrDefault(key, RankChange.UNKNOWN);
  }

  /** Every entry, best first. */
  public List<RankChange> entries() {
    return byPlace;
  }
}
