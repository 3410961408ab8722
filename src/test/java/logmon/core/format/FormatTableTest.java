package logmon.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.stream.Stream;
import logmon.core.LogRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real servers' format strings, pasted as they stand in their configuration files, each with a
 * line written in it, against the record logmon must read from it.
 */
class FormatTableTest {

  private static final String CLF_TIME = "[10/Oct/2000:13:55:36 -0700]";
  private static final long T = t("2000-10-10T13:55:36-07:00");

  static long t(String iso) {
    return OffsetDateTime.parse(iso).toEpochSecond();
  }

  /** A record with the fields most tests share; vhost, port and time given. */
  static LogRecord record(String host, String user, long time, String request, String endpoint, int status,
      long bytes, String referer, String agent, String vhost, int port, long micros) {
    return new LogRecord(host, "-", user, time, request, endpoint, status, bytes, referer, agent, vhost, port,
        micros, "custom");
  }

  /** nginx writes a literal '-' where Apache has %l: no ident field. */
  static LogRecord noIdent(LogRecord r) {
    return new LogRecord(r.host(), null, r.user(), r.epochSecond(), r.request(), r.endpoint(), r.status(),
        r.bytes(), r.referer(), r.userAgent(), r.vhost(), r.port(), r.responseMicros(), r.format());
  }

