package logmon.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import logmon.core.TallyTable;

/**
 * Reads LF-terminated lines of at most {@code maxLineBytes}, decoding UTF-8 (invalid bytes become
 * U+FFFD). A longer line is skipped up to its end and returned as {@link TallyTable#OVERSIZED_LINE},
 * so memory stays bounded and the line is still counted. A lone CR does not end a line.
 */
public final class BoundedLineReader {

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buffer = new byte[64 * 1024];
  private int bufferPos;
  private int bufferEnd;
  private byte[] line = new byte[256];
  private int lineLength;

  public BoundedLineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** The next line without its LF, or null at end of stream. */
  public String readLine() throws IOException {
    lineLength = 0;
    boolean oversized = false;
    boolean sawAnything = false;
    while (true) {
      if (bufferPos == bufferEnd) {
        int n = in.read(buffer);
        if (n < 0) {
          if (!sawAnything) {
            return null;
          }
          return oversized ? TallyTable.OVERSIZED_LINE : decode();
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
        return oversized ? TallyTable.OVERSIZED_LINE : decode();
      }
      bufferPos = bufferEnd;
    }
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
    if (line.length > 64 * 1024) {
      line = new byte[256]; // give back the memory a huge line took
    }
    return text;
  }
}
