package logmon.source;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import logmon.core.SourceStatus.State;
import org.apache.spark.storage.StorageLevel;

/**
 * Connects to a TCP server that writes log lines (such as {@code nc -lk 9999}) and reconnects
 * after a second whenever the connection fails or closes. Lines sent while disconnected are lost,
 * as they would be with nc itself.
 */
public final class SocketLineReceiver extends LineReceiver {

  static final int RETRY_DELAY_MILLIS = 1000;
  private static final int CONNECT_TIMEOUT_MILLIS = 5000;

  private final String host;
  private final int port;
  private transient volatile Socket socket;

  public SocketLineReceiver(String sourceName, String host, int port, StorageLevel storageLevel,
      int maxLineBytes) {
    super(sourceName, storageLevel, maxLineBytes);
    this.host = host;
    this.port = port;
  }

  @Override
  protected void receive() {
    String where = host + ":" + port;
    try (Socket connection = new Socket()) {
      socket = connection;
      reportState(State.CONNECTING, where);
      connection.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
      reportState(State.CONNECTED, where);
      storeLines(connection.getInputStream());
      if (!isStopped()) {
        reportState(State.DISCONNECTED, "the source closed the connection");
        restart("source " + where + " closed the connection", null, RETRY_DELAY_MILLIS);
      }
    } catch (IOException e) {
      if (!isStopped()) {
        reportState(State.DISCONNECTED, describe(e));
        restart("cannot read from " + where + ": " + describe(e), null, RETRY_DELAY_MILLIS);
      }
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }

  @Override
  public void onStop() {
    Socket current = socket;
    if (current != null) {
      try {
        current.close(); // unblocks the reader thread
      } catch (IOException ignored) {
        // closing is best effort; the reader thread ends either way
      }
    }
  }
}