  static Stream<Arguments> formats() {
    return Stream.of(
        Arguments.of("Apache stock common, whole LogFormat line",
            "LogFormat \"%h %l %u %t \\\"%r\\\" %>s %b\" common",
            "127.0.0.1 - frank " + CLF_TIME + " \"GET /apache_pb.gif HTTP/1.0\" 200 2326",
            record("127.0.0.1", "frank", T, "GET /apache_pb.gif HTTP/1.0", "/apache_pb.gif", 200, 2326,
                null, null, null, -1, -1)),
        Arguments.of("Apache stock combined, argument with the config's escapes",
            "\"%h %l %u %t \\\"%r\\\" %>s %b \\\"%{Referer}i\\\" \\\"%{User-Agent}i\\\"\"",
            "127.0.0.1 - frank " + CLF_TIME + " \"GET /apache_pb.gif HTTP/1.0\" 200 2326"
                + " \"http://www.example.com/start.html\" \"Mozilla/4.08 [en] (Win98; I ;Nav)\"",
            record("127.0.0.1", "frank", T, "GET /apache_pb.gif HTTP/1.0", "/apache_pb.gif", 200, 2326,
                "http://www.example.com/start.html", "Mozilla/4.08 [en] (Win98; I ;Nav)", null, -1, -1)),
        Arguments.of("Apache combined without escapes, request with an escaped quote, bytes '-'",
            "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\"",
            "10.0.0.1 - - " + CLF_TIME + " \"GET /a\\\"b HTTP/1.1\" 304 - \"-\" \"say \\\"hi\\\"\"\r",
            record("10.0.0.1", "-", T, "GET /a\\\"b HTTP/1.1", "/a\\\"b", 304, 0, "-", "say \\\"hi\\\"",
                null, -1, -1)),
        Arguments.of("Debian's vhost_combined",
            "LogFormat \"%v:%p %h %l %u %t \\\"%r\\\" %>s %O \\\"%{Referer}i\\\" \\\"%{User-Agent}i\\\"\" vhost_combined",
            "www.example.com:443 203.0.113.7 - - [04/Dec/2026:18:14:52 +0000] \"GET /index.html HTTP/2.0\" 200 5120"
                + " \"https://www.example.com/\" \"Mozilla/5.0 (X11; Linux x86_64)\"",
            record("203.0.113.7", "-", t("2026-12-04T18:14:52Z"), "GET /index.html HTTP/2.0", "/index.html", 200,
                5120, "https://www.example.com/", "Mozilla/5.0 (X11; Linux x86_64)", "www.example.com", 443, -1)),
        Arguments.of("Apache combined with %D (microseconds), 'User-agent' spelled as in the docs",
            "LogFormat \"%h %l %u %t \\\"%r\\\" %>s %b \\\"%{Referer}i\\\" \\\"%{User-agent}i\\\" %D\" combined_time",
            "192.0.2.1 - - " + CLF_TIME + " \"POST /api/orders?id=7 HTTP/1.1\" 201 17 \"-\" \"curl/8.5\" 153412",
            record("192.0.2.1", "-", T, "POST /api/orders?id=7 HTTP/1.1", "/api/orders?id=7", 201, 17, "-",
                "curl/8.5", null, -1, 153_412)),
        Arguments.of("Apache %b and %O both: the body size wins; %{ms}T, %I and a cookie are checked only",
            "%h %l %u %t \"%r\" %>s %b %O %I %{ms}T \"%{session}C\"",
            "192.0.2.1 - - " + CLF_TIME + " \"GET / HTTP/1.1\" 200 100 350 420 12 \"abc def\"",
            record("192.0.2.1", "-", T, "GET / HTTP/1.1", "/", 200, 100, null, null, null, -1, 12_000)),
        Arguments.of("Apache strftime time and %{us}T",
            "%h [%{%Y-%m-%d %H:%M:%S %z}t] \"%r\" %>s %b %{us}T",
            "192.0.2.9 [2026-12-04 18:14:52 +0100] \"GET /x HTTP/1.1\" 500 0 77",
            new LogRecord("192.0.2.9", null, null, t("2026-12-04T18:14:52+01:00"), "GET /x HTTP/1.1", "/x", 500, 0,
                null, null, null, -1, 77, "custom")),
        Arguments.of("nginx's combined, the whole log_format directive across lines",
            "log_format combined '$remote_addr - $remote_user [$time_local] '\n"
                + "                    '\"$request\" $status $body_bytes_sent '\n"
                + "                    '\"$http_referer\" \"$http_user_agent\"';",
            "198.51.100.4 - - [04/Dec/2026:18:14:52 +0000] \"GET /robots.txt HTTP/1.1\" 404 153 \"-\""
                + " \"Googlebot/2.1 (+http://www.google.com/bot.html)\"",
            noIdent(record("198.51.100.4", "-", t("2026-12-04T18:14:52Z"), "GET /robots.txt HTTP/1.1", "/robots.txt", 404,
                153, "-", "Googlebot/2.1 (+http://www.google.com/bot.html)", null, -1, -1))),
        Arguments.of("nginx.org package's main, quoted pieces only",
            "'$remote_addr - $remote_user [$time_local] \"$request\" '\n"
                + "                      '$status $body_bytes_sent \"$http_referer\" '\n"
                + "                      '\"$http_user_agent\" \"$http_x_forwarded_for\"'",
            "172.17.0.1 - alice [04/Dec/2026:18:14:52 +0000] \"GET /health HTTP/1.1\" 200 2 \"-\" \"kube-probe/1.29\""
                + " \"203.0.113.50, 10.0.0.2\"",
            noIdent(record("172.17.0.1", "alice", t("2026-12-04T18:14:52Z"), "GET /health HTTP/1.1", "/health", 200, 2, "-",
                "kube-probe/1.29", null, -1, -1))),
        Arguments.of("nginx with $request_time and upstream times: the request time wins",
            "log_format upstream_time '$remote_addr - $remote_user [$time_local] '\n"
                + "    '\"$request\" $status $body_bytes_sent '\n"
                + "    '\"$http_referer\" \"$http_user_agent\" '\n"
                + "    'rt=$request_time uct=\"$upstream_connect_time\" uht=\"$upstream_header_time\" urt=\"$upstream_response_time\"';",
            "203.0.113.9 - - [04/Dec/2026:18:14:52 +0000] \"GET /api/search?q=a HTTP/1.1\" 200 931 \"-\" \"Mozilla/5.0\""
                + " rt=0.052 uct=\"0.001, 0.002\" uht=\"0.040, 0.045\" urt=\"0.010, 0.041\"",
            noIdent(record("203.0.113.9", "-", t("2026-12-04T18:14:52Z"), "GET /api/search?q=a HTTP/1.1", "/api/search?q=a",
                200, 931, "-", "Mozilla/5.0", null, -1, 52_000))),
        Arguments.of("nginx with only $upstream_response_time: a list is summed",
            "$remote_addr [$time_local] \"$request\" $status $upstream_response_time",
            "203.0.113.9 [04/Dec/2026:18:14:52 +0000] \"GET /a HTTP/1.1\" 502 0.010, 0.032 : 0.100",
            new LogRecord("203.0.113.9", null, null, t("2026-12-04T18:14:52Z"), "GET /a HTTP/1.1", "/a", 502, 0,
                null, null, null, -1, 142_000, "custom")),
        Arguments.of("nginx upstream time '-' (served without an upstream): no time",
            "$remote_addr [$time_local] \"$request\" $status $upstream_response_time",
            "203.0.113.9 [04/Dec/2026:18:14:52 +0000] \"GET /static.css HTTP/1.1\" 200 -",
            new LogRecord("203.0.113.9", null, null, t("2026-12-04T18:14:52Z"), "GET /static.css HTTP/1.1",
                "/static.css", 200, 0, null, null, null, -1, -1, "custom")),
        Arguments.of("nginx with $host, $server_port, $time_iso8601, $bytes_sent and $msec",
            "$host:$server_port $remote_addr [$time_iso8601] \"$request\" $status $bytes_sent $msec",
            "shop.example:8080 2001:db8::7 [2026-12-04T19:14:52+01:00] \"GET /cart HTTP/2.0\" 200 2048 1796408092.123",
            new LogRecord("2001:db8::7", null, null, t("2026-12-04T18:14:52Z"), "GET /cart HTTP/2.0", "/cart", 200,
                2048, null, null, "shop.example", 8080, -1, "custom")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void readsTheLineAsItsServerWroteIt(String name, String spec, String line, LogRecord expected) {
    LineFormat format = FormatCompiler.compile("custom", spec);
    ParsedLine parsed = new ParsedLine();
    assertThat(format.match(line, parsed)).as("matches").isTrue();
    assertThat(parsed.toRecord()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void aTruncatedLineDoesNotMatch(String name, String spec, String line, LogRecord expected) {
    LineFormat format = FormatCompiler.compile("custom", spec);
    String cut = line.substring(0, line.indexOf('"') + 4);
    assertThat(format.match(cut, new ParsedLine())).isFalse();
    assertThat(format.match(line + " trailing", new ParsedLine())).isFalse();
  }

  static Stream<Arguments> badFormats() {
    return Stream.of(
        Arguments.of("%h %l %", 7, "not followed by a directive"),
        Arguments.of("%h %{Referer i", 5, "'{' is not closed"),
        Arguments.of("%h%l", 3, "%l follows %h with nothing between them"),
        Arguments.of("$remote_addr $ x", 14, "'$' is not followed by a variable name"),
        Arguments.of("$remote_addr ${status", 15, "'${' is not closed"),
        Arguments.of("%h [%{%Y %Q}t]", 10, "%Q in a time format is not supported"),
        Arguments.of("%h %{xs}T", 4, "the unit must be s, ms or us"),
        Arguments.of("log_format main '$remote_addr - $status", 17, "the quote opened here is not closed"),
        Arguments.of("LogFormat \"%h %l", 11, "the quote opened here is not closed"),
        Arguments.of("", 1, "the format is empty"),
        Arguments.of("just text", 1, "the format has no field"));
  }

  @ParameterizedTest(name = "[{index}] {2}")
  @MethodSource("badFormats")
  void aFormatThatDoesNotCompileNamesThePosition(String spec, int position, String what) {
    assertThatThrownBy(() -> FormatCompiler.compile("custom", spec))
        .isInstanceOf(FormatException.class)
        .hasMessageStartingWith("position " + position + ": ")
        .hasMessageContaining(what);
  }
}
