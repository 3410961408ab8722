package logmon.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A steady feed of combined-log lines appended to a file (served by {@link Netcat#following}), in
 * which a given share of the responses are 500s: an incident the test switches on and off. Every
 * line carries the current time, so the lag stays small. Closing it stops the writer thread.
 */
final class AlertFeed implements AutoCloseable {

  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

  private final Path file;
  private final int linesPerSecond;
  private final Thread writer;
  private volatile int errorsPerTen;
  private volatile boolean running = true;
  private long written;
  private long errors;

  /** @param linesPerSecond written in ten slices a second */
  AlertFeed(Path file, int linesPerSecond) throws IOException {
    this.file = Files.createFile(file);
    this.linesPerSecond = linesPerSecond;
    this.writer = new Thread(this::write, "alert-feed");
    writer.setDaemon(true);
  }

  AlertFeed start() {
    writer.start();
    return this;
  }

  Path file() {
    return file;
  }

  /** From now on, {@code n} of every ten responses are 500s. */
  void errorsPerTen(int n) {
    errorsPerTen = n;
  }

  synchronized long written() {
    return written;
  }

  synchronized long errors() {
    return errors;
  }

  private void write() {
    int perSlice = Math.max(1, linesPerSecond / 10);
    long next = System.nanoTime();
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
      while (running) {
        StringBuilder slice = new StringBuilder();
        String now = ZonedDateTime.now(ZoneOffset.UTC).format(LOG_TIME);
        synchronized (this) {
          for (int i = 0; i < perSlice; i++) {
            boolean error = written % 10 < errorsPerTen;
            slice.append("10.0.0.").append(written % 7).append(" - - [").append(now).append("] \"GET /page")
                .append(written % 5).append(" HTTP/1.1\" ").append(error ? 500 : 200).append(" 512 \"-\" \"feed\"\n");
            written++;
            errors += error ? 1 : 0;
          }
        }
        out.write(slice.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        next += 100_000_000L;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
    } catch (IOException | InterruptedException e) {
      // the test is over
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    writer.interrupt();
    writer.join(10_000);
  }
}
