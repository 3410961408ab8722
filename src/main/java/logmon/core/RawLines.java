package logmon.core;

import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Lines as a receiver read them, undecoded: the bytes of each line followed by LF, plus the count
 * of lines that were too long to keep and of lines shed under overload. A receiver stores one of
 * these per few thousand lines instead of a String per line: Spark's block store then holds (and
 * sizes, and the GC walks) one array rather than millions of objects, which was most of the cost
 * of receiving. Lines are decoded where they are counted, as before: UTF-8, invalid bytes U+FFFD.
 */
public final class RawLines implements Externalizable {

  private static final long serialVersionUID = 1L;

  private byte[] data;
  private int lines;
  private int oversized;
  private long shed;

  /** For deserialisation only. */
  public RawLines() {}

  private RawLines(byte[] data, int lines, int oversized, long shed) {
    this.data = data;
    this.lines = lines;
    this.oversized = oversized;
    this.shed = shed;
  }

  /** Lines read and kept for counting, oversized ones included (shed ones not). */
  public int lines() {
    return lines + oversized;
  }

  public long shed() {
    return shed;
  }

  /** The bytes the kept lines take: each line and its LF. */
  public int bytes() {
    return data.length;
  }

  /** Adds every line to the table, and the shed count. */
  public void addTo(TallyTable table) {
    int start = 0;
    for (int i = 0; i < data.length; i++) {
      if (data[i] == '\n') {
        table.addLine(new String(data, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    for (int i = 0; i < oversized; i++) {
      table.addLine(TallyTable.OVERSIZED_LINE);
    }
    table.addShed(shed);
  }

  @Override
  public void writeExternal(ObjectOutput out) throws IOException {
    out.writeInt(lines);
    out.writeInt(oversized);
    out.writeLong(shed);
    out.writeInt(data.length);
    out.write(data);
  }

  @Override
  public void readExternal(ObjectInput in) throws IOException {
    lines = in.readInt();
    oversized = in.readInt();
    shed = in.readLong();
    data = new byte[in.readInt()];
    in.readFully(data);
  }

  /** Gathers lines until they are stored; reused after each {@link #build()}. */
  public static final class Builder {
    private byte[] buffer = new byte[64 * 1024];
    private int length;
    private int lines;
    private int oversized;
    private long shed;

    public void addLine(byte[] source, int offset, int count) {
      if (length + count + 1 > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + count + 1));
      }
      System.arraycopy(source, offset, buffer, length, count);
      length += count;
      buffer[length++] = '\n';
      lines++;
    }

    public void addOversized() {
      oversized++;
    }

    public void addShed(long count) {
      shed += count;
    }

    /** Lines gathered, oversized ones included. */
    public int lines() {
      return lines + oversized;
    }

    public int bytes() {
      return length;
    }

    public boolean isEmpty() {
      return lines == 0 && oversized == 0 && shed == 0;
    }

    /** What was gathered, as one record; the builder starts over. */
    public RawLines build() {
      RawLines built = new RawLines(Arrays.copyOf(buffer, length), lines, oversized, shed);
      if (buffer.length > 1 << 20) {
        buffer = new byte[64 * 1024]; // give back what a burst of huge lines took
      }
      length = 0;
      lines = 0;
      oversized = 0;
      shed = 0;
      return built;
    }
  }
}
