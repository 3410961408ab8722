package logmon.core;

import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A partition's {@link StateChange}s on their way from an executor to the driver, written
 * compactly (as {@link TallyTable} writes its entries): a busy batch of a long run changes
 * hundreds of thousands of keys, and Java serialisation of each record would cost more than
 * the ranking they feed.
 */
public final class StateChanges implements Externalizable, Iterable<StateChange> {

  private static final long serialVersionUID = 1L;
  private static final StatKey.Kind[] KINDS = StatKey.Kind.values();
  private static final StateChange.Change[] CHANGES = StateChange.Change.values();

  private List<StateChange> changes;

  /** For deserialisation. */
  public StateChanges() {
    this(new ArrayList<>());
  }

  public StateChanges(List<StateChange> changes) {
    this.changes = changes;
  }

  public void add(StateChange change) {
    changes.add(change);
  }

  public int size() {
    return changes.size();
  }

  @Override
  public Iterator<StateChange> iterator() {
    return changes.iterator();
  }

  @Override
  public void writeExternal(ObjectOutput out) throws IOException {
    out.writeInt(changes.size());
    for (StateChange change : changes) {
      StatKey key = change.key();
      Tally t = change.total();
      byte[] name = key.name().getBytes(StandardCharsets.UTF_8);
      out.writeByte(change.change().ordinal());
      out.writeByte(key.kind().ordinal());
      out.writeShort(key.part());
      out.writeInt(name.length);
      out.write(name);
      out.writeLong(t.count());
      boolean counterOnly = t.sum() == 0 && t.min() == Long.MAX_VALUE && t.max() == Long.MIN_VALUE;
      out.writeBoolean(counterOnly);
      if (!counterOnly) {
        out.writeLong(t.sum());
        out.writeLong(t.min());
        out.writeLong(t.max());
      }
    }
  }

  @Override
  public void readExternal(ObjectInput in) throws IOException {
    int size = in.readInt();
    changes = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      StateChange.Change change = CHANGES[in.readByte()];
      StatKey.Kind kind = KINDS[in.readByte()];
      int part = in.readShort();
      byte[] name = new byte[in.readInt()];
      in.readFully(name);
      long count = in.readLong();
      Tally tally = in.readBoolean()
          ? Tally.ofCount(count)
          : new Tally(count, in.readLong(), in.readLong(), in.readLong());
      changes.add(new StateChange(new StatKey(kind, part, new String(name, StandardCharsets.UTF_8)), tally, change));
    }
  }
}
