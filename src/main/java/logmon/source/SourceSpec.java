package logmon.source;

import java.nio.file.Path;

/** Where logmon reads lines from. */
public sealed interface SourceSpec {

  /** A text a user recognises in the dashboard and the JSON, e.g. {@code 127.0.0.1:9999}. */
  String description();

  /** A TCP server that writes log lines, as {@code nc -lk 9999} does; logmon connects to it. */
  record Socket(String host, int port) implements SourceSpec {
    @Override
    public String description() {
      return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
  }

  /** The process's standard input (local mode only: a receiver on a cluster has no such stream). */
  record Stdin() implements SourceSpec {
    @Override
    public String description() {
      return "stdin";
    }
  }

  /** A file played over a private loopback socket at a steady rate, as a live log would arrive. */
  record Replay(Path file, double linesPerSecond, boolean loop) implements SourceSpec {
    @Override
    public String description() {
      return "replay of " + file.getFileName() + (loop ? " (looping)" : "");
    }
  }
}
