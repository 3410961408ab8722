package logmon.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Watches a --dir source beside Spark and reports, rather than lets pass in silence, the files
 * Spark's textFileStream will not count: files whose modification time is too old when they
 * appear (rsync -a keeps the sender's times), and files that grow after they were read.
 */
public final class DirectoryWatcher implements AutoCloseable {

  /** Spark ignores a new file modified longer ago than this (fileStream's remember duration). */
  public static final long MAX_AGE_MILLIS = 60_000;

  private final Path dir;
  private final long startMillis;
  private final Consumer<String> notice;
  private final Map<Path, Long> sizes = new HashMap<>();
  private final Thread thread;
  private volatile boolean stopped;
  private boolean firstPoll = true;

  public DirectoryWatcher(Path dir, long pollMillis, Consumer<String> notice) {
    this.dir = dir;
    this.startMillis = System.currentTimeMillis();
    this.notice = notice;
    this.thread = new Thread(() -> {
      while (!stopped) {
        poll(System.currentTimeMillis());
        try {
          Thread.sleep(pollMillis);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "logmon-dir-watcher");
    thread.setDaemon(true);
  }

  public DirectoryWatcher start() {
    thread.start();
    return this;
  }

  void poll(long nowMillis) {
    try (Stream<Path> listing = Files.list(dir)) {
      var files = listing.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().startsWith(".") && !f.getFileName().toString().startsWith("_"))
          .toList();
      if (firstPoll) {
        // What was there before logmon started is not read: say so once, not per file.
        firstPoll = false;
        files.forEach(file -> sizes.put(file, sizeOf(file)));
        if (!files.isEmpty()) {
          notice.accept(files.size() + " file(s) already in " + dir + " are not counted: only files"
              + " that appear after logmon starts are read");
        }
        return;
      }
      files.forEach(file -> check(file, nowMillis));
    } catch (IOException e) {
      notice.accept("cannot list " + dir + ": " + e.getMessage());
    }
  }

  private void check(Path file, long nowMillis) {
    try {
      long modified = Files.getLastModifiedTime(file).toMillis();
      long size = Files.size(file);
      Long seen = sizes.put(file, size);
      if (seen == null) {
        long threshold = Math.max(startMillis, nowMillis - MAX_AGE_MILLIS);
        if (modified < threshold) {
          notice.accept(file.getFileName() + " is not counted: its modification time is "
              + (nowMillis - modified) / 1000 + " s old (Spark reads only files modified after logmon"
              + " started and within the last minute; touch it, or copy without keeping times)");
        }
      } else if (size > seen) {
        notice.accept(file.getFileName() + " grew after it appeared: lines appended to a file are not"
            + " counted (write files elsewhere, then move them in)");
      }
    } catch (IOException e) {
      // gone already (moved away or deleted): nothing to report
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
  }
}
