package logmon.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A source faster than logmon: a loopback server that writes access-log lines to its first client
 * as fast as the socket takes them, for a given time, then closes that connection (later clients
 * get nothing). It counts every line the socket accepted, per status code, so a test can hold
 * logmon's totals against exactly what was sent. Lines carry the current time (for the lag).
 */
final class Flood implements AutoCloseable {

  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);
  /** Each chunk of lines: 4 status codes in fixed shares, 500 endpoints, 250 clients. */
  private static final int[] STATUS = {200, 200, 200, 200, 200, 200, 304, 404, 500, 200};
  private static final int CHUNK_LINES = 1000;

  private final ServerSocket server;
  private final Duration length;
  /** Every line a path of its own, 20 KB long: a cardinality no heap holds for long. */
  private final boolean uniquePaths;
  private long pathsMade;
  private final Thread writer;
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile long sent;
  private volatile boolean closed;

  Flood(Duration length) throws IOException {
    this(length, false);
  }

  private Flood(Duration length, boolean uniquePaths) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.length = length;
    this.uniquePaths = uniquePaths;
    this.writer = new Thread(this::serve, "flood-" + server.getLocalPort());
    writer.setDaemon(true);
    writer.start();
  }

  /** A flood whose every line has a new 20 KB path. */
  static Flood ofUniquePaths(Duration length) throws IOException {
    return new Flood(length, true);
  }

  int port() {
    return server.getLocalPort();
  }

  long sent() {
    return sent;
  }

  /** Lines per status code among those sent (every chunk has the same mix). */
  TreeMap<String, Long> sentByStatus() {
    TreeMap<String, Long> byStatus = new TreeMap<>();
    long chunks = sent / CHUNK_LINES;
    for (int i = 0; i < CHUNK_LINES; i++) {
      byStatus.merge(Integer.toString(STATUS[i % STATUS.length]), chunks, Long::sum);
    }
    return byStatus;
  }

  /** Waits until the flood has ended (its time passed and the connection closed). */
  boolean awaitDone(long seconds) throws InterruptedException {
    return done.await(seconds, TimeUnit.SECONDS);
  }

  private void serve() {
    try (Socket client = server.accept()) {
      OutputStream out = client.getOutputStream();
      long end = System.nanoTime() + length.toNanos();
      long chunkMadeAt = 0;
      byte[] chunk = null;
      while (!closed && System.nanoTime() < end) {
        if (uniquePaths) {
          chunk = uniqueChunk(ZonedDateTime.now(ZoneOffset.UTC));
        } else if (chunk == null || System.nanoTime() - chunkMadeAt > 500_000_000L) {
          chunk = chunk(ZonedDateTime.now(ZoneOffset.UTC));
          chunkMadeAt = System.nanoTime();
        }
        out.write(chunk); // blocks while logmon's receiver holds back: TCP pushes back on us
        sent += CHUNK_LINES;
      }
      out.flush();
    } catch (IOException e) {
      // The reader went away (logmon exited, as in the out-of-memory test): the flood ends; what
      // was sent is what the socket took before.
    } finally {
      done.countDown();
    }
    // Later connections (a reconnecting receiver) get nothing: what was sent is all there is.
    while (!closed) {
      try {
        server.accept();
      } catch (IOException e) {
        return;
      }
    }
  }

  private byte[] uniqueChunk(ZonedDateTime now) {
    String time = LOG_TIME.format(now);
    String padding = "x".repeat(20_000);
    StringBuilder lines = new StringBuilder(CHUNK_LINES * 20_100);
    for (int i = 0; i < CHUNK_LINES; i++) {
      lines.append("10.2.0.").append(i % 100).append(" - - [").append(time).append("] \"GET /unique/")
          .append(pathsMade++).append('/').append(padding).append(" HTTP/1.1\" 200 1\n");
    }
    return lines.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] chunk(ZonedDateTime now) {
    String time = LOG_TIME.format(now);
    StringBuilder lines = new StringBuilder(CHUNK_LINES * 120);
    for (int i = 0; i < CHUNK_LINES; i++) {
      int status = STATUS[i % STATUS.length];
      lines.append("10.1.").append(i % 250 / 100).append('.').append(i % 100)
          .append(" - - [").append(time).append("] \"GET /page/").append(i % 500)
          .append("?q=flood HTTP/1.1\" ").append(status).append(' ').append(100 + i).append('\n');
    }
    return lines.toString().getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
  }
}
