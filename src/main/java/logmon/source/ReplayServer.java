package logmon.source;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Plays a log file to whoever connects, over a socket on loopback only, at a steady rate: the
 * role {@code tail -f access.log | nc -lk 9999} plays in the classic recipe, without a second
 * terminal. A reconnecting client continues where the last one stopped.
 */
public final class ReplayServer implements AutoCloseable {

  private final List<byte[]> lines;
  private final double linesPerSecond;
  private final boolean loop;
  private final ServerSocket server;
  private final Thread acceptor;
  private int next;

  public ReplayServer(Path file, double linesPerSecond, boolean loop) throws IOException {
    this.lines = splitLines(Files.readAllBytes(file));
    this.linesPerSecond = linesPerSecond;
    this.loop = loop;
    this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::serve, "logmon-replay");
    acceptor.setDaemon(true);
  }

  /** Each line with its LF, bytes untouched (CRLF stays CRLF); a missing last LF is added. */
  static List<byte[]> splitLines(byte[] content) {
    List<byte[]> result = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < content.length; i++) {
      if (content[i] == '\n') {
        result.add(Arrays.copyOfRange(content, start, i + 1));
        start = i + 1;
      }
    }
    if (start < content.length) {
      byte[] last = Arrays.copyOfRange(content, start, content.length + 1);
      last[last.length - 1] = '\n';
      result.add(last);
    }
    return List.copyOf(result);
  }

  public ReplayServer start() {
    acceptor.start();
    return this;
  }

  public int port() {
    return server.getLocalPort();
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket client = server.accept()) {
        play(client.getOutputStream());
        idleUntilClosed(client);
      } catch (IOException e) {
        // The client went away (or we are closing): wait for the next one.
      }
    }
  }

  private void play(OutputStream raw) throws IOException {
    OutputStream out = new BufferedOutputStream(raw, 64 * 1024);
    long start = System.nanoTime();
    long sent = 0;
    while (next < lines.size()) {
      out.write(lines.get(next));
      next++;
      sent++;
      if (next == lines.size() && loop) {
        next = 0;
      }
      long due = start + (long) (sent * 1e9 / linesPerSecond);
      long wait = due - System.nanoTime();
      if (wait > 1_000_000) {
        out.flush();
        LockSupport.parkNanos(wait);
      }
    }
    out.flush();
  }

  /** Keeps the connection open after the file ends, so the receiver does not reconnect in a loop. */
  private static void idleUntilClosed(Socket client) throws IOException {
    while (client.getInputStream().read() >= 0) {
      // discard anything the client sends
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
