package logmon.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * One parser reads a run of lines whose times repeat and then differ by one character (the
 * second, the zone, the day, an impossible date): each must read as an independent parse does,
 * so reusing the previous line's time can never carry a stale value over.
 */
class ClfTimeReuseTest {

  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

  private static String line(String time) {
    return "10.0.0.1 - - [" + time + "] \"GET / HTTP/1.1\" 200 5 \"-\" \"agent\"";
  }

  private static long expected(String time) {
    return OffsetDateTime.parse(time, CLF).toEpochSecond();
  }

  @Test
  void everyLineReadsItsOwnTimeWhateverTheLineBeforeIt() {
    List<String> times = List.of(
        "04/Dec/2026:21:30:00 +0000", "04/Dec/2026:21:30:00 +0000", "04/Dec/2026:21:30:01 +0000",
        "04/Dec/2026:21:30:01 +0100", "04/Dec/2026:21:30:01 -0100", "05/Dec/2026:21:30:01 -0100",
        "05/Dec/2026:21:30:01 -0100", "29/Feb/2024:00:00:00 +0000", "28/Feb/2025:00:00:00 +0000");
    LineParser parser = LineParser.of("combined");
    for (String time : times) {
      ParsedLine parsed = parser.parse(line(time));
      assertThat(parsed).as(time).isNotNull();
      assertThat(parsed.epochSecond()).as(time).isEqualTo(expected(time));
    }
  }

  @Test
  void aDateThatDoesNotExistIsMalformedAfterOneThatDoes() {
    LineParser parser = LineParser.of("combined");
    assertThat(parser.parse(line("28/Feb/2025:00:00:00 +0000"))).isNotNull();
    assertThat(parser.parse(line("29/Feb/2025:00:00:00 +0000"))).as("2025 is not a leap year").isNull();
    assertThat(parser.parse(line("29/Feb/2024:00:00:00 +0000"))).as("2024 is").isNotNull();
    assertThat(parser.parse(line("29/Feb/1900:00:00:00 +0000"))).as("1900 is not").isNull();
    assertThat(parser.parse(line("29/Feb/2000:00:00:00 +0000"))).as("2000 is").isNotNull();
    assertThat(parser.parse(line("31/Apr/2024:00:00:00 +0000"))).isNull();
  }
}
