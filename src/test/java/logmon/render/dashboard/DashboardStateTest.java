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
    assertThat(state.query()).isNull();
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
  void tabAndSideArrowsMoveFocusRoundTheRing() {
    DashboardState state = DashboardState.initial();
    assertThat(press(state, KeyType.Tab).focus()).isEqualTo(Panel.STATUS);
    assertThat(press(state, KeyType.Tab, KeyType.Tab).focus()).isEqualTo(Panel.ERROR_ENDPOINTS);
    assertThat(press(state, KeyType.Tab, KeyType.Tab, KeyType.Tab, KeyType.Tab).focus()).isEqualTo(Panel.HOSTS);
    assertThat(press(state, KeyType.Tab, KeyType.Tab, KeyType.Tab, KeyType.Tab, KeyType.Tab).focus())
        .isEqualTo(Panel.ENDPOINTS);
    assertThat(press(state, KeyType.ReverseTab).focus()).isEqualTo(Panel.HOSTS);
    assertThat(press(state, KeyType.ArrowRight).focus()).isEqualTo(Panel.STATUS);
    assertThat(press(state, KeyType.ArrowLeft).focus()).isEqualTo(Panel.HOSTS);
  }

  @Test
  void upAndDownSelectARowOfTheFocusedPanelAndAnotherPanelStartsAtTheTop() {
    DashboardState third = press(DashboardState.initial(), KeyType.ArrowDown, KeyType.ArrowDown);
    assertThat(third.focus()).isEqualTo(Panel.ENDPOINTS);
    assertThat(third.row()).isEqualTo(2);
    assertThat(press(third, KeyType.ArrowUp).row()).isEqualTo(1);
    assertThat(press(DashboardState.initial(), KeyType.ArrowUp).row()).isZero();
    assertThat(press(third, KeyType.Tab).row()).isZero();
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
  void slashTypesAnExpressionEnterSubmitsItEscCancels() {
    DashboardState typing = press(DashboardState.initial(), "/", "status >= 500");
    assertThat(typing.editingFilter()).isTrue();
    assertThat(typing.draft()).isEqualTo("status >= 500");
    assertThat(typing.query()).isNull();

    DashboardState submitted = press(typing, KeyType.Enter);
    assertThat(submitted.submitted()).as("for the run to check").isEqualTo("status >= 500");
    assertThat(submitted.query()).as("not in force until the run accepts it").isNull();

    DashboardState refused = submitted.rejected("position 8: expected a value");
    assertThat(refused.editingFilter()).isTrue();
    assertThat(refused.draft()).isEqualTo("status >= 500");
    assertThat(refused.error()).isEqualTo("position 8: expected a value");
    assertThat(refused.submitted()).isNull();
    assertThat(press(refused, "0").error()).as("typing on clears the message").isNull();

    DashboardState applied = submitted.accepted("status >= 500", Panel.ENDPOINTS);
    assertThat(applied.editingFilter()).isFalse();
    assertThat(applied.query()).isEqualTo("status >= 500");

    DashboardState cancelled = press(applied, "/", KeyType.Backspace, "x", KeyType.Escape);
    assertThat(cancelled.query()).isEqualTo("status >= 500");
    assertThat(cancelled.editingFilter()).isFalse();
    assertThat(press(applied, "/").draft()).as("the prompt starts from the filter in force").isEqualTo("status >= 500");
  }

  @Test
  void escStepsBackOneLevelAtATime() {
    DashboardState two = DashboardState.initial().accepted("status >= 500", Panel.ENDPOINTS)
        .accepted("(status >= 500) and client == a", Panel.ENDPOINTS);
    assertThat(two.queries()).hasSize(2);

    DashboardState one = press(two, KeyType.Escape);
    assertThat(one.query()).isEqualTo("status >= 500");
    assertThat(press(one, KeyType.Escape).query()).isNull();
    assertThat(press(one, KeyType.Escape, KeyType.Escape).query()).isNull();
    assertThat(two.cleared().queries()).isEmpty();
  }

  @Test
  void drillingDownQuotesTheRowAndNarrowsTheFilterInForce() {
    assertThat(DrillDown.of(Panel.ENDPOINTS, "/a?b=1", null))
        .isEqualTo(new DrillDown.Step("endpoint == '/a?b=1'", Panel.CLIENTS));
    assertThat(DrillDown.of(Panel.ERROR_ENDPOINTS, "/it's", null).expression()).isEqualTo("endpoint == '/it\\'s'");
    assertThat(DrillDown.of(Panel.CLIENTS, "10.0.0.1", "status == 5xx"))
        .isEqualTo(new DrillDown.Step("(status == 5xx) and client == '10.0.0.1'", Panel.ENDPOINTS));
    assertThat(DrillDown.of(Panel.HOSTS, "shop.example", null).expression()).isEqualTo("host == 'shop.example'");
    assertThat(DrillDown.of(Panel.STATUS, "404", null)).isNull();
    assertThat(DrillDown.of(Panel.ENDPOINTS, "/ends\\", null)).as("no quoting closes it").isNull();
    // What the query language reads back is the row's text exactly.
    for (String value : List.of("/it's", "/a\\'b", "/x\\y", "/\u001b]0;t\u0007", "/[a](b)~==q,x")) {
      String expression = DrillDown.of(Panel.ENDPOINTS, value, null).expression();
      var query = logmon.core.query.Query.compile(expression, logmon.core.format.LineParser.formats("common"));
      var line = logmon.core.format.LineParser.of("common").parse(
          "1.2.3.4 - - [07/Mar/2004:16:05:49 -0800] \"GET " + value + " HTTP/1.1\" 200 1");
      assertThat(query.test(line)).as(expression).isTrue();
    }
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
  void entriesAreSortedAsTheStateSays() {
    var traffic = Fixtures.sample().traffic();
    DashboardState byName = press(DashboardState.initial(), "s");
    assertThat(Panel.ENDPOINTS.entries(traffic, byName)).extracting(Ranked::name)
        .containsExactly(Fixtures.TITLE_ATTACK, "/api/v1/orders", "/index.html", Fixtures.LONG_ENDPOINT,
            Fixtures.CLEAR_ATTACK);
    assertThat(Panel.STATUS.entries(traffic, press(DashboardState.initial(), KeyType.Tab, "s")))
        .extracting(Ranked::name).containsExactly("200", "304", "404", "500");
  }
}
