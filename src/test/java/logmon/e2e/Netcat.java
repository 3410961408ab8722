package logmon.e2e;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code nc -lk 127.0.0.1 PORT} (netcat-openbsd) serving log lines to logmon: either a file
 * that grows ({@code tail -n +1 -f FEED | nc -lk}, append to FEED to send more) or a fixed file
 * ({@code nc -N -lk < FILE}, the connection closes at the end of the file).
 */
final class Netcat implements AutoCloseable {

  static final String NC = "/usr/bin/nc";

  private final List<Process> processes;
  final int port;

  private Netcat(List<Process> processes, int port) {
    this.processes = processes;
    this.port = port;
  }

  /** {@code tail -n +1 -f feed | nc -lk 127.0.0.1 port}: every line appended to feed is sent. */
  static Netcat following(Path feed, int port) throws IOException, InterruptedException {
    return fedBy(new ProcessBuilder("tail", "-n", "+1", "-f", feed.toString()), port);
  }

  /**
   * {@code while :; do cat file; sleep 0.5; done | nc -lk 127.0.0.1 port}: lines keep flowing, a
   * copy of the file every half second, until closed.
   */
  static Netcat repeating(Path file, int port) throws IOException, InterruptedException {
    return fedBy(new ProcessBuilder("bash", "-c", "while :; do cat \"$0\"; sleep 0.5; done",
        file.toString()), port);
  }

  /** {@code producer | nc -lk 127.0.0.1 port}, once nc listens. */
  private static Netcat fedBy(ProcessBuilder producer, int port) throws IOException, InterruptedException {
    HostTools.require(NC, "netcat-openbsd");
    List<Process> pipeline = ProcessBuilder.startPipeline(List.of(
        producer.redirectError(ProcessBuilder.Redirect.DISCARD),
        new ProcessBuilder(NC, "-lk", "127.0.0.1", Integer.toString(port))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)));
    Netcat netcat = new Netcat(new ArrayList<>(pipeline), port);
    netcat.awaitListening();
    return netcat;
  }

  /**
   * {@code nc -N -lk 127.0.0.1 port < file}: the first client gets the file, then the connection
   * closes, so a last line without a newline is complete.
   */
  static Netcat serving(Path file, int port) throws IOException, InterruptedException {
    HostTools.require(NC, "netcat-openbsd");
    Process nc = new ProcessBuilder(NC, "-N", "-lk", "127.0.0.1", Integer.toString(port))
        .redirectInput(file.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    Netcat netcat = new Netcat(new ArrayList<>(List.of(nc)), port);
    netcat.awaitListening();
    return netcat;
  }

  /** Polls ss(8) rather than connecting: a probe connection would take the data meant for logmon. */
  private void awaitListening() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!ProcFs.listeningOn(port).isEmpty()) {
        return;
      }
      if (!processes.get(processes.size() - 1).isAlive()) {
        fail("nc on port %d exited at once (port taken?)", port);
      }
      Thread.sleep(50);
    }
    fail("nc did not listen on 127.0.0.1:%d within 10 s", port);
  }

  /** The processes of the pipeline, nc last. */
  List<Process> processes() {
    return List.copyOf(processes);
  }

  /** The nc process (not tail). */
  Process nc() {
    return processes.get(processes.size() - 1);
  }

  /** Kills nc (and tail), like a source that goes away, and waits until they are gone. */
  @Override
  public void close() throws InterruptedException {
    for (Process process : processes) {
      process.destroyForcibly();
    }
    for (Process process : processes) {
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
