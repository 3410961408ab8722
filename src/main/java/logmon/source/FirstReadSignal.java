package logmon.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A socket's input that runs an action once the connection has proved itself: when the first
 * bytes arrive, or when it stays open and quiet for the socket's read timeout (then the timeout is
 * lifted). A connection that closes before either never runs it.
 */
final class FirstReadSignal extends FilterInputStream {

  private final Socket socket;
  private final Runnable onProved;
  private boolean proved;

  /** {@code socket} must have a read timeout set: how long a quiet connection takes to prove itself. */
  FirstReadSignal(Socket socket, Runnable onProved) throws IOException {
    super(socket.getInputStream());
    this.socket = socket;
    this.onProved = onProved;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    while (!proved) {
      try {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
          prove();
        }
        return n;
      } catch (SocketTimeoutException quiet) {
        prove(); // open and quiet: a real connection, waiting for data
      }
    }
    return super.read(buffer, offset, length);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  private void prove() throws IOException {
    proved = true;
    socket.setSoTimeout(0);
    onProved.run();
  }
}
