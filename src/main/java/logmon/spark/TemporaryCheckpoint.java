package logmon.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoint directory of a cumulative run without --checkpoint: a new directory under the
 * temporary directory, locked while the run lives and removed when it stops. A run that could not
 * remove its own (kill -9, a second Ctrl-C) leaves it behind; the next run removes it.
 */
final class TemporaryCheckpoint implements AutoCloseable {

  static final String PREFIX = "logmon-checkpoint-";
  /** A directory whose lock file is younger than this may belong to a run still starting. */
  static final Duration GRACE = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(TemporaryCheckpoint.class);

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private TemporaryCheckpoint(Path dir, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Removes what crashed runs left in {@code tmp}, then creates and locks a new directory there. */
  static TemporaryCheckpoint create(Path tmp) throws IOException {
    removeAbandoned(tmp, Instant.now());
    Path dir = Files.createTempDirectory(tmp, PREFIX);
    FileChannel channel = FileChannel.open(dir.resolve(CheckpointDirectory.LOCK),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    return new TemporaryCheckpoint(dir, channel, channel.lock());
  }

  /**
   * Removes the temporary checkpoints in {@code tmp} that no live run holds: those whose lock file
   * is older than {@link #GRACE} and not locked. Returns how many it removed.
   */
  static int removeAbandoned(Path tmp, Instant now) {
    List<Path> candidates;
    try (Stream<Path> files = Files.list(tmp)) {
      candidates = files.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(p))
          .toList();
    } catch (IOException e) {
      LOG.warn("Cannot look for abandoned temporary checkpoints in {}", tmp, e);
      return 0;
    }
    int removed = 0;
    for (Path dir : candidates) {
      if (isAbandoned(dir, now)) {
        LOG.info("Removing the temporary checkpoint {} that a crashed run left behind", dir);
        deleteRecursively(dir);
        removed++;
      }
    }
    return removed;
  }

  private static boolean isAbandoned(Path dir, Instant now) {
    Path lockFile = dir.resolve(CheckpointDirectory.LOCK);
    try {
      if (!Files.isRegularFile(lockFile)
          || Files.getLastModifiedTime(lockFile).toInstant().isAfter(now.minus(GRACE))) {
        return false; // not ours, or a run still starting
      }
      try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
        FileLock probe = channel.tryLock();
        if (probe == null) {
          return false; // a live run holds it
        }
        probe.release();
        return true;
      }
    } catch (OverlappingFileLockException e) {
      return false; // held by a run in this JVM
    } catch (IOException e) {
      return false;
    }
  }

  Path path() {
    return dir;
  }

  @Override
  public void close() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      LOG.warn("Could not unlock the temporary checkpoint {}", dir, e);
    }
    deleteRecursively(dir);
  }

  static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Could not remove the temporary checkpoint {}", dir, e);
    }
  }
}
