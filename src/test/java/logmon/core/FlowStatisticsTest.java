package logmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** Shed counts and the newest log time travel with the data like every other statistic. */
class FlowStatisticsTest {

  private static final String LINE_AT_16_05_49 =
      "10.0.0.1 - - [07/Mar/2004:16:05:49 -0800] \"GET /a HTTP/1.1\" 200 10";
  private static final String LINE_AT_16_06_51 =
      "10.0.0.2 - - [07/Mar/2004:16:06:51 -0800] \"GET /b HTTP/1.1\" 200 10";
  private static final long EPOCH_16_06_51 = java.time.OffsetDateTime.parse("2004-03-07T16:06:51-08:00").toEpochSecond();

  private static TrafficStats stats(TallyTable table) {
    StatsAccumulator accumulator = new StatsAccumulator(10, 0);
    table.forEach(accumulator::add);
    return accumulator.result();
  }

  @Test
  void shedCountsAddUpAndAreNeitherRequestsNorMalformedNorLines() {
    TallyTable table = new TallyTable();
    table.addLine(LINE_AT_16_05_49);
    table.addShed(1000);
    table.addShed(234);
    table.addBatchMarkers(0, "source");
    TrafficStats stats = stats(table);
    assertThat(stats.shed()).isEqualTo(1234);
    assertThat(stats.requests()).isEqualTo(1);
    assertThat(stats.malformed()).isZero();
    assertThat(stats.sourceLines()).containsEntry("source", 1L);
  }

  @Test
  void theNewestLogTimeIsTheLatestOfMergedTablesAndSurvivesSerialisation() throws Exception {
    TallyTable later = new TallyTable();
    later.addLine(LINE_AT_16_06_51);
    TallyTable earlier = new TallyTable();
    earlier.addLine(LINE_AT_16_05_49);
    TallyTable batch = new TallyTable().merge(roundTrip(earlier)).merge(roundTrip(later));
    batch.addBatchMarkers(0);
    assertThat(stats(batch).newestLogSecond()).isEqualTo(EPOCH_16_06_51);
  }

  @Test
  void withoutAParsedLineTheNewestLogTimeIsUnknown() {
    TallyTable table = new TallyTable();
    table.addLine("not a log line");
    table.addBatchMarkers(0);
    assertThat(stats(table).newestLogSecond()).isNull();
  }

  private static TallyTable roundTrip(TallyTable table) throws Exception {
    var bytes = new ByteArrayOutputStream();
    try (var out = new ObjectOutputStream(bytes)) {
      out.writeObject(table);
    }
    try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (TallyTable) in.readObject();
    }
  }
}
