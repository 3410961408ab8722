package logmon.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A connection proves itself by data or by staying open; one closed at once never does. */
class FirstReadSignalTest {

  private final AtomicInteger proved = new AtomicInteger();

  private interface Server {
    void serve(Socket client) throws Exception;
  }

  private int readAll(Server server) throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread thread = new Thread(() -> {
        try (Socket client = listener.accept()) {
          server.serve(client);
        } catch (Exception ignored) {
          // the test's assertions tell
        }
      });
      thread.start();
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
        socket.setSoTimeout(200);
        var in = new FirstReadSignal(socket, proved::incrementAndGet);
        int total = 0;
        byte[] buffer = new byte[64];
        for (int n; (n = in.read(buffer, 0, buffer.length)) >= 0; ) {
          total += n;
        }
        thread.join(30_000);
        return total;
      }
    }
  }

  /** Waits (at most 30 s, a hang detector) until the connection has proved itself. */
  private void awaitProved(String by) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (proved.get() == 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited 30 s for the connection to be proved by " + by);
      }
      Thread.sleep(10);
    }
  }

  @Test
  void aConnectionClosedAtOnceNeverProvesItself() throws Exception {
    assertThat(readAll(client -> { })).isZero();
    assertThat(proved).hasValue(0);
  }

  @Test
  void dataProvesItOnce() throws Exception {
    assertThat(readAll(client -> {
      client.getOutputStream().write("line one\nline two\n".getBytes());
      client.getOutputStream().flush();
      awaitProved("the first bytes read"); // so that the rest comes in a read of its own
      client.getOutputStream().write("three\n".getBytes());
    })).isEqualTo(24);
    assertThat(proved).hasValue(1);
  }

  @Test
  void stayingOpenAndQuietProvesItAndLiftsTheTimeout() throws Exception {
    assertThat(readAll(client -> {
      // Quiet until the 200 ms read timeout has proved the connection, then quiet for longer than
      // that timeout again: a timeout left in place after the proof would fail the next read. (A
      // scenario's length, not a wait for anything: a slow machine only makes it longer.)
      awaitProved("the read timeout on a quiet connection");
      Thread.sleep(700);
      client.getOutputStream().write("late\n".getBytes());
    })).isEqualTo(5);
    assertThat(proved).hasValue(1);
  }

  @Test
  void singleByteReadsWork() throws IOException, Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread thread = new Thread(() -> {
        try (Socket client = listener.accept()) {
          client.getOutputStream().write(0xff);
        } catch (IOException ignored) {
          // the assertions tell
        }
      });
      thread.start();
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
        socket.setSoTimeout(200);
        var in = new FirstReadSignal(socket, proved::incrementAndGet);
        assertThat(in.read()).isEqualTo(0xff);
        assertThat(in.read()).isEqualTo(-1);
      }
      thread.join(5000);
    }
    assertThat(proved).hasValue(1);
  }
}
