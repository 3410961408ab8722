package logmon.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import logmon.core.OverloadPolicy;
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
  /** A new connection after an outage counts as connected once open this long, or on data. */
  private static final int PROVE_CONNECTION_MILLIS = 500;

  private final String host;
  private final int port;
  private transient volatile Socket socket;
  /** Set while reconnecting after a failure: retries stay "disconnected", not "connecting". */
  private transient volatile boolean retrying;

  public SocketLineReceiver(String sourceName, String host, int port, StorageLevel storageLevel,
      int maxLineBytes, OverloadPolicy overload) {
    super(sourceName, storageLevel, maxLineBytes, overload);
    this.host = host;
    this.port = port;
  }

  @Override
  protected void receive() {
    String where = host + ":" + port;
    try (Socket connection = new Socket()) {
      socket = connection;
      if (!retrying) {
        reportState(State.CONNECTING, where);
      }
      connection.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
      InputStream in;
      if (retrying) {
        // After an outage, a server that accepts and at once closes (nc -N -lk once its file is
        // sent, a port forwarder with nothing behind it) would make every retry "connected" and
        // then "disconnected": two stderr lines a second. Say connected once the connection
        // delivers data or stays open.
        connection.setSoTimeout(PROVE_CONNECTION_MILLIS);
        in = new FirstReadSignal(connection, () -> connected(where));
      } else {
        connected(where);
        in = connection.getInputStream();
      }
      storeLines(in);
      if (!stopping()) {
        retry("the source closed the connection", "source " + where + " closed the connection");
      }
    } catch (IOException e) {
      if (!stopping()) {
        retry(describe(e), "cannot read from " + where + ": " + describe(e));
      }
    }
  }

  private void connected(String where) {
    retrying = false;
    reportState(State.CONNECTED, where);
  }

  /**
   * Reports the source disconnected (once per outage: every report is a line on stderr and an
   * RPC to the driver) and tries again after {@link #RETRY_DELAY_MILLIS}.
   */
  private void retry(String detail, String logMessage) {
    if (!retrying) {
      retrying = true;
      reportState(State.DISCONNECTED, detail);
    }
    restart(logMessage, null, RETRY_DELAY_MILLIS);
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
