package logmon.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import logmon.core.TallyTable;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {

  private static List<String> read(byte[] input, int max) throws IOException {
    return read(new ByteArrayInputStream(input), max);
  }

  private static List<String> read(InputStream in, int max) throws IOException {
    var reader = new BoundedLineReader(in, max);
    List<String> lines = new ArrayList<>();
    String line;
    while ((line = reader.readLine()) != null) {
      lines.add(line);
    }
    return lines;
  }

  @Test
  void splitsOnLineFeedOnlyAndKeepsTheLastLineWithoutNewline() throws IOException {
    byte[] input = "a\r\nb\rc\n\nlast".getBytes(StandardCharsets.UTF_8);
    assertThat(read(input, 1024)).containsExactly("a\r", "b\rc", "", "last");
  }

  @Test
  void emptyStreamHasNoLines() throws IOException {
    assertThat(read(new byte[0], 1024)).isEmpty();
  }

  @Test
  void invalidUtf8BecomesReplacementCharacters() throws IOException {
    byte[] input = {'o', 'k', (byte) 0xff, (byte) 0xc3, '\n', 0, 7, 27, '\n'};
    List<String> lines = read(input, 1024);
    assertThat(lines.get(0)).startsWith("ok").contains("\ufffd");
    assertThat(lines.get(1)).isEqualTo("\u0000\u0007\u001b");
  }

  @Test
  void longLinesBecomeOneMarkerAndReadingGoesOn() throws IOException {
    String longLine = "x".repeat(5000);
    byte[] input = ("short\n" + longLine + "\nafter\n").getBytes(StandardCharsets.UTF_8);
    assertThat(read(input, 1024)).containsExactly("short", TallyTable.OVERSIZED_LINE, "after");
  }

  @Test
  void aLineOfExactlyTheLimitIsKept() throws IOException {
    String line = "y".repeat(1024);
    assertThat(read((line + "\n").getBytes(StandardCharsets.UTF_8), 1024)).containsExactly(line);
  }

  @Test
  void aHugeLineUsesBoundedMemory() throws IOException {
    // 64 MB of one line, streamed: the reader must not try to hold it.
    long size = 64L << 20;
    InputStream endless = new InputStream() {
      long left = size;

      @Override
      public int read() {
        return left-- > 0 ? 'z' : (left == -1 ? '\n' : -1);
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left <= 0) {
          return left-- == 0 ? putNewline(b, off) : -1;
        }
        int n = (int) Math.min(len, left);
        java.util.Arrays.fill(b, off, off + n, (byte) 'z');
        left -= n;
        return n;
      }

      private int putNewline(byte[] b, int off) {
        b[off] = '\n';
        return 1;
      }
    };
    assertThat(read(endless, 2 << 20)).containsExactly(TallyTable.OVERSIZED_LINE);
  }
}
