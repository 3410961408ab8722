package logmon.render;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import logmon.core.ActiveFilter;

/**
 * "filtered: status >= 500 since 14:02:11", in the same words on every renderer: a reader must
 * see at a glance that the figures are of matching lines only, and from when. The expression is
 * the user's text, shown sanitised (a pasted escape sequence is shown, not run).
 */
public final class FilterText {

  public static final String LABEL = "filtered: ";

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private FilterText() {}

  /** " since 14:02:11", or when the filter has no start yet, that it starts with the next batch. */
  public static String since(ActiveFilter filter) {
    return filter.since() == null ? " from the next batch" : " since " + CLOCK.format(filter.since());
  }

  /** The whole line, the expression cut (with an ellipsis) so that it takes at most {@code width} characters. */
  public static String describe(ActiveFilter filter, int width) {
    String since = since(filter);
    int room = Math.max(8, width - LABEL.length() - since.length());
    return LABEL + Sanitizer.fit(filter.expression(), room) + since;
  }
}
