package logmon.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import logmon.source.SourceSpec;
import picocli.CommandLine.Option;

/** Where the lines come from: the source options, and the rules for combining them. */
final class SourceOptions {

  @Option(names = "--host", paramLabel = "HOST",
      description = "Host of the TCP log source (default: 127.0.0.1). On a cluster, name it as the"
          + " executors see it: 127.0.0.1 is each executor's own machine.")
  String host;

  @Option(names = {"-p", "--port"}, paramLabel = "PORT",
      description = "Port of the TCP log source, 1-65535 (default: 9999).")
  Integer port;

  @Option(names = "--socket", paramLabel = "HOST:PORT",
      description = "Another TCP log source; repeat for more. Sources are counted together and apart.")
  List<String> sockets = new ArrayList<>();

  @Option(names = "--stdin", description = "Read log lines from standard input (local mode only).")
  boolean stdin;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Count the lines of each new file moved into DIR (files must appear whole and"
          + " never grow; see the README).")
  Path dir;

  @Option(names = "--kafka", paramLabel = "BROKERS",
      description = "Read lines from Kafka brokers (host:port,...); needs --topic.")
  String kafka;

  @Option(names = "--topic", paramLabel = "TOPIC", description = "The Kafka topic to read.")
  String topic;

  @Option(names = "--kafka-from", paramLabel = "WHERE", completionCandidates = CompletionValues.KafkaFrom.class,
      description = "latest (default: only new records) or earliest (the whole topic first).")
  String kafkaFrom;

  @Option(names = "--replay", paramLabel = "FILE",
      description = "Play FILE over a private loopback socket at --rate lines/s, as a live log would arrive.")
  Path replay;

  @Option(names = "--rate", paramLabel = "LINES",
      description = "Lines per second for --replay (default: 100).")
  Double rate;

  @Option(names = "--loop", description = "With --replay: start again at the end of the file.")
  boolean loop;

  /** The chosen sources, checked; the classic 127.0.0.1:9999 socket when none is named. */
  List<SourceSpec> specs(boolean local) {
    List<SourceSpec> specs = new ArrayList<>();
    if (replay != null) {
      if (host != null || port != null || !sockets.isEmpty() || stdin || dir != null || kafka != null) {
        throw new UsageException("--replay is a source of its own: it cannot be combined with other sources");
      }
      return List.of(replaySpec(local));
    }
    if (rate != null || loop) {
      throw new UsageException("--rate and --loop apply to --replay only");
    }
    if (host != null || port != null) {
      specs.add(socket(host == null ? "127.0.0.1" : host, port == null ? 9999 : port, local));
    }
    for (String socket : sockets) {
      int colon = socket.lastIndexOf(':');
      if (colon <= 0) {
        throw new UsageException("--socket must be HOST:PORT, not '" + socket + "'");
      }
      specs.add(socket(socket.substring(0, colon).replaceAll("^\\[|]$", ""),
          parsePort(socket.substring(colon + 1)), local));
    }
    if (stdin) {
      if (!local) {
        throw new UsageException("--stdin works in local mode only: on a cluster the receiver runs on an"
            + " executor, which cannot read this terminal's input; use --host/--port");
      }
      specs.add(new SourceSpec.Stdin());
    }
    if (dir != null) {
      if (!Files.isDirectory(dir)) {
        throw new UsageException("--dir: '" + dir + "' is not a directory");
      }
      specs.add(new SourceSpec.Directory(dir.toAbsolutePath().normalize()));
    }
    specs.addAll(kafkaSpec());
    if (specs.isEmpty()) {
      specs.add(socket("127.0.0.1", 9999, local));
    }
    if (new HashSet<>(specs).size() < specs.size()) {
      throw new UsageException("the same source is named twice");
    }
    return List.copyOf(specs);
  }

  private SourceSpec replaySpec(boolean local) {
    if (!Files.isReadable(replay) || Files.isDirectory(replay)) {
      throw new UsageException("--replay: cannot read file '" + replay + "'");
    }
    double linesPerSecond = rate == null ? 100 : rate;
    if (!(linesPerSecond > 0) || Double.isInfinite(linesPerSecond)) {
      throw new UsageException("--rate must be a positive number of lines per second, not " + rate);
    }
    if (!local) {
      throw new UsageException("--replay works in local mode only: it serves on this machine's loopback");
    }
    return new SourceSpec.Replay(replay, linesPerSecond, loop);
  }

  private List<SourceSpec> kafkaSpec() {
    if (kafka == null && topic == null && kafkaFrom == null) {
      return List.of();
    }
    if (kafka == null || topic == null) {
      throw new UsageException("--kafka BROKERS and --topic TOPIC go together");
    }
    if (kafkaFrom != null && !kafkaFrom.equals("latest") && !kafkaFrom.equals("earliest")) {
      throw new UsageException("--kafka-from must be latest or earliest, not '" + kafkaFrom + "'");
    }
    return List.of(new SourceSpec.Kafka(kafka, topic, "earliest".equals(kafkaFrom)));
  }

  private static SourceSpec socket(String host, int port, boolean local) {
    if (port < 1 || port > 65535) {
      throw new UsageException("--port must be between 1 and 65535, not " + port);
    }
    String h = host.trim();
    if (h.isEmpty()) {
      throw new UsageException("--host must not be empty");
    }
    if (local) {
      try {
        InetAddress.getByName(h);
      } catch (UnknownHostException e) {
        throw new UsageException("--host '" + h + "' does not resolve");
      }
    }
    return new SourceSpec.Socket(h, port);
  }

  private static int parsePort(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new UsageException("--socket port must be a number, not '" + text + "'");
    }
  }
}
