package logmon.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.stream.Stream;
import logmon.core.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Lines of the presets found with {@code --log-format auto}, and lines no preset reads. */
class AutoFormatTest {

  private static LogRecord parse(String line) {
    ParsedLine parsed = LineParser.of(LineParser.AUTO).parse(line);
    return parsed == null ? null : parsed.toRecord();
  }


  static Stream<Arguments> validLines() {
    return Stream.of(
        Arguments.of("common",
            "64.242.88.10 - - [07/Mar/2004:16:05:49 -0800] \"GET /twiki/bin/edit/Main?x=1 HTTP/1.1\" 401 12846",
            "64.242.88.10", "/twiki/bin/edit/Main?x=1", 401, 12846L),
        Arguments.of("combined",
            "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326 \"http://www.example.com/start.html\" \"Mozilla/4.08 [en] (Win98; I ;Nav)\"",
            "127.0.0.1", "/apache_pb.gif", 200, 2326L),
        Arguments.of("IPv6 host",
            "2001:db8::1 - - [01/Jan/2024:00:00:00 +0000] \"POST /api HTTP/2.0\" 201 17",
            "2001:db8::1", "/api", 201, 17L),
        Arguments.of("hostname host",
            "lj1036.inktomisearch.com - - [07/Mar/2004:17:18:36 -0800] \"GET /robots.txt HTTP/1.0\" 200 68",
            "lj1036.inktomisearch.com", "/robots.txt", 200, 68L),
        Arguments.of("dash bytes",
            "10.0.0.1 - - [07/Mar/2004:16:10:02 -0800] \"GET /x HTTP/1.1\" 304 -",
            "10.0.0.1", "/x", 304, 0L),
        Arguments.of("CRLF ending",
            "10.0.0.1 - - [07/Mar/2004:16:10:02 -0800] \"GET /x HTTP/1.1\" 200 5\r",
            "10.0.0.1", "/x", 200, 5L),
        Arguments.of("trailing spaces and tab",
            "10.0.0.1 - - [07/Mar/2004:16:10:02 -0800] \"GET /x HTTP/1.1\" 200 5 \t ",
            "10.0.0.1", "/x", 200, 5L),
        Arguments.of("escaped quotes in request and agent",
            "10.0.0.1 - - [07/Mar/2004:16:10:02 -0800] \"GET /a\\\"b HTTP/1.1\" 200 5 \"-\" \"say \\\"hi\\\"\"",
            "10.0.0.1", "/a\\\"b", 200, 5L),
        Arguments.of("control bytes inside quotes are still a valid line",
            "10.0.0.1 - - [07/Mar/2004:16:10:02 -0800] \"GET /\u001b]0;pwned\u0007 HTTP/1.1\" 200 5",
            "10.0.0.1", "/\u001b]0;pwned\u0007", 200, 5L),
        Arguments.of("request with one token has no endpoint",
            "10.0.0.1 - - [07/Mar/2004:16:10:02 -0800] \"-\" 400 0",
            "10.0.0.1", null, 400, 0L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validLines")
  void parsesValidLines(String name, String line, String host, String endpoint, int status, long bytes) {
    LogRecord record = parse(line);
    assertThat(record).isNotNull();
    assertThat(record.host()).isEqualTo(host);
    assertThat(record.endpoint()).isEqualTo(endpoint);
    assertThat(record.status()).isEqualTo(status);
    assertThat(record.bytes()).isEqualTo(bytes);
  }

  @Test
  void readsTheTimestampWithItsZone() {
    LogRecord record = parse(
        "h - - [07/Mar/2004:16:05:49 -0800] \"GET / HTTP/1.1\" 200 1");
    assertThat(record.epochSecond())
        .isEqualTo(OffsetDateTime.parse("2004-03-07T16:05:49-08:00").toEpochSecond());
  }

  @Test
  void keepsRefererAndAgentOfCombinedLines() {
    LogRecord record = parse(
        "h - - [07/Mar/2004:16:05:49 -0800] \"GET / HTTP/1.1\" 200 1 \"http://r/\" \"curl/8\"");
    assertThat(record.referer()).isEqualTo("http://r/");
    assertThat(record.userAgent()).isEqualTo("curl/8");
  }

  @Test
  void parsesAHundredKilobyteUrl() {
    String url = "/" + "a".repeat(100 * 1024);
    LogRecord record = parse(
        "h - - [07/Mar/2004:16:05:49 -0800] \"GET " + url + " HTTP/1.1\" 200 1");
    assertThat(record).isNotNull();
    assertThat(record.endpoint()).isEqualTo(url);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // truncated line
      "64.242.88.10 - - [07/Mar/2004:16:05:49 -0800] \"GET /twiki/bin/edit/Main",
      "64.242.88.10 - - [07/Mar/2004:16:05:49 -0800] \"GET / HTTP/1.1\" 200",
      // free text
      "Hello, this is not a log line at all",
      // bad timestamps
      "h - - [32/Mar/2004:16:05:49 -0800] \"GET / HTTP/1.1\" 200 1",
      "h - - [07/Foo/2004:16:05:49 -0800] \"GET / HTTP/1.1\" 200 1",
      "h - - [07/Mar/2004:25:05:49 -0800] \"GET / HTTP/1.1\" 200 1",
      "h - - [30/Feb/2004:10:05:49 -0800] \"GET / HTTP/1.1\" 200 1",
      "h - - [07/Mar/2004:16:05:49] \"GET / HTTP/1.1\" 200 1",
      "h - - [2004-03-07T16:05:49Z] \"GET / HTTP/1.1\" 200 1",
      // non-numeric or wrong-length status
      "h - - [07/Mar/2004:16:05:49 -0800] \"GET / HTTP/1.1\" OK 1",
      "h - - [07/Mar/2004:16:05:49 -0800] \"GET / HTTP/1.1\" 2000 1",
      "h - - [07/Mar/2004:16:05:49 -0800] \"GET / HTTP/1.1\" 20 1",
      // bad bytes
      "h - - [07/Mar/2004:16:05:49 -0800] \"GET / HTTP/1.1\" 200 12x",
      "h - - [07/Mar/2004:16:05:49 -0800] \"GET / HTTP/1.1\" 200 1234567890123456789012",
      // unterminated quote, text after the line
      "h - - [07/Mar/2004:16:05:49 -0800] \"GET / HTTP/1.1 200 1",
      "h - - [07/Mar/2004:16:05:49 -0800] \"GET / HTTP/1.1\" 200 1 trailing",
      "h - - [07/Mar/2004:16:05:49 -0800] \"GET / HTTP/1.1\" 200 1 \"only-referer\"",
      // double spaces between fields
      "h  - - [07/Mar/2004:16:05:49 -0800] \"GET / HTTP/1.1\" 200 1",
      // binary junk
      "\u0000\u0001\u0002\u00ff\ufffd\ufffd garbage \u001b[2J",
      ""})
  void rejectsMalformedLines(String line) {
    assertThat(parse(line)).isNull();
  }

  @Test
  void blankLinesAreBlankNotMalformed() {
    assertThat(LineParser.isBlank("")).isTrue();
    assertThat(LineParser.isBlank(" \t\r")).isTrue();
    assertThat(LineParser.isBlank(" x ")).isFalse();
  }

  @Test
  void parsesEveryLineOfTheBundledSample() throws Exception {
    var lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("data/apache.access.log"),
        java.nio.charset.StandardCharsets.ISO_8859_1);
    long parsed = lines.stream().filter(l -> parse(l) != null).count();
    assertThat(lines).hasSize(1406);
    assertThat(parsed).isEqualTo(1406);
  }

  static Stream<Arguments> presetLines() {
    String time = "[04/Dec/2026:18:14:52 +0000]";
    return Stream.of(
        Arguments.of("common", "10.0.0.1 - - " + time + " \"GET / HTTP/1.1\" 200 5"),
        Arguments.of("combined", "10.0.0.1 - - " + time + " \"GET / HTTP/1.1\" 200 5 \"-\" \"curl/8\""),
        Arguments.of("vcombined", "example.org:80 10.0.0.1 - - " + time + " \"GET / HTTP/1.1\" 200 5 \"-\" \"curl/8\""),
        Arguments.of("nginx", "10.0.0.1 - - " + time + " \"GET / HTTP/1.1\" 200 5 \"-\" \"curl/8\" \"-\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("presetLines")
  void eachPresetIsFoundByItsLinesAndOnlyByItsOwn(String preset, String line) {
    assertThat(parse(line).format()).isEqualTo(preset);
    // Each preset alone reads its own lines and none of the others'.
    presetLines().forEach(other -> {
      String otherPreset = (String) other.get()[0];
      boolean reads = LineParser.of(preset).parse((String) other.get()[1]) != null;
      assertThat(reads).as(preset + " reads a " + otherPreset + " line").isEqualTo(otherPreset.equals(preset));
    });
  }

  @Test
  void autoKeepsReadingLinesOfAnotherPresetAfterASwitch() {
    LineParser parser = LineParser.of(LineParser.AUTO);
    String common = "10.0.0.1 - - [04/Dec/2026:18:14:52 +0000] \"GET / HTTP/1.1\" 200 5";
    String nginx = common + " \"-\" \"curl/8\" \"-\"";
    assertThat(parser.parse(common).format().name()).isEqualTo("common");
    assertThat(parser.parse(nginx).format().name()).isEqualTo("nginx");
    assertThat(parser.parse(nginx).format().name()).isEqualTo("nginx");
    assertThat(parser.parse(common).format().name()).isEqualTo("common");
  }
}
