package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --top status,path} on the real dashboard in a real tmux pane: the "More rankings" panel
 * shows the ranking of pairs, read back from the screen, and q leaves a clean shell.
 */
class RankingsTmuxTest {

  @RegisterExtension
  final E2e e2e = new E2e();

  @Test
  void aTopFieldRankingGetsItsPanelOnTheDashboard() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String path = i % 3 == 0 ? "/api/items" : "/index.html";
      int status = i % 10 == 0 ? 500 : 200;
      lines.add("10.0.0." + (i % 7) + " - - [07/Mar/2004:16:05:49 -0800] \"GET " + path + " HTTP/1.1\" " + status + " 99");
    }
    Path log = e2e.dir().resolve("access.log");
    Files.write(log, lines);
    int port = e2e.serving(log).port;
    try (TmuxPane pane = TmuxPane.open(Map.of())) {
      pane.type(Path.of("bin/logmon").toAbsolutePath() + " --cumulative --port " + port + " --top status,path --log-file "
          + e2e.dir().resolve("spark.log") + "; echo EXIT=$?");
      // 300 lines: /index.html 200 is 2/3 of the 270 answered 200, /api/items 200 the rest.
      String screen = pane.awaitScreen("the ranking of pairs", Duration.ofSeconds(240),
          text -> text.contains("More rankings") && text.contains("top status, path")
              && text.contains("180 200 /index.html") && text.contains("q quit"));
      assertThat(screen).contains("90 200 /api/items");
      pane.keys("q");
      assertThat(pane.awaitExit(Duration.ofSeconds(60))).contains("EXIT=0");
    }
  }
}
