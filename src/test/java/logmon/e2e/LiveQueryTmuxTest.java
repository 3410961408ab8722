package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Live queries on the real dashboard in a real tmux pane, fed through a real {@code nc}: {@code /}
 * with a bad expression (said on the prompt line, nothing applied), then a good one, whose figures
 * are exactly those of the lines sent after it; Enter on an endpoint drills down to its clients;
 * Esc steps back, and the unfiltered totals — counted all along — come back.
 */
class LiveQueryTmuxTest {

  private static final Duration HANG = Duration.ofSeconds(240);

  @RegisterExtension
  final E2e e2e = new E2e();

  private static String line(String client, String path, int status) {
    return client + " - - [07/Mar/2004:16:05:49 -0800] \"GET " + path + " HTTP/1.1\" " + status + " 99";
  }

  @Test
  void slashFiltersAllCountedDataEnterDrillsDownEscStepsBack() throws Exception {
    Path feed = e2e.dir().resolve("feed.log");
    Files.createFile(feed);
    int port = e2e.following(feed).port;
    try (TmuxPane pane = TmuxPane.open(Map.of())) {
      pane.type(Path.of("bin/logmon").toAbsolutePath() + " --cumulative --port " + port + " --ip-threshold 0"
          + " --log-file " + e2e.dir().resolve("spark.log") + "; echo EXIT=$?");

      // Before any filter: 100 lines, a tenth of them failing.
      List<String> before = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        before.add(line("10.0.0." + (i % 5), i % 2 == 0 ? "/index.html" : "/api/checkout", i % 10 == 0 ? 500 : 200));
      }
      append(feed, before);
      pane.awaitScreen("the first 100 lines counted", HANG, headline("requests 100 "));

      pane.keys("/");
      pane.keys("-l", "status ==");
      pane.keys("Enter");
      // Every condition asserted on is waited for: a capture may catch a frame half drawn.
      String refused = pane.awaitScreen("the error on the prompt line", HANG,
          text -> lastLine(text).contains("position 10") && text.contains("requests 100 "));
      assertThat(lastLine(refused)).startsWith("where: status ==").contains("position 10: expected a value");
      assertThat(refused).doesNotContain("filtered:").contains("requests 100 ");

      pane.keys("-l", " 5xx");
      pane.keys("Enter");
      pane.awaitScreen("the filter counting", HANG, text -> text.contains("filtered: status == 5xx since"));

      // After it: 60 lines, 24 failing; /api/checkout fails most, mostly for one client.
      List<String> after = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        boolean checkout = i % 3 != 0;
        int status = i % 5 < 2 ? (checkout ? 503 : 500) : 200;
        after.add(line(i % 4 == 0 ? "192.0.2.9" : "10.0.0." + (i % 3), checkout ? "/api/checkout" : "/cart", status));
      }
      append(feed, after);
      long failing = after.stream().filter(l -> l.contains("\" 50")).count();
      long checkoutFailing = after.stream().filter(l -> l.contains("/api/checkout") && l.contains("\" 50")).count();
      assertThat(failing).as("an independent count").isEqualTo(24);
      assertThat(checkoutFailing).isEqualTo(16);
      String filtered = pane.awaitScreen("the filtered counts", HANG,
          headline("requests " + failing + " ").and(text -> text.contains("filtered: status == 5xx since")
              && text.contains("/api/checkout") && text.contains("/cart")));
      assertThat(row(filtered, "/api/checkout")).contains(checkoutFailing + " ");

      // Enter on the top row of the endpoints (/api/checkout): its clients, codes and times.
      pane.keys("Enter");
      String drill = "filtered: (status == 5xx) and endpoint == '/api/checkout' since";
      pane.awaitScreen("the drill-down", HANG, text -> text.contains(drill));
      List<String> more = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        more.add(line(i < 7 ? "10.9.9.1" : i < 10 ? "10.9.9.2" : "10.9.9.3", i < 10 ? "/api/checkout" : "/cart",
            i < 10 ? 502 : 500));
      }
      append(feed, more);
      String clients = pane.awaitScreen("the endpoint's clients", HANG,
          headline("requests 10 ").and(text -> text.contains(drill) && text.contains("10.9.9.1")
              && text.contains("10.9.9.2") && text.contains("502 10")));
      assertThat(row(clients, "10.9.9.1")).contains("7 ");
      assertThat(row(clients, "10.9.9.2")).contains("3 ");
      assertThat(clients).doesNotContain("10.9.9.3").contains("502 10");

      // Esc: one level back (that filter, counted afresh); Esc again: everything, counted all along.
      pane.keys("Escape");
      pane.awaitScreen("one level back", HANG,
          text -> text.contains("filtered: status == 5xx") && !text.contains("endpoint =="));
      pane.keys("Escape");
      int total = before.size() + after.size() + more.size();
      String unfiltered = pane.awaitScreen("the unfiltered totals", HANG,
          headline("requests " + total + " ").and(text -> !text.contains("filtered:")));
      assertThat(unfiltered).contains("q quit");

      pane.keys("q");
      assertThat(pane.awaitExit(Duration.ofSeconds(60))).contains("EXIT=0");
    }
  }

  private static Predicate<String> headline(String figure) {
    return text -> text.lines().limit(4).anyMatch(l -> l.contains(figure));
  }

  private static String row(String screen, String text) {
    return screen.lines().filter(l -> l.contains(text)).findFirst().orElseThrow(() -> new AssertionError(
        "no row with " + text + " in:\n" + screen));
  }

  private static String lastLine(String screen) {
    List<String> lines = screen.lines().filter(l -> !l.isBlank()).toList();
    return lines.get(lines.size() - 1);
  }

  private static void append(Path feed, List<String> lines) throws Exception {
    Files.write(feed, lines, StandardOpenOption.APPEND);
  }
}
