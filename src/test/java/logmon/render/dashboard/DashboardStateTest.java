package logmon.render.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import logmon.core.Ranked;
import org.junit.jupiter.api.Test;

/** The state machine behind the keys, driven with plain key strokes. */
class DashboardStateTest {

  private static KeyStroke key(char c) {
    return new KeyStroke(c, false, false);
  }

  private static KeyStroke key(KeyType type) {
    return new KeyStroke(type);
  }

  private static DashboardState press(DashboardState state, Object... keys) {
    for (Object k : keys) {
      if (k instanceof KeyType type) {
        state = state.onKey(key(type));
      } else if (k instanceof String text) {
        for (char c : text.toCharArray()) {
          state = state.onKey(key(c));
        }
      } else {
        state = state.onKey((KeyStroke) k);
      }
    }
    return state;
  }

  @Test
  void startsOnEndpointsUnpausedUnfilteredSortedByCount() {
    DashboardState state = DashboardState.initial();

    assertThat(state.focus()).isEqualTo(Panel.ENDPOINTS);
    assertThat(state.paused()).isFalse();
    assertThat(state.filter()).isEmpty();
    assertThat(state.editingFilter()).isFalse();
    assertThat(state.sortOf(Panel.ENDPOINTS)).isEqualTo(Sort.COUNT_DESC);
    assertThat(state.sortOf(Panel.STATUS)).isEqualTo(Sort.CODE_ASC);
    assertThat(state.quit()).isFalse();
  }

  @Test
  void pTogglesPause() {
    DashboardState paused = press(DashboardState.initial(), "p");
    assertThat(paused.paused()).isTrue();
    assertThat(press(paused, "p").paused()).isFalse();
    assertThat(press(paused, "P").paused()).isFalse();
    assertThat(press(DashboardState.initial(), " ").paused()).isTrue();
  }

  @Test
  void tabAndArrowsMoveFocusRoundTheRing() {
    DashboardState state = DashboardState.initial();
    assertThat(press(state, KeyType.Tab).focus()).isEqualTo(Panel.STATUS);
    assertThat(press(state, KeyType.Tab, KeyType.Tab).focus()).isEqualTo(Panel.ERROR_ENDPOINTS);
    assertThat(press(state, KeyType.Tab, KeyType.Tab, KeyType.Tab, KeyType.Tab).focus()).isEqualTo(Panel.HOSTS);
    assertThat(press(state, KeyType.Tab, KeyType.Tab, KeyType.Tab, KeyType.Tab, KeyType.Tab).focus())
        .isEqualTo(Panel.ENDPOINTS);
    assertThat(press(state, KeyType.ReverseTab).focus()).isEqualTo(Panel.HOSTS);
    assertThat(press(state, KeyType.ArrowRight).focus()).isEqualTo(Panel.STATUS);
    assertThat(press(state, KeyType.ArrowDown).focus()).isEqualTo(Panel.STATUS);
    assertThat(press(state, KeyType.ArrowLeft).focus()).isEqualTo(Panel.HOSTS);
    assertThat(press(state, KeyType.ArrowUp).focus()).isEqualTo(Panel.HOSTS);
  }

  @Test
  void focusOnlyVisitsThePanelsOnScreen() {
    List<Panel> shown = List.of(Panel.ENDPOINTS, Panel.STATUS);
    DashboardState state = DashboardState.initial().onKey(key(KeyType.Tab), shown).onKey(key(KeyType.Tab), shown);
    assertThat(state.focus()).isEqualTo(Panel.ENDPOINTS);
    // A focus on a panel that was dropped moves to the first one shown.
    DashboardState onClients = press(DashboardState.initial(), KeyType.ReverseTab);
    assertThat(onClients.onKey(key(KeyType.Tab), shown).focus()).isEqualTo(Panel.ENDPOINTS);
  }

  @Test
  void sCyclesTheSortOfTheFocusedPanelOnly() {
    DashboardState byName = press(DashboardState.initial(), "s");
    assertThat(byName.sortOf(Panel.ENDPOINTS)).isEqualTo(Sort.NAME_ASC);
    assertThat(byName.sortOf(Panel.CLIENTS)).isEqualTo(Sort.COUNT_DESC);
    assertThat(press(byName, "s").sortOf(Panel.ENDPOINTS)).isEqualTo(Sort.COUNT_DESC);

    DashboardState codes = press(DashboardState.initial(), KeyType.Tab, "s");
    assertThat(codes.sortOf(Panel.STATUS)).isEqualTo(Sort.COUNT_DESC);
    assertThat(codes.sortOf(Panel.ENDPOINTS)).isEqualTo(Sort.COUNT_DESC);
  }

