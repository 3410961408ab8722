package logmon.render.dashboard;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the user has chosen, as opposed to what the data says: focus, sorts, the endpoint
 * filter, pause, help. Immutable; {@link #onKey} is the whole state machine, so tests drive it
 * with plain key strokes and no terminal.
 *
 * @param filter    applied endpoint filter, "" for none
 * @param draft     the filter being typed after {@code /}, or null when not typing
 * @param quit      set once by {@code q} or Ctrl-C; the sink then asks the run to stop
 */
record DashboardState(Panel focus, Map<Panel, Sort> sorts, String filter, String draft,
    boolean paused, boolean help, boolean quit) {

  /** Long enough for any path worth typing; keeps a pasted blob from growing without end. */
  static final int MAX_FILTER = 200;

  DashboardState {
    sorts = Map.copyOf(sorts);
  }

  static DashboardState initial() {
    return new DashboardState(Panel.ENDPOINTS, Map.of(), "", null, false, false, false);
  }

  Sort sortOf(Panel panel) {
    return sorts.getOrDefault(panel, panel.sorts().isEmpty() ? Sort.COUNT_DESC : panel.sorts().get(0));
  }

  boolean editingFilter() {
    return draft != null;
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
      case Tab, ArrowRight, ArrowDown -> withFocus(step(focusRing, 1));
      case ReverseTab, ArrowLeft, ArrowUp -> withFocus(step(focusRing, -1));
      case Escape -> withFilter("");
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
      case 'p', ' ' -> new DashboardState(focus, sorts, filter, draft, !paused, help, quit);
      case 's' -> cycleSort();
      case '/' -> new DashboardState(focus, sorts, filter, filter, paused, help, quit);
      case '?', 'h' -> withHelp(true);
      default -> this;
    };
  }

  private DashboardState onFilterKey(KeyStroke key) {
    return switch (key.getKeyType()) {
      case Enter -> new DashboardState(focus, sorts, draft.strip(), null, paused, help, quit);
      case Escape -> new DashboardState(focus, sorts, filter, null, paused, help, quit);
      case Backspace -> withDraft(draft.isEmpty() ? draft : draft.substring(0, draft.offsetByCodePoints(draft.length(), -1)));
      case Character -> key.isCtrlDown() || key.isAltDown() || draft.length() >= MAX_FILTER
          ? this
          : withDraft(draft + key.getCharacter());
      default -> this;
    };
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
    return new DashboardState(focus, changed, filter, draft, paused, help, quit);
  }

  private DashboardState withFocus(Panel panel) {
    return new DashboardState(panel, sorts, filter, draft, paused, help, quit);
  }

  private DashboardState withFilter(String text) {
    return new DashboardState(focus, sorts, text, draft, paused, help, quit);
  }

  private DashboardState withDraft(String text) {
    return new DashboardState(focus, sorts, filter, text, paused, help, quit);
  }

  private DashboardState withHelp(boolean shown) {
    return new DashboardState(focus, sorts, filter, draft, paused, shown, quit);
  }

  private DashboardState withQuit() {
    return new DashboardState(focus, sorts, filter, draft, paused, help, true);
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
