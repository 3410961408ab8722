package logmon.render.dashboard;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the user has chosen, as opposed to what the data says: focus and selected row, sorts, the
 * live filters, pause, help. Immutable; {@link #onKey} is the whole state machine, so tests drive
 * it with plain key strokes and no terminal. Applying a filter to the run is the sink's part: it
 * sends {@link #submitted} to the run and answers with {@link #accepted} or {@link #rejected}.
 *
 * @param queries   the live filters, one per level (each a whole expression), the one in force
 *                  last; Esc steps back one level
 * @param draft     the expression being typed after {@code /}, or null when not typing
 * @param error     why the last expression typed was refused (shown on the prompt line), or null
 * @param submitted the expression Enter just sent from the prompt, until the sink has answered
 * @param row       the selected row of the focused panel (Enter drills down into it)
 * @param quit      set once by {@code q} or Ctrl-C; the sink then asks the run to stop
 */
record DashboardState(Panel focus, Map<Panel, Sort> sorts, List<String> queries, String draft, String error,
    String submitted, int row, boolean paused, boolean help, boolean quit) {

  /** Longer than any expression worth typing; keeps a pasted blob from growing without end. */
  static final int MAX_FILTER = logmon.core.query.Query.MAX_LENGTH;

  DashboardState {
    sorts = Map.copyOf(sorts);
    queries = List.copyOf(queries);
  }

  static DashboardState initial() {
    return new DashboardState(Panel.ENDPOINTS, Map.of(), List.of(), null, null, null, 0, false, false, false);
  }

  Sort sortOf(Panel panel) {
    return sorts.getOrDefault(panel, panel.sorts().isEmpty() ? Sort.COUNT_DESC : panel.sorts().get(0));
  }

  boolean editingFilter() {
    return draft != null;
  }

  /** The live filter in force, or null. */
  String query() {
    return queries.isEmpty() ? null : queries.get(queries.size() - 1);
  }

  DashboardState onKey(KeyStroke key) {
    return onKey(key, Panel.FOCUS_RING);
  }

  /** @param ring the focusable panels on screen now, in tab order (all of them if empty) */
  DashboardState onKey(KeyStroke key, List<Panel> ring) {
    if (key == null) {
      return this;
    }
    if (isCtrlC(key) || key.getKeyType() == KeyType.EOF) {
      return withQuit();
    }
    if (editingFilter()) {
      return onFilterKey(key);
    }
    if (help) {
      // Any key closes the help; q still quits from there.
      return isChar(key, 'q') ? withQuit() : withHelp(false);
    }
    List<Panel> focusRing = ring.isEmpty() ? Panel.FOCUS_RING : ring;
    return switch (key.getKeyType()) {
      case Tab, ArrowRight -> withFocus(step(focusRing, 1));
      case ReverseTab, ArrowLeft -> withFocus(step(focusRing, -1));
      case ArrowDown -> withRow(row + 1);
      case ArrowUp -> withRow(Math.max(0, row - 1));
      case Escape -> back();
      case Character -> onCharacter(Character.toLowerCase(key.getCharacter()), key);
      default -> this;
    };
  }

  private DashboardState onCharacter(char c, KeyStroke key) {
    if (key.isCtrlDown() || key.isAltDown()) {
      return this;
    }
    return switch (c) {
      case 'q' -> withQuit();
      case 'p', ' ' -> new DashboardState(focus, sorts, queries, draft, error, submitted, row, !paused, help, quit);
      case 's' -> cycleSort();
      // The prompt starts from the filter in force: refining it is the common case.
      case '/' -> withDraft(query() == null ? "" : query());
      case '?', 'h' -> withHelp(true);
      default -> this;
    };
  }

  private DashboardState onFilterKey(KeyStroke key) {
    return switch (key.getKeyType()) {
      case Enter -> new DashboardState(focus, sorts, queries, draft, error, draft.strip(), row, paused, help, quit);
      case Escape -> new DashboardState(focus, sorts, queries, null, null, null, row, paused, help, quit);
      case Backspace -> withDraft(draft.isEmpty() ? draft : draft.substring(0, draft.offsetByCodePoints(draft.length(), -1)));
      case Character -> key.isCtrlDown() || key.isAltDown() || draft.length() >= MAX_FILTER
          ? this
          : withDraft(draft + key.getCharacter());
      default -> this;
    };
  }

  /** The run applies {@code expression} from the next batch: a new level, the prompt closed. */
  DashboardState accepted(String expression, Panel newFocus) {
    List<String> levels = new ArrayList<>(queries);
    levels.add(expression);
    return new DashboardState(newFocus, sorts, levels, null, null, null, 0, paused, help, quit);
  }

  /** The run refused the expression: the prompt stays open with it, and says why. */
  DashboardState rejected(String why) {
    return new DashboardState(focus, sorts, queries, draft, why, null, row, paused, help, quit);
  }

  /** Every live filter gone (Enter on an empty prompt): the unfiltered figures. */
  DashboardState cleared() {
    return new DashboardState(focus, sorts, List.of(), null, null, null, 0, paused, help, quit);
  }

  /** Esc: one live filter level back. */
  private DashboardState back() {
    if (queries.isEmpty()) {
      return this;
    }
    return new DashboardState(focus, sorts, queries.subList(0, queries.size() - 1), null, null, null, 0, paused, help,
        quit);
  }

  private Panel step(List<Panel> ring, int direction) {
    int at = ring.indexOf(focus);
    if (at < 0) {
      return ring.get(0);
    }
    return ring.get(Math.floorMod(at + direction, ring.size()));
  }

  private DashboardState cycleSort() {
    List<Sort> choices = focus.sorts();
    if (choices.size() < 2) {
      return this;
    }
    Sort next = choices.get((choices.indexOf(sortOf(focus)) + 1) % choices.size());
    Map<Panel, Sort> changed = new EnumMap<>(Panel.class);
    changed.putAll(sorts);
    changed.put(focus, next);
    return new DashboardState(focus, changed, queries, draft, error, submitted, row, paused, help, quit);
  }

  private DashboardState withFocus(Panel panel) {
    return new DashboardState(panel, sorts, queries, draft, error, submitted, 0, paused, help, quit);
  }

  /** The selected row; the view and the drill-down hold it within the rows there are. */
  DashboardState withRow(int selected) {
    return new DashboardState(focus, sorts, queries, draft, error, submitted, selected, paused, help, quit);
  }

  private DashboardState withDraft(String text) {
    return new DashboardState(focus, sorts, queries, text, null, null, row, paused, help, quit);
  }

  private DashboardState withHelp(boolean shown) {
    return new DashboardState(focus, sorts, queries, draft, error, submitted, row, paused, shown, quit);
  }

  private DashboardState withQuit() {
    return new DashboardState(focus, sorts, queries, draft, error, submitted, row, paused, help, true);
  }

  private static boolean isCtrlC(KeyStroke key) {
    return key.getKeyType() == KeyType.Character && key.isCtrlDown()
        && Character.toLowerCase(key.getCharacter()) == 'c';
  }

  private static boolean isChar(KeyStroke key, char c) {
    return key.getKeyType() == KeyType.Character && !key.isCtrlDown()
        && Character.toLowerCase(key.getCharacter()) == c;
  }
}