  @Test
  void slashTypesAFilterEnterAppliesEscCancels() {
    DashboardState typing = press(DashboardState.initial(), "/", "api");
    assertThat(typing.editingFilter()).isTrue();
    assertThat(typing.draft()).isEqualTo("api");
    assertThat(typing.filter()).isEmpty();

    DashboardState applied = press(typing, KeyType.Enter);
    assertThat(applied.editingFilter()).isFalse();
    assertThat(applied.filter()).isEqualTo("api");

    DashboardState cancelled = press(applied, "/", KeyType.Backspace, KeyType.Backspace, KeyType.Backspace, "x",
        KeyType.Escape);
    assertThat(cancelled.filter()).isEqualTo("api");
    assertThat(cancelled.editingFilter()).isFalse();

    DashboardState edited = press(applied, "/", KeyType.Backspace, "p", KeyType.Enter);
    assertThat(edited.filter()).isEqualTo("app");

    assertThat(press(applied, KeyType.Escape).filter()).isEmpty();
  }

  @Test
  void keysTypedIntoTheFilterDoNotActAsCommands() {
    DashboardState typing = press(DashboardState.initial(), "/", "qps?");
    assertThat(typing.quit()).isFalse();
    assertThat(typing.paused()).isFalse();
    assertThat(typing.help()).isFalse();
    assertThat(typing.draft()).isEqualTo("qps?");
    assertThat(press(typing, KeyType.Backspace, KeyType.Backspace, KeyType.Backspace, KeyType.Backspace,
        KeyType.Backspace).draft()).isEmpty();
  }

  @Test
  void qAndCtrlCQuitFromAnywhere() {
    KeyStroke ctrlC = new KeyStroke('c', true, false);
    assertThat(press(DashboardState.initial(), "q").quit()).isTrue();
    assertThat(press(DashboardState.initial(), "Q").quit()).isTrue();
    assertThat(press(DashboardState.initial(), ctrlC).quit()).isTrue();
    assertThat(press(DashboardState.initial(), "/", "ab", ctrlC).quit()).isTrue();
    assertThat(press(DashboardState.initial(), "?", ctrlC).quit()).isTrue();
    assertThat(press(DashboardState.initial(), "?", "q").quit()).isTrue();
    assertThat(press(DashboardState.initial(), KeyType.EOF).quit()).isTrue();
    assertThat(press(DashboardState.initial(), new KeyStroke('q', false, true)).quit()).isFalse();
  }

  @Test
  void questionMarkShowsHelpAndAnyKeyClosesIt() {
    DashboardState help = press(DashboardState.initial(), "?");
    assertThat(help.help()).isTrue();
    DashboardState closed = press(help, "p");
    assertThat(closed.help()).isFalse();
    assertThat(closed.paused()).isFalse();
  }

  @Test
  void entriesAreFilteredOnTheEscapedTextIgnoringCaseAndSorted() {
    var traffic = Fixtures.sample().traffic();
    DashboardState filtered = press(DashboardState.initial(), "/", "\\X1B", KeyType.Enter);
    assertThat(Panel.ENDPOINTS.entries(traffic, filtered)).extracting(Ranked::name)
        .containsExactly(Fixtures.TITLE_ATTACK, Fixtures.CLEAR_ATTACK);
    // The filter applies to the endpoint panel only.
    assertThat(Panel.CLIENTS.entries(traffic, filtered)).hasSize(2);

    DashboardState byName = press(DashboardState.initial(), "s");
    assertThat(Panel.ENDPOINTS.entries(traffic, byName)).extracting(Ranked::name)
        .containsExactly(Fixtures.TITLE_ATTACK, "/api/v1/orders", "/index.html", Fixtures.LONG_ENDPOINT,
            Fixtures.CLEAR_ATTACK);
    assertThat(Panel.STATUS.entries(traffic, press(DashboardState.initial(), KeyType.Tab, "s")))
        .extracting(Ranked::name).containsExactly("200", "304", "404", "500");
  }
}
