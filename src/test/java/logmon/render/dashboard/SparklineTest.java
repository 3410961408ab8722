package logmon.render.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SparklineTest {

  @Test
  void oneLevelPerEighthScaledToTheLargestValue() {
    assertThat(Sparkline.line(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, 9)).isEqualTo(" ▁▂▃▄▅▆▇█");
    assertThat(Sparkline.line(new double[] {0, 100, 200, 300, 400, 500, 600, 700, 800}, 9)).isEqualTo(" ▁▂▃▄▅▆▇█");
  }

  @Test
  void newestOnTheRightAndShortHistoryIsPaddedOnTheLeft() {
    assertThat(Sparkline.line(new double[] {4, 8}, 5)).isEqualTo("   ▄█");
  }

  @Test
  void onlyTheLastWidthValuesAreShownAndScaled() {
    // 1000 scrolled out of view: the rest is scaled to 8, not to 1000.
    assertThat(Sparkline.line(new double[] {1000, 2, 4, 8}, 3)).isEqualTo("▂▄█");
  }

  @Test
  void aTrickleStaysVisibleAndZeroIsBlank() {
    assertThat(Sparkline.line(new double[] {0, 0.01, 1000}, 3)).isEqualTo(" ▁█");
    assertThat(Sparkline.line(new double[] {0, 0, 0}, 3)).isEqualTo("   ");
    assertThat(Sparkline.line(new double[0], 4)).isEqualTo("    ");
  }

  @Test
  void tallSparklinesStackFullBlocksUnderThePartialOne() {
    assertThat(Sparkline.rows(new double[] {16, 8, 4, 0}, 4, 2)).containsExactly("█   ", "██▄ ");
    assertThat(Sparkline.rows(new double[] {12, 16}, 2, 2)).containsExactly("▄█", "██");
  }

  @Test
  void degenerateSizesGiveNothing() {
    assertThat(Sparkline.rows(new double[] {1, 2}, 0, 3)).isEmpty();
    assertThat(Sparkline.rows(new double[] {1, 2}, 3, 0)).isEmpty();
    assertThat(Sparkline.line(new double[] {Double.NaN, 1}, 2)).isEqualTo(" █");
  }

  @Test
  void groupsAreMeansAlignedToTheAbsolutePositionSoColumnsDoNotReshuffle() {
    assertThat(Sparkline.grouped(new double[] {1, 2, 3, 4, 5, 6}, 6, 3)).containsExactly(2, 5);
    assertThat(Sparkline.grouped(new double[] {1, 2, 3, 4, 5, 6, 7}, 7, 3)).containsExactly(2, 5, 7);
    // The ring dropped the first value: the oldest group is partial, the others unchanged.
    assertThat(Sparkline.grouped(new double[] {2, 3, 4, 5, 6, 7}, 7, 3)).containsExactly(2.5, 5, 7);
    assertThat(Sparkline.grouped(new double[] {1, 2}, 2, 1)).containsExactly(1, 2);
    assertThat(Sparkline.grouped(new double[0], 0, 3)).isEmpty();
  }

  @Test
  void narrowTerminalsGroupSnapshotsToSpanAFewMinutes() {
    var everySecond = Fixtures.WINDOW;
    var everyTenSeconds = logmon.core.ViewSpec.window(java.time.Duration.ofSeconds(1),
        java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(10));
    assertThat(PanelView.perColumn(everySecond, 80)).isEqualTo(3);
    assertThat(PanelView.perColumn(everySecond, 200)).isEqualTo(1);
    assertThat(PanelView.perColumn(everyTenSeconds, 80)).isEqualTo(1);
    assertThat(PanelView.perColumn(logmon.core.ViewSpec.cumulative(java.time.Duration.ofMillis(500)), 100))
        .isEqualTo(4);
    assertThat(PanelView.perColumn(everySecond, 0)).isGreaterThanOrEqualTo(1);
  }

  @Test
  void rateHistoryKeepsTheNewestValuesOldestFirst() {
    RateHistory history = new RateHistory(3);
    assertThat(history.values()).isEmpty();
    for (int i = 1; i <= 5; i++) {
      history.add(i);
    }
    assertThat(history.values()).containsExactly(3, 4, 5);
    assertThat(history.seen()).isEqualTo(5);
  }

  @Test
  void barsAreExactWidthInEighths() {
    assertThat(Bars.of(0, 10, 5)).isEqualTo("     ");
    assertThat(Bars.of(10, 10, 5)).isEqualTo("█████");
    assertThat(Bars.of(5, 10, 5)).isEqualTo("██▌  ");
    assertThat(Bars.of(1, 1_000_000, 5)).isEqualTo("▏    ");
    assertThat(Bars.of(20, 10, 3)).isEqualTo("███");
    assertThat(Bars.of(3, 0, 3)).isEqualTo("   ");
    assertThat(Bars.of(3, 3, 0)).isEmpty();
  }

  @Test
  void cellsCountWideCharactersTwiceAndCutWithAnEllipsis() {
    assertThat(Cells.fit("/abcdef", 4)).isEqualTo("/ab…");
    assertThat(Cells.fit("/漢字漢字", 6)).isEqualTo("/漢字…");
    assertThat(Cells.width(Cells.fit("/漢字漢字漢字", 6))).isLessThanOrEqualTo(6);
    assertThat(Cells.fit("/\u001b[2J", 40)).isEqualTo("/\\x1b[2J");
    assertThat(Cells.fit("anything", 0)).isEmpty();
    assertThat(Cells.fit("anything", 1)).isEqualTo("…");
  }
}
