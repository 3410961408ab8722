package logmon.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Log content for the end-to-end tests, cut from the bundled sample log. */
final class TestLogs {

  static final Path SAMPLE = Path.of("data/apache.access.log");

  private TestLogs() {}

  /** Lines [from, to) of the sample log (CRLF, as in the file), each with its LF. */
  static byte[] sampleLines(int from, int to) throws IOException {
    byte[] content = Files.readAllBytes(SAMPLE);
    int line = 0;
    int start = -1;
    for (int i = 0; i < content.length; i++) {
      if (line == from && start < 0) {
        start = i;
      }
      if (content[i] == '\n') {
        line++;
        if (line == to) {
          return Arrays.copyOfRange(content, start, i + 1);
        }
      }
    }
    throw new IllegalArgumentException("the sample log has " + line + " lines, not " + to);
  }

  /** Lines that do not parse, each with its LF. */
  static byte[] malformed(String... lines) {
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  static void append(Path file, byte[] content) throws IOException {
    Files.write(file, content, java.nio.file.StandardOpenOption.APPEND);
  }

  static byte[] repeat(byte[] line, int times) {
    byte[] out = new byte[line.length * times];
    for (int i = 0; i < times; i++) {
      System.arraycopy(line, 0, out, i * line.length, line.length);
    }
    return out;
  }

  static byte[] filled(int length, char c) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) c);
    return bytes;
  }

  static String[] concatArgs(String[] args, String... more) {
    String[] all = Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }
}
