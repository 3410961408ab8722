package logmon.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import logmon.core.ActiveFilter;
import logmon.core.BatchHealth;
import logmon.core.Snapshot;
import logmon.core.SourceStatus;
import logmon.core.StatsAccumulator;
import logmon.core.ViewSpec;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

/** The plain-text block's headline: what the figures are of. */
class PlainTextTest {

  private static final Instant TIME = Instant.parse("2026-12-05T01:02:03Z");
  private static final Instant SINCE = Instant.parse("2026-12-05T01:00:00Z");

  @Test
  void aFilterInForceIsTheLineUnderTheHeading() {
    List<String> lines = text(snapshot(new ActiveFilter("status >= 500", SINCE)));

    assertThat(lines.get(1)).isEqualTo("filtered: status >= 500 since "
        + DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault()).format(SINCE));
    assertThat(lines.get(2)).startsWith("requests 0");
  }

  @Test
  void withoutAFilterNothingIsSaid() {
    List<String> lines = text(snapshot(null));

    assertThat(lines.get(1)).startsWith("requests 0");
    assertThat(String.join("\n", lines)).doesNotContain("filtered");
  }

  @Test
  void aLongHostileExpressionIsEscapedAndCut() {
    String expression = "path ~ '\u001b[2J" + "a".repeat(500) + "'";
    String line = text(snapshot(new ActiveFilter(expression, SINCE))).get(1);

    assertThat(line).startsWith("filtered: path ~ '\\x1b[2Jaaa").contains("a… since ").doesNotContain("\u001b");
    assertThat(line.length()).isLessThanOrEqualTo(200);
  }

  private static List<String> text(Snapshot snapshot) {
    return PlainText.lines(snapshot).stream().map(AttributedString::toString).toList();
  }

  private static Snapshot snapshot(ActiveFilter filter) {
    ViewSpec view = ViewSpec.window(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(1));
    SourceStatus source = new SourceStatus("127.0.0.1:9999", SourceStatus.State.CONNECTED, null);
    return new Snapshot(TIME, view, new StatsAccumulator(10, 10).result(), BatchHealth.NONE, source,
        List.of(source), filter);
  }
}
