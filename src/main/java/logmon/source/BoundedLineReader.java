package logmon.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import logmon.core.RawLines;
import logmon.core.TallyTable;

/**
 * Reads LF-terminated lines of at most {@code maxLineBytes}. A longer line is skipped up to its end
 * and reported as oversized, so memory stays bounded and the line is still counted. A lone CR does
 * not end a line. Lines are read as bytes ({@link #next()}, then {@link #appendTo}) for receivers,
 * or decoded from UTF-8 (invalid bytes become U+FFFD) by {@link #readLine()}.
 */
public final class BoundedLineReader {

  /** What {@link #next()} found. */
  public enum Next { LINE, OVERSIZED, END }

  private final InputStream in;
  private final int maxLineBytes;
  private final Runnable beforeWaiting;
  private final byte[] buffer = new byte[64 * 1024];
  private int bufferPos;
  private int bufferEnd;
  private byte[] line = new byte[256];
  private int lineLength;

  public BoundedLineReader(InputStream in, int maxLineBytes) {
    this(in, maxLineBytes, () -> {});
  }

  /**
   * @param beforeWaiting runs before a read that would wait for the source (nothing is buffered
   *     and nothing is ready): a receiver stores what it has gathered, so a quiet source's lines
   *     are not held back
   */
  public BoundedLineReader(InputStream in, int maxLineBytes, Runnable beforeWaiting) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
    this.beforeWaiting = beforeWaiting;
  }

  /** The next line without its LF, or null at end of stream. */
  public String readLine() throws IOException {
    return switch (next()) {
      case END -> null;
      case OVERSIZED -> TallyTable.OVERSIZED_LINE;
      case LINE -> decode();
    };
  }

  /** Reads the next line; its bytes stay here until {@link #appendTo} or the next call. */
  public Next next() throws IOException {
    lineLength = 0;
    boolean oversized = false;
    boolean sawAnything = false;
    while (true) {
      if (bufferPos == bufferEnd) {
        if (in.available() == 0) {
          beforeWaiting.run();
        }
        int n = in.read(buffer);
        if (n < 0) {
          if (!sawAnything) {
            return Next.END;
          }
          return oversized ? Next.OVERSIZED : Next.LINE;
        }
        bufferPos = 0;
        bufferEnd = n;
      }
      sawAnything = true;
      int newline = indexOfNewline();
      int chunkEnd = newline < 0 ? bufferEnd : newline;
      if (!oversized) {
        oversized = !append(chunkEnd - bufferPos);
      }
      if (newline >= 0) {
        bufferPos = newline + 1;
        return oversized ? Next.OVERSIZED : Next.LINE;
      }
      bufferPos = bufferEnd;
    }
  }

  /** The length of the line {@link #next()} read, without its LF. */
  public int lineBytes() {
    return lineLength;
  }

  /** Adds the line {@link #next()} read to {@code lines}. */
  public void appendTo(RawLines.Builder lines) {
    lines.addLine(line, 0, lineLength);
    shrinkAfterHugeLine();
  }

  private int indexOfNewline() {
    for (int i = bufferPos; i < bufferEnd; i++) {
      if (buffer[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Appends buffer[bufferPos, +count) to the line; false once the line would pass the limit. */
  private boolean append(int count) {
    if (lineLength + count > maxLineBytes) {
      return false;
    }
    if (lineLength + count > line.length) {
      line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, lineLength + count)));
    }
    System.arraycopy(buffer, bufferPos, line, lineLength, count);
    lineLength += count;
    return true;
  }

  private String decode() {
    String text = new String(line, 0, lineLength, StandardCharsets.UTF_8);
    shrinkAfterHugeLine();
    return text;
  }

  private void shrinkAfterHugeLine() {
    if (line.length > 64 * 1024) {
      line = new byte[256]; // give back the memory a huge line took
    }
  }
}
