package logmon.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Plays a log file over a loopback TCP socket, in the role of {@code nc -lk 127.0.0.1 PORT}: it
 * accepts one client at a time, and starts each connection where the file left off, looping the
 * file as often as needed. Lines go out at a fixed rate (after a linear ramp from zero), paced per
 * chunk of lines written with one gathering write, or as fast as the client reads.
 *
 * <p>Every {@code probeInterval} it puts a probe line at the head of the chunk it is about to
 * write: a well-formed request whose status code (600..999, which no server sends and logmon
 * counts as neither success nor error) tells which probe it is, so the harness can see in the
 * JSON {@code status} counts when logmon first counted it. The probe's send time is taken just
 * before the write that carries it.
 *
 * <pre>
 *   java -cp bench/target/classes logmon.bench.Feeder --file access.log --port 9999 --rate 100000
 * </pre>
 */
public final class Feeder implements AutoCloseable {

  public static final int PROBE_FIRST_STATUS = 600;
  public static final int PROBE_STATUSES = 400;
  /** At most this many lines per write, so pacing stays fine-grained and writes stay large. */
  private static final int MAX_CHUNK_LINES = 4096;

  /** One probe line: its sequence number, the status code that marks it, when it was written. */
  public record Probe(long seq, int status, long sentNanos) {}

  private final MappedByteBuffer data;
  private final int dataLength;
  private final double linesPerSecond;
  private final double rampSeconds;
  private final long probeIntervalNanos;
  private final ServerSocketChannel server;
  private final Thread thread;
  private final AtomicLong linesSent = new AtomicLong();
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicLong connections = new AtomicLong();
  private final List<Probe> probes = new ArrayList<>();
  private volatile long firstConnectNanos;
  private volatile long scheduleStartNanos;
  private volatile boolean closed;
  private volatile SocketChannel client;
  private int position;
  private long probeSeq;

