package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import logmon.core.format.LineParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The end-to-end tests' oracle against the grammar's edges: {@link ReferenceCount} (a regular
 * expression and java.time) and logmon's parser (as --format auto runs it) must both take the lines
 * just inside the ranges and refuse those just outside. An oracle looser than the parser would
 * let a parser that accepts 31 April pass every end-to-end comparison.
 */
class ReferenceCountTest {

  /** logmon's parser as it runs by default (--format auto). */
  private static final LineParser PARSER = LineParser.of(LineParser.AUTO);
  static final java.util.List<String> VALID = TestLogs.VALID_AT_THE_EDGES;
  static final java.util.List<String> MALFORMED = TestLogs.MALFORMED_AT_THE_EDGES;

  @ParameterizedTest
  @FieldSource("VALID")
  void bothCountALineJustInsideTheRanges(String line) {
    ReferenceCount count = ReferenceCount.of((line + "\n").getBytes(StandardCharsets.UTF_8));
    assertThat(count.requests).as("the reference count's requests").isEqualTo(1);
    assertThat(PARSER.parse(line)).as("the parser's record").isNotNull();
  }

  @ParameterizedTest
  @FieldSource("MALFORMED")
  void bothRefuseALineJustOutsideTheRanges(String line) {
    ReferenceCount count = ReferenceCount.of((line + "\n").getBytes(StandardCharsets.UTF_8));
    assertThat(count.malformed).as("the reference count's malformed lines").isEqualTo(1);
    assertThat(PARSER.parse(line)).as("the parser's record").isNull();
  }
}
