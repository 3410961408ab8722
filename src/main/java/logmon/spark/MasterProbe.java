package logmon.spark;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Knocks at a standalone master's port before Spark tries: Spark retries an unreachable master
 * for 60 s with nothing but log lines to show for it, while a refused connection is known at once.
 */
final class MasterProbe {

  static final int CONNECT_TIMEOUT_MILLIS = 5_000;

  private MasterProbe() {}

  /** Host and port of each master in {@code spark://h1:p1,h2:p2}; empty for other masters. */
  static List<InetSocketAddress> addresses(String master) {
    List<InetSocketAddress> addresses = new ArrayList<>();
    if (!master.startsWith("spark://")) {
      return addresses;
    }
    for (String hostPort : master.substring("spark://".length()).split(",")) {
      int colon = hostPort.lastIndexOf(':');
      if (colon <= 0) {
        continue; // Spark reports a malformed URL better than we would
      }
      try {
        String host = hostPort.substring(0, colon).replaceAll("^\\[|]$", "");
        addresses.add(InetSocketAddress.createUnresolved(host, Integer.parseInt(hostPort.substring(colon + 1))));
      } catch (IllegalArgumentException e) {
        // a port that is no number or out of range: left to Spark too
      }
    }
    return addresses;
  }

  /**
   * Returns when one of the masters accepts a connection (or the URL names no standalone master).
   *
   * @throws MasterUnreachableException when none does, saying why the first one did not
   */
  static void check(String master) {
    List<InetSocketAddress> addresses = addresses(master);
    String why = null;
    for (InetSocketAddress address : addresses) {
      String failure = connect(address);
      if (failure == null) {
        return;
      }
      why = why == null ? failure : why;
    }
    if (why != null) {
      throw new MasterUnreachableException(master, why);
    }
  }

  /** null when it connects, else why not. */
  static String connect(InetSocketAddress unresolved) {
    InetSocketAddress address = new InetSocketAddress(unresolved.getHostString(), unresolved.getPort());
    if (address.isUnresolved()) {
      return "unknown host " + unresolved.getHostString();
    }
    try (Socket socket = new Socket()) {
      socket.connect(address, CONNECT_TIMEOUT_MILLIS);
      return null;
    } catch (ConnectException e) {
      // "Connection refused", or "Connection timed out" from the kernel
      return e.getMessage() == null ? "connection refused" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
    } catch (SocketTimeoutException e) {
      return "no answer within " + CONNECT_TIMEOUT_MILLIS / 1000 + " s";
    } catch (UnknownHostException e) {
      return "unknown host " + unresolved.getHostString();
    } catch (IOException e) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
  }
}
