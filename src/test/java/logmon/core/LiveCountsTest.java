package logmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import logmon.core.format.LineParser;
import org.junit.jupiter.api.Test;

/** The live filter's figures: counted from the filter's first batch, afresh for each new filter. */
class LiveCountsTest {

  private static final long T = 1_800_000_000_000L;
  private static final ViewSpec WINDOW = ViewSpec.window(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(1));
  private static final ViewSpec CUMULATIVE = ViewSpec.cumulative(Duration.ofSeconds(1));

  private static TallyTable batch(long millis, String path, int requests) {
    TallyTable table = new TallyTable(LineParser.of("common"));
    for (int i = 0; i < requests; i++) {
      table.addLine("10.0.0.1 - - [07/Mar/2004:16:05:49 -0800] \"GET " + path + " HTTP/1.1\" 200 10");
    }
    table.addBatchMarkers(millis, "src");
    return table;
  }

  @Test
  void windowModeCountsTheFiltersBatchesInsideTheWindowOnly() {
    LiveCounts counts = new LiveCounts(WINDOW, 10, 0, List.of());

    assertThat(counts.add(1, T, batch(T, "/a", 2)).requests()).isEqualTo(2);
    assertThat(counts.add(1, T + 1000, batch(T + 1000, "/a", 3)).requests()).isEqualTo(5);
    assertThat(counts.add(1, T + 2000, batch(T + 2000, "/a", 4)).requests()).isEqualTo(9);
    TrafficStats slid = counts.add(1, T + 3000, batch(T + 3000, "/a", 5));
    assertThat(slid.requests()).as("the first batch left the 3 s window").isEqualTo(12);
    assertThat(slid.batches()).hasSize(3);
    assertThat(slid.topEndpoints()).containsExactly(new Ranked("/a", 12));
  }

  @Test
  void aNewFilterStartsFromNothingInBothModes() {
    for (ViewSpec view : List.of(WINDOW, CUMULATIVE)) {
      LiveCounts counts = new LiveCounts(view, 10, 0, List.of());
      counts.add(1, T, batch(T, "/a", 2));
      counts.add(1, T + 1000, batch(T + 1000, "/a", 3));

      TrafficStats fresh = counts.add(2, T + 2000, batch(T + 2000, "/b", 4));

      assertThat(fresh.requests()).as(view.mode() + ": nothing of the first filter").isEqualTo(4);
      assertThat(fresh.topEndpoints()).containsExactly(new Ranked("/b", 4));
      assertThat(fresh.sinceMillis()).isEqualTo(T + 2000);
    }
  }

  @Test
  void cumulativeModeAddsEverythingSinceTheFilterAndKeepsOnlyTheNewestBatchsCounts() {
    LiveCounts counts = new LiveCounts(CUMULATIVE, 10, 0, List.of());
    for (int i = 0; i < 5; i++) {
      counts.add(7, T + i * 1000L, batch(T + i * 1000L, "/a", i + 1));
    }
    TrafficStats stats = counts.add(7, T + 5000, batch(T + 5000, "/a", 10));

    assertThat(stats.requests()).isEqualTo(1 + 2 + 3 + 4 + 5 + 10);
    assertThat(stats.sinceMillis()).isEqualTo(T);
    assertThat(stats.lastBatch().requests()).as("the rate is the newest batch's").isEqualTo(10);
    assertThat(stats.batches()).hasSize(1);
  }

  @Test
  void clearLetsGoOfEverything() {
    LiveCounts counts = new LiveCounts(CUMULATIVE, 10, 0, List.of());
    counts.add(1, T, batch(T, "/a", 2));
    counts.clear();

    assertThat(counts.add(1, T + 1000, batch(T + 1000, "/a", 3)).requests()).isEqualTo(3);
  }
}
