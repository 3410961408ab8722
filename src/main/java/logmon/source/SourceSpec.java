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

  /**
   * New files moved into a directory (Spark's {@code textFileStream} contract: files appear
   * atomically, are never appended to, and carry a recent modification time).
   */
  record Directory(Path dir) implements SourceSpec {
    @Override
    public String description() {
      return "dir " + dir;
    }
  }

  /** A Kafka topic, read with Spark's direct stream; offsets are committed after each batch. */
  record Kafka(String brokers, String topic, boolean fromEarliest) implements SourceSpec {
    @Override
    public String description() {
      return "kafka " + topic + "@" + brokers;
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
