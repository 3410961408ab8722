package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Colour follows --color and NO_COLOR: the dashboard in a real tmux pane, read back with
 * {@code capture-pane -e} (the cells' colours and attributes as escape sequences), and plain output
 * into a pipe.
 */
class ColourTest {

  private static final Pattern SGR = Pattern.compile("\u001b\\[([0-9;]*)m");

  @RegisterExtension
  final E2e e2e = new E2e();

  @Test
  void theDashboardIsColouredByDefault() throws Exception {
    // The control: proves the check below sees colour when there is some.
    assertThat(colourCodes(dashboard(Map.of(), ""))).as("colour codes on the default dashboard").isNotEmpty();
  }

  @Test
  void noColorLeavesTheDashboardWithoutColour() throws Exception {
    String screen = dashboard(Map.of("NO_COLOR", "1"), "");
    assertThat(colourCodes(screen)).as("colour codes with NO_COLOR=1").isEmpty();
    assertThat(screen).as("bold and reverse stay").contains("\u001b[1m", "7m");
  }

  @Test
  void colorNeverLeavesTheDashboardWithoutColour() throws Exception {
    assertThat(colourCodes(dashboard(Map.of(), "--color never"))).as("colour codes with --color never").isEmpty();
  }

  @Test
  void colorAlwaysColoursPlainOutputIntoAPipeEvenWithNoColor() throws Exception {
    LogmonProcess logmon = e2e.logmon(null, Map.of("NO_COLOR", "1"),
        "--replay", TestLogs.SAMPLE.toString(), "--rate", "1000", "--output", "plain", "--color", "always");
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    // The sample counted: a report before the first lines has no status codes, so nothing coloured.
    while (!logmon.stdoutText().contains("1,406") && System.nanoTime() < deadline && logmon.process.isAlive()) {
      Thread.sleep(100);  // polling the condition, not waiting for time to pass
    }
    assertThat(logmon.stdoutText()).as("the sample's 1,406 requests within 120 s; stderr: %s", logmon.stderrText())
        .contains("1,406");
    logmon.signal("TERM");
    assertThat(logmon.waitFor(60)).as(logmon.stderrText()).isZero();
    assertThat(colourCodes(logmon.stdoutText())).as("colour codes in plain output with --color always").isNotEmpty();
  }

  /** The dashboard's screen, with escapes, once the sample's requests are shown; then q. */
  private String dashboard(Map<String, String> environment, String options) throws Exception {
    try (TmuxPane pane = TmuxPane.open(environment)) {
      pane.type(LogmonProcess.LAUNCHER + " --replay " + TestLogs.SAMPLE.toAbsolutePath() + " --rate 1000 " + options
          + " --log-file " + TmuxPane.quote(e2e.dir().resolve("spark.log")) + "; echo EXIT=$?");
      pane.awaitScreen("the sample's 1,406 requests", Duration.ofSeconds(120),
          text -> text.contains("requests 1,406") && text.contains("q quit") && text.contains("401"));
      String screen = pane.screenWithEscapes();
      pane.keys("q");
      assertThat(pane.awaitExit(Duration.ofSeconds(60))).contains("EXIT=0");
      return screen;
    }
  }

  /** The colour parameters of every SGR sequence (30–38, 40–48, 90–97, 100–107), none for defaults. */
  static List<String> colourCodes(String text) {
    List<String> codes = new java.util.ArrayList<>();
    Matcher matcher = SGR.matcher(text);
    while (matcher.find()) {
      Arrays.stream(matcher.group(1).split(";")).filter(p -> p.matches("3[0-8]|4[0-8]|9[0-7]|10[0-7]"))
          .forEach(codes::add);
    }
    return codes;
  }
}
