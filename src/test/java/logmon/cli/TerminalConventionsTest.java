package logmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import logmon.cli.LogmonCommand.ColorChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** --color and NO_COLOR, "did you mean", --help's width from COLUMNS. */
class TerminalConventionsTest {

  @ParameterizedTest(name = "--color {0}, terminal {1}, NO_COLOR ''{2}'', TERM {3}: {4}")
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "auto   | true  | null | xterm | true",
      "auto   | true  | ''   | xterm | true",   // NO_COLOR set but empty: ignored, as no-color.org says
      "auto   | true  | 1    | xterm | false",
      "auto   | true  | null | dumb  | false",
      "auto   | false | null | xterm | false",
      "always | false | 1    | dumb  | true",   // asked for: colour even into a pipe, even with NO_COLOR
      "never  | true  | null | xterm | false",
  })
  void colourChoice(ColorChoice choice, boolean terminal, String noColor, String term, boolean expected) {
    assertThat(Terminals.colour(choice, terminal, noColor, term)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--windw 30s       | logmon: unknown option '--windw'; did you mean --window? (see logmon --help)",
      "--windw=30s       | logmon: unknown option '--windw'; did you mean --window? (see logmon --help)",
      "--colr never      | logmon: unknown option '--colr'; did you mean --color? (see logmon --help)",
      "--zzzzzzz         | logmon: unknown option '--zzzzzzz' (see logmon --help)",
      "stray             | logmon: unexpected argument 'stray' (see logmon --help)",
  })
  void anUnknownOptionIsNamedAloneWithPicocliSuggestion(String args, String expected) {
    StringWriter err = new StringWriter();
    var cl = LogmonCommand.commandLine();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));

    assertThat(cl.execute(args.trim().split("\\s+"))).isEqualTo(2);
    assertThat(err.toString().strip().lines()).containsExactly(expected);
  }

  @Test
  void helpFollowsColumnsAlsoWhenPiped() {
    assertThat(help("60").lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(60));
    assertThat(help("160").lines().mapToInt(String::length).max().orElse(0)).isGreaterThan(100);
    assertThat(help("not a number").lines().mapToInt(String::length).max().orElse(0)).isLessThanOrEqualTo(80);
  }

  private static String help(String columns) {
    StringWriter out = new StringWriter();
    var cl = LogmonCommand.commandLine();
    HelpWidth.fromEnvironment(cl, columns);
    cl.setOut(new PrintWriter(out));
    assertThat(cl.execute("--help")).isZero();
    return out.toString();
  }
}
