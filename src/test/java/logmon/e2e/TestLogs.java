package logmon.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Log content for the end-to-end tests, cut from the bundled sample log. */
final class TestLogs {

  static final Path SAMPLE = Path.of("data/apache.access.log");

  private TestLogs() {}

  private static String withTime(String time, String bytes) {
    return "10.7.7.7 - - [" + time + "] \"GET /edge HTTP/1.1\" 200 " + bytes;
  }

  /**
   * The sample log (1,406 lines, CRLF), then lines that must be refused or read with care (not a log
   * line, blank lines, a control sequence, an escaped quote, IPv6, no request), the edges of the
   * grammar's ranges on both sides, binary junk, and a last line without a newline.
   */
  static byte[] sampleWithOddLines() throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    log.write(Files.readAllBytes(Path.of("data/apache.access.log"))); // 1,406 lines, CRLF
    String extra = String.join("\n",
        "this is not an access log line",
        "",
        "   ",
        "10.9.9.9 - - [07/Mar/2004:16:05:49 -0800] \"GET /\u001b]0;pwned\u0007 HTTP/1.1\" 404 12",
        "10.9.9.9 - - [07/Mar/2004:16:05:49 -0800] \"GET /quoted\\\"path HTTP/1.1\" 200 -",
        "10.9.9.9 - - [07/Mar/2004:16:05:49 -0800] \"GET /x HTTP/1.1\" 2OO 5",
        "[07/Mar/2004:16:05:49 -0800] \"GET /x HTTP/1.1\" 200 5",
        "2001:db8::7 - - [07/Mar/2004:16:05:49 -0800] \"GET /v6 HTTP/1.1\" 503 77 \"-\" \"curl\"",
        "") + "\n";
    log.write(extra.getBytes(StandardCharsets.UTF_8));
    // The edges of the grammar's ranges (dates, zones, byte counts), on both sides.
    for (String line : TestLogs.VALID_AT_THE_EDGES) {
      log.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
    for (String line : TestLogs.MALFORMED_AT_THE_EDGES) {
      log.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
    log.write(new byte[] {'b', 'a', 'd', (byte) 0xff, (byte) 0xfe, 0, 1, '\n'});
    // the stream ends without a newline
    log.write("10.9.9.9 - - [07/Mar/2004:16:05:49 -0800] \"GET /last HTTP/1.1\" 200 1".getBytes(StandardCharsets.UTF_8));
    return log.toByteArray();
  }

  /** Lines at the edges of the grammar's ranges that still parse (README, "What counts as a log line"). */
  static final List<String> VALID_AT_THE_EDGES = List.of(
      withTime("29/Feb/2004:16:05:49 -0800", "1"),      // a leap day
      withTime("31/Dec/2004:23:59:60 +0000", "2"),      // a leap second
      withTime("01/Jan/2004:00:00:00 +1800", "3"),      // the widest zones
      withTime("01/Jan/2004:00:00:00 -1859", "4"),
      withTime("07/Mar/2004:16:05:49 -0800", "999999999999999999")); // 18 digits of bytes

  /** Lines just past the edges of the grammar's ranges: malformed. */
  static final List<String> MALFORMED_AT_THE_EDGES = List.of(
      withTime("29/Feb/2003:16:05:49 -0800", "1"),      // not a leap year
      withTime("31/Apr/2004:16:05:49 -0800", "1"),      // April has 30 days
      withTime("00/Mar/2004:16:05:49 -0800", "1"),
      withTime("32/Mar/2004:16:05:49 -0800", "1"),
      withTime("07/Mar/2004:24:00:00 -0800", "1"),
      withTime("07/Mar/2004:16:60:49 -0800", "1"),
      withTime("07/Mar/2004:16:05:61 -0800", "1"),
      withTime("07/Mar/2004:16:05:49 +1900", "1"),
      withTime("07/Mar/2004:16:05:49 +0060", "1"),
      withTime("07/Mar/2004:16:05:49 0800", "1"),       // no sign
      withTime("07/mar/2004:16:05:49 -0800", "1"),      // month case
      withTime("07/Mar/204:16:05:49 -0800", "1"),
      withTime("07/Mar/2004:16:05:49 -0800", "1000000000000000000"), // 19 digits of bytes
      "10.7.7.7 - - [07/Mar/2004:16:05:49 -0800] \"GET /edge HTTP/1.1\" 20 1",
      "10.7.7.7 - - [07/Mar/2004:16:05:49 -0800] \"GET /edge HTTP/1.1\" 2000 1");

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
