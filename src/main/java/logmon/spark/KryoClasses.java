package logmon.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.factories.ReflectionSerializerFactory;
import com.esotericsoftware.kryo.factories.SerializerFactory;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ExternalizableSerializer;
import com.esotericsoftware.kryo.serializers.FieldSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import logmon.core.RawLines;
import logmon.core.StatKey;
import logmon.core.StateChange;
import logmon.core.StateChanges;
import logmon.core.Tally;
import logmon.core.TallyTable;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * logmon's classes for Spark's Kryo serializer ({@code spark.kryo.registrator}). Cumulative mode
 * moves each batch's (key, tally) pairs through a shuffle into the state, and writes the state
 * (over a million keys at high cardinality) to its checkpoint: Java serialisation of each pair was
 * a large part of a batch's CPU. The hot classes get compact serialisers of their own; the
 * {@code Externalizable} summaries keep their own compact form; every other logmon class is written
 * as before, with Java serialisation, so that nothing that relies on it (records, whose final
 * fields Kryo cannot set) changes. Spark's and Scala's classes get Spark's Kryo defaults.
 */
public final class KryoClasses implements KryoRegistrator {

  private static final StatKey.Kind[] KINDS = StatKey.Kind.values();
  private static final StateChange.Change[] CHANGES = StateChange.Change.values();

  @Override
  public void registerClasses(Kryo kryo) {
    kryo.setDefaultSerializer(new JavaForLogmon());
    kryo.register(StatKey.class, new StatKeySerializer());
    kryo.register(Tally.class, new TallySerializer());
    kryo.register(StateChange.class, new StateChangeSerializer());
    kryo.register(StateChanges.class, new ExternalizableSerializer());
    kryo.register(TallyTable.class, new ExternalizableSerializer());
    kryo.register(RawLines.class, new ExternalizableSerializer());
  }

  /** Java serialisation for logmon's own classes that are not registered; Kryo's default for the rest. */
  static final class JavaForLogmon implements SerializerFactory {
    /** Kryo's own default, which Spark keeps. */
    private final SerializerFactory others = new ReflectionSerializerFactory(FieldSerializer.class);

    @Override
    public Serializer<?> makeSerializer(Kryo kryo, Class<?> type) {
      return type.getName().startsWith("logmon.") ? new JavaSerializer() : others.makeSerializer(kryo, type);
    }
  }

  static final class StatKeySerializer extends Serializer<StatKey> {
    StatKeySerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output out, StatKey key) {
      out.writeByte(key.kind().ordinal());
      out.writeVarInt(key.part(), true);
      out.writeString(key.name());
    }

    @Override
    public StatKey read(Kryo kryo, Input in, Class<StatKey> type) {
      StatKey.Kind kind = KINDS[in.readByte()];
      int part = in.readVarInt(true);
      return StatKey.restore(kind, part, in.readString());
    }
  }

  static final class TallySerializer extends Serializer<Tally> {
    TallySerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output out, Tally tally) {
      writeTally(out, tally);
    }

    @Override
    public Tally read(Kryo kryo, Input in, Class<Tally> type) {
      return readTally(in);
    }
  }

  static final class StateChangeSerializer extends Serializer<StateChange> {
    private final StatKeySerializer keys = new StatKeySerializer();

    StateChangeSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output out, StateChange change) {
      out.writeByte(change.change().ordinal());
      keys.write(kryo, out, change.key());
      writeTally(out, change.total());
    }

    @Override
    public StateChange read(Kryo kryo, Input in, Class<StateChange> type) {
      StateChange.Change change = CHANGES[in.readByte()];
      StatKey key = keys.read(kryo, in, StatKey.class);
      return new StateChange(key, readTally(in), change);
    }
  }

  /** Most tallies count only (no values): those take the count alone, one flag says which. */
  private static void writeTally(Output out, Tally tally) {
    boolean counterOnly = tally.sum() == 0 && tally.min() == Long.MAX_VALUE && tally.max() == Long.MIN_VALUE;
    out.writeBoolean(counterOnly);
    out.writeVarLong(tally.count(), true);
    if (!counterOnly) {
      out.writeVarLong(tally.sum(), false);
      out.writeLong(tally.min());
      out.writeLong(tally.max());
    }
  }

  private static Tally readTally(Input in) {
    boolean counterOnly = in.readBoolean();
    long count = in.readVarLong(true);
    return counterOnly ? Tally.ofCount(count) : new Tally(count, in.readVarLong(false), in.readLong(), in.readLong());
  }
}