  /**
   * @param linesPerSecond  the rate; 0 or less for as fast as the client reads
   * @param rampSeconds     seconds over which the rate rises linearly from zero
   * @param probeIntervalMs milliseconds between probes; 0 for none
   */
  public Feeder(Path file, int port, double linesPerSecond, double rampSeconds, long probeIntervalMs)
      throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      if (channel.size() > Integer.MAX_VALUE || channel.size() == 0) {
        throw new IOException("the feeder plays files of 1 byte to 2 GiB, not " + channel.size() + " bytes");
      }
      data = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
      dataLength = (int) channel.size();
    }
    this.linesPerSecond = linesPerSecond;
    this.rampSeconds = Math.max(0, rampSeconds);
    this.probeIntervalNanos = probeIntervalMs * 1_000_000L;
    // Loopback only: a benchmark never listens on the network.
    server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    thread = new Thread(this::serve, "feeder");
    thread.setDaemon(true);
  }

  public static void main(String[] args) throws Exception {
    Path file = null;
    int port = 9999;
    double rate = 0;
    double ramp = 0;
    long probeMs = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--file" -> file = Path.of(args[++i]);
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--rate" -> rate = Double.parseDouble(args[++i].replace("_", ""));
        case "--max" -> rate = 0;
        case "--ramp" -> ramp = Double.parseDouble(args[++i]);
        case "--probe-ms" -> probeMs = Long.parseLong(args[++i]);
        default -> {
          System.err.println("usage: Feeder --file F [--port P] [--rate N | --max] [--ramp S] [--probe-ms M]");
          System.exit(2);
        }
      }
    }
    if (file == null) {
      System.err.println("Feeder: --file is required");
      System.exit(2);
    }
    try (Feeder feeder = new Feeder(file, port, rate, ramp, probeMs).start()) {
      System.err.printf(Locale.ROOT, "feeding %s on 127.0.0.1:%d at %s; Ctrl-C stops%n", file, feeder.port(),
          rate > 0 ? String.format(Locale.ROOT, "%,.0f lines/s", rate) : "full speed");
      long last = 0;
      while (true) {
        Thread.sleep(1000);
        long now = feeder.linesSent();
        System.err.printf(Locale.ROOT, "%,d lines/s, %,d lines in all%n", now - last, now);
        last = now;
      }
    }
  }

  public Feeder start() {
    thread.start();
    return this;
  }

  public int port() {
    return server.socket().getLocalPort();
  }

  public long linesSent() {
    return linesSent.get();
  }

  public long bytesSent() {
    return bytesSent.get();
  }

  public long connections() {
    return connections.get();
  }

  /** System.nanoTime() of the first connection, or 0 before it. */
  public long firstConnectNanos() {
    return firstConnectNanos;
  }

  /** Lines the schedule asks for by {@code nanos} since the first connection (0 at full speed). */
  public long scheduledLines(long nanos) {
    long start = scheduleStartNanos;
    if (start == 0 || linesPerSecond <= 0) {
      return 0;
    }
    return (long) scheduled((nanos - start) / 1e9);
  }

  public synchronized List<Probe> probes() {
    return List.copyOf(probes);
  }

  private double scheduled(double seconds) {
    if (seconds <= 0) {
      return 0;
    }
    if (seconds < rampSeconds) {
      return linesPerSecond * seconds * seconds / (2 * rampSeconds);
    }
    return linesPerSecond * (seconds - rampSeconds / 2);
  }

  private void serve() {
    while (!closed) {
      try (SocketChannel accepted = server.accept()) {
        client = accepted;
        connections.incrementAndGet();
        long now = System.nanoTime();
        if (firstConnectNanos == 0) {
          firstConnectNanos = now;
          scheduleStartNanos = now;
        }
        play(accepted);
      } catch (IOException e) {
        // The client went away (logmon stopped or reconnects), or we are closing: accept again.
      } finally {
        client = null;
      }
    }
  }

  /** Writes lines on schedule until the client goes away. Lines due while nobody listens are lost. */
  private void play(SocketChannel channel) throws IOException {
    // Like a live log: what was due before this connection is not sent in a burst.
    long sentHere = 0;
    long offset = linesPerSecond > 0 ? (long) scheduled((System.nanoTime() - scheduleStartNanos) / 1e9) : 0;
    long nextProbe = System.nanoTime();
    ByteBuffer[] writes = new ByteBuffer[2];
    while (!closed) {
      long now = System.nanoTime();
      long due;
      if (linesPerSecond > 0) {
        due = (long) scheduled((now - scheduleStartNanos) / 1e9) - offset - sentHere;
        if (due <= 0) {
          LockSupport.parkNanos(Math.min(1_000_000L, (long) (1e9 / linesPerSecond)));
          continue;
        }
      } else {
        due = MAX_CHUNK_LINES;
      }
      int lines = (int) Math.min(due, MAX_CHUNK_LINES);
      ByteBuffer probe = null;
      if (probeIntervalNanos > 0 && now >= nextProbe) {
        probe = probeLine();
        nextProbe = now + probeIntervalNanos;
        lines = Math.max(1, lines - 1);
      }
      Span span = linesFrom(position, lines);
      writes[0] = probe == null ? ByteBuffer.allocate(0) : probe;
      writes[1] = data.slice(position, span.end() - position);
      long sentNanos = System.nanoTime();
      if (probe != null) {
        synchronized (this) {
          probes.add(new Probe(probeSeq, statusOf(probeSeq), sentNanos));
        }
        probeSeq++;
      }
      long bytes = 0;
      while (writes[0].hasRemaining() || writes[1].hasRemaining()) {
        bytes += channel.write(writes);
      }
      position = span.end() == dataLength ? 0 : span.end();
      int total = span.lines() + (probe == null ? 0 : 1);
      sentHere += total;
      linesSent.addAndGet(total);
      bytesSent.addAndGet(bytes);
    }
  }

  /** Where a run of lines ends in the file, and how many lines it holds. */
  private record Span(int end, int lines) {}

  /** Up to {@code lines} lines from {@code start}: fewer when the end of the file comes first. */
  private Span linesFrom(int start, int lines) {
    int count = 0;
    int p = start;
    while (p < dataLength && count < lines) {
      if (data.get(p++) == '\n') {
        count++;
      }
    }
    if (p == dataLength && (dataLength == 0 || data.get(dataLength - 1) != '\n')) {
      count++; // a last line without its newline still counts as a line sent
    }
    return new Span(p, count);
  }

  static int statusOf(long seq) {
    return PROBE_FIRST_STATUS + (int) (seq % PROBE_STATUSES);
  }

  private ByteBuffer probeLine() {
    long nowMillis = System.currentTimeMillis();
    String line = "127.0.0.1 - - [" + LogGenerator.formatTimestamp(nowMillis / 1000) + "] \"GET /bench/probe?seq="
        + probeSeq + "&sent=" + nowMillis + " HTTP/1.1\" " + statusOf(probeSeq) + " 0 \"-\" \"logmon-bench-probe\"\n";
    return ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    SocketChannel current = client;
    if (current != null) {
      current.close();
    }
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
