package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "What changed" on the real bin/logmon: a 4 s window over a steady feed on stdin whose endpoints
 * change at once. Before: /a 4, /b 2 lines a tick. After: /b 4, /c 3, /a 1. The first window that
 * holds (almost) only the new traffic ranks /b, /c, /a, and is compared with the window that ended
 * where it starts, which held only the old: /c is new, /b was 2nd, /a (falling) was 1st.
 */
class ChangesEndToEndTest {

  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

  @RegisterExtension
  final E2e e2e = new E2e();

  private volatile boolean after;
  private volatile boolean running = true;

  @Test
  void aNewEndpointIsMarkedNewAndAFallingOneKeepsItsPreviousRank() throws Exception {
    LogmonProcess logmon = e2e.logmon("--stdin", "--window", "4s", "--batch", "1s", "--output", "json");
    Thread feeder = new Thread(() -> feed(logmon.process.getOutputStream()), "changes-feed");
    feeder.setDaemon(true);
    feeder.start();
    try {
      // A whole window of the old traffic, compared with one before it.
      JsonNode settled = logmon.awaitJson("a window of the old traffic with a previous window", 180,
          o -> !o.get("previousWindow").isNull() && o.get("previousWindow").get("requests").asLong() > 0
              && endpoints(o).equals(List.of("/a", "/b")));
      assertThat(settled.get("topEndpoints").get(0).get("new").asBoolean()).isFalse();
      assertThat(settled.get("topEndpoints").get(0).get("previousRank").asInt()).isEqualTo(1);
      int from = logmon.completeJsonLines().size();
      after = true;

      JsonNode changed = logmon.awaitJson("/c new among /b, /c, /a", from, 120,
          o -> endpoints(o).equals(List.of("/b", "/c", "/a")) && row(o, 1).get("new").asBoolean());
      assertThat(row(changed, 0).get("previousRank").asInt()).as("/b was second").isEqualTo(2);
      assertThat(row(changed, 1).get("previousRank").isNull()).as("/c is new").isTrue();
      assertThat(row(changed, 2).get("new").asBoolean()).isFalse();
      assertThat(row(changed, 2).get("previousRank").asInt()).as("/a, falling, was first").isEqualTo(1);
      assertThat(changed.get("previousWindow").get("span").asText()).isEqualTo("4s");
      assertThat(changed.get("previousWindow").get("change").has("requestsPercent")).isTrue();
    } finally {
      running = false;
      feeder.join(10_000);
    }
  }

  private static List<String> endpoints(JsonNode object) {
    List<String> endpoints = new ArrayList<>();
    object.get("topEndpoints").forEach(row -> endpoints.add(row.get("endpoint").asText()));
    return endpoints;
  }

  private static JsonNode row(JsonNode object, int index) {
    return object.get("topEndpoints").get(index);
  }

  /** Ten ticks a second; each line carries the current time. */
  private void feed(OutputStream stdin) {
    long next = System.nanoTime();
    try (stdin) {
      while (running) {
        String now = ZonedDateTime.now(ZoneOffset.UTC).format(LOG_TIME);
        StringBuilder tick = new StringBuilder();
        lines(tick, now, after ? "/b" : "/a", 4);
        lines(tick, now, after ? "/c" : "/b", after ? 3 : 2);
        if (after) {
          lines(tick, now, "/a", 1);
        }
        stdin.write(tick.toString().getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        next += 100_000_000L;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
    } catch (IOException | InterruptedException e) {
      // logmon is gone or the test is over
    }
  }

  private static void lines(StringBuilder tick, String now, String path, int count) {
    for (int i = 0; i < count; i++) {
      tick.append("10.0.0.").append(i).append(" - - [").append(now).append("] \"GET ").append(path)
          .append(" HTTP/1.1\" 200 512 \"-\" \"feed\"\n");
    }
  }
}
