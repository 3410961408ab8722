package logmon.render.dashboard;

import java.util.Comparator;
import logmon.core.Ranked;

/** How a ranked panel orders its entries; {@code s} cycles through a panel's sorts. */
enum Sort {
  COUNT_DESC("count ↓", Ranked.BY_COUNT_THEN_NAME),
  NAME_ASC("name ↑", Comparator.comparing(Ranked::name).thenComparing(Ranked.BY_COUNT_THEN_NAME)),
  /** Response codes are names too, but people call them codes. */
  CODE_ASC("code ↑", Comparator.comparing(Ranked::name));

  private final String label;
  private final Comparator<Ranked> order;

  Sort(String label, Comparator<Ranked> order) {
    this.label = label;
    this.order = order;
  }

  String label() {
    return label;
  }

  Comparator<Ranked> order() {
    return order;
  }
}
