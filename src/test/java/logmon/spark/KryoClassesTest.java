package logmon.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import logmon.core.ByteStats;
import logmon.core.RawLines;
import logmon.core.RunningTotals;
import logmon.core.StatKey;
import logmon.core.StateChange;
import logmon.core.StateChanges;
import logmon.core.Tally;
import logmon.core.TallyTable;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/**
 * logmon's objects through Spark's Kryo serializer as logmon configures it ({@link
 * SparkSettings#kryoSerializer}): what comes back equals what went in, for the registered hot
 * classes, the {@code Externalizable} summaries and the logmon classes left to Java serialisation.
 */
class KryoClassesTest {

  private final SerializerInstance kryo = serializer();

  private static SerializerInstance serializer() {
    SparkConf conf = new SparkConf(false);
    SparkSettings.kryoSerializer(conf);
    return new KryoSerializer(conf).newInstance();
  }

  @SuppressWarnings("unchecked")
  private <T> T roundTrip(T value) {
    var tag = ClassTag$.MODULE$.<T>apply(value.getClass());
    return (T) kryo.deserialize(kryo.serialize(value, tag), tag);
  }

  private static final StatKey ENDPOINT = StatKey.of(StatKey.Kind.ENDPOINT, "/wiki/Ünïcode?q=1");
  private static final StatKey STATISTIC = StatKey.restore(StatKey.Kind.STATISTIC, 7 * 16 + 3, "agent");

  @Test
  void keysComeBackEqualWithTheirKindPartAndName() {
    for (StatKey key : List.of(ENDPOINT, STATISTIC, StatKey.REQUESTS, StatKey.of(StatKey.Kind.CLIENT, ""))) {
      StatKey back = roundTrip(key);
      assertEquals(key, back);
      assertEquals(key.hashCode(), back.hashCode());
      assertEquals(key.part(), back.part());
    }
  }

  @Test
  void talliesComeBackEqualCountersAndValuesAlike() {
    for (Tally tally : List.of(Tally.ofCount(1), Tally.ofCount(0), Tally.ofCount(Long.MAX_VALUE),
        Tally.ofValue(0), Tally.ofValue(-5), new Tally(3, 9_000_000_000L, -2, Long.MAX_VALUE), Tally.EMPTY,
        new Tally(2, 0, 0, 0))) {
      assertEquals(tally, roundTrip(tally));
    }
  }

  @Test
  void stateChangesComeBackEqualAloneAndGathered() {
    StateChange grown = new StateChange(STATISTIC, new Tally(4, 40, 1, 20), StateChange.Change.GROWN);
    StateChange fresh = new StateChange(ENDPOINT, Tally.ofCount(1), StateChange.Change.NEW);
    assertEquals(grown, roundTrip(grown));
    StateChanges gathered = new StateChanges(new java.util.ArrayList<>(List.of(grown, fresh)));
    StateChanges back = roundTrip(gathered);
    List<StateChange> list = new java.util.ArrayList<>();
    back.forEach(list::add);
    assertEquals(List.of(grown, fresh), list);
  }

  @Test
  void aTableComesBackWithEveryEntry() {
    TallyTable table = new TallyTable();
    table.addLine("10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /a HTTP/1.0\" 200 2326");
    table.addLine("not a log line");
    table.addBatchMarkers(1_000L, "socket");
    Map<StatKey, Tally> before = table.asMap();
    assertTrue(before.size() > 3);
    assertEquals(before, roundTrip(table).asMap());
  }

  @Test
  void receivedLinesComeBackWhole() {
    // On a cluster, receivers keep their blocks serialised (MEMORY_AND_DISK_SER_2).
    RawLines.Builder builder = new RawLines.Builder();
    byte[] line = "10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /ü HTTP/1.0\" 404 7".getBytes(
        java.nio.charset.StandardCharsets.UTF_8);
    builder.addLine(line, 0, line.length);
    builder.addLine(line, 0, 20);
    builder.addOversized();
    builder.addShed(3);
    RawLines lines = builder.build();
    RawLines back = roundTrip(lines);
    assertEquals(lines.lines(), back.lines());
    assertEquals(lines.shed(), back.shed());
    assertEquals(lines.bytes(), back.bytes());
    TallyTable expected = new TallyTable();
    lines.addTo(expected);
    TallyTable actual = new TallyTable();
    back.addTo(actual);
    assertEquals(expected.asMap(), actual.asMap());
  }

  @Test
  void pairsAsTheShuffleWritesThemAreSmallerThanWithJavaSerialisation() {
    var tag = ClassTag$.MODULE$.<scala.Tuple2<StatKey, Tally>>apply(scala.Tuple2.class);
    var pair = new scala.Tuple2<>(ENDPOINT, Tally.ofCount(12));
    int kryoBytes = kryo.serialize(pair, tag).remaining();
    int javaBytes = new JavaSerializer(new SparkConf(false)).newInstance().serialize(pair, tag).remaining();
    assertTrue(kryoBytes * 4 < javaBytes, "kryo " + kryoBytes + " bytes, java " + javaBytes);
  }

  @Test
  void logmonClassesLeftToJavaSerialisationStillComeBack() {
    // Records: Kryo's field serializer cannot set their final fields.
    ByteStats bytes = new ByteStats(10, 1L, 9L, 5.0);
    assertEquals(bytes, roundTrip(bytes));
    RunningTotals totals = new RunningTotals(5, 1, List.of());
    totals.update(ENDPOINT, Tally.ofCount(3), true);
    RunningTotals back = roundTrip(totals);
    assertEquals(totals.stateKeys(), back.stateKeys());
    assertEquals(totals.result(List.of()).toString(), back.result(List.of()).toString());
  }
}
