package logmon.spark;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A checkpoint directory that logmon keeps across runs (--checkpoint DIR). It holds Spark's
 * checkpoint plus logmon's own record of what wrote it: the build, the options baked into the
 * saved DStream graph, and the {@link ResumeClock} offset. Held under a lock for the whole run.
 */
final class CheckpointDirectory implements AutoCloseable {

  static final String METADATA = "logmon-checkpoint.properties";
  static final String LOCK = "logmon.lock";
  private static final String BUILD = "build";
  private static final String CLOCK_OFFSET = "clockOffsetMillis";
  private static final String OPTION_PREFIX = "option ";

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Properties metadata;

  private CheckpointDirectory(Path dir, FileChannel lockChannel, FileLock lock, Properties metadata) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.metadata = metadata;
  }

  /**
   * Locks the directory and checks that its checkpoint (if any) was written by this build with
   * these options; with {@code fresh}, discards the checkpoint first.
   *
   * @throws CheckpointException when the directory is in use or its checkpoint does not fit
   */
  static CheckpointDirectory open(Path dir, Map<String, String> graphOptions, boolean fresh) throws IOException {
    Files.createDirectories(dir);
    FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = channel.tryLock();
    if (lock == null) {
      channel.close();
      throw new CheckpointException("--checkpoint " + dir + " is in use by another logmon process");
    }
    try {
      Properties metadata = readMetadata(dir);
      boolean hasSparkCheckpoint = !sparkCheckpointFiles(dir).isEmpty();
      if (fresh) {
        if (metadata == null && hasSparkCheckpoint) {
          throw new CheckpointException("--checkpoint " + dir
              + " holds a Spark checkpoint that logmon did not write; refusing to delete it");
        }
        wipeExceptLock(dir);
        metadata = null;
      } else if (metadata == null && hasSparkCheckpoint) {
        throw new CheckpointException("--checkpoint " + dir
            + " holds a Spark checkpoint that logmon did not write; choose another directory");
      } else if (metadata != null && hasSparkCheckpoint) {
        checkFits(dir, metadata, graphOptions);
      }
      Properties fitting = metadata == null ? new Properties() : metadata;
      fitting.setProperty(BUILD, BuildId.current());
      graphOptions.forEach((option, value) -> fitting.setProperty(OPTION_PREFIX + option, value));
      return new CheckpointDirectory(dir, channel, lock, fitting);
    } catch (IOException | RuntimeException e) {
      lock.release();
      channel.close();
      throw e;
    }
  }

  private static void checkFits(Path dir, Properties metadata, Map<String, String> graphOptions) {
    String build = metadata.getProperty(BUILD);
    if (!BuildId.current().equals(build)) {
      throw new CheckpointException("--checkpoint " + dir + " was written by another build of logmon ("
          + build + ", this is " + BuildId.current() + ") and cannot be restored safely;"
          + " add --fresh to discard it and start from zero");
    }
    List<String> differences = new ArrayList<>();
    graphOptions.forEach((option, value) -> {
      String saved = metadata.getProperty(OPTION_PREFIX + option);
      if (!value.equals(saved)) {
        differences.add(describe(option, saved) + ", not " + describe(option, value));
      }
    });
    if (!differences.isEmpty()) {
      throw new CheckpointException("--checkpoint " + dir + " was written with "
          + String.join("; ", differences)
          + ": restart with the same options, or add --fresh to discard it");
    }
  }

  private static String describe(String option, String value) {
    return value == null ? "no " + option : value.isEmpty() ? option : option + " " + value;
  }

  /** True when Spark has written a checkpoint here that the next start will restore. */
  boolean hasCheckpoint() throws IOException {
    return !sparkCheckpointFiles(dir).isEmpty();
  }

  /**
   * The clock offset for this run: the saved one, moved back by the downtime when the last
   * checkpoint is more than {@code maxReplayBatches} batches old, so Spark replays no more than
   * that. Saved with the metadata before Spark starts.
   */
  Resume resumeClockOffset(long batchMillis, int maxReplayBatches, long nowMillis) throws IOException {
    long saved = Long.parseLong(metadata.getProperty(CLOCK_OFFSET, "0"));
    long offset = saved;
    long restoredUpTo = Long.MIN_VALUE;
    List<Long> times = sparkCheckpointFiles(dir);
    if (!times.isEmpty()) {
      restoredUpTo = times.get(times.size() - 1);
      long behind = nowMillis - (restoredUpTo + saved);
      long skippable = behind - (long) maxReplayBatches * batchMillis;
      if (skippable > 0) {
        offset = saved + skippable / batchMillis * batchMillis; // stay on the batch grid
      }
    }
    metadata.setProperty(CLOCK_OFFSET, Long.toString(offset));
    writeMetadata();
    return new Resume(saved, restoredUpTo, offset);
  }

  /**
   * The clock of a restored run: the saved offset and the Spark time of the last checkpointed batch
   * (batches up to it were generated on the saved offset's clock), and the offset from now on.
   */
  record Resume(long savedOffset, long restoredUpTo, long offset) {}

  private void writeMetadata() throws IOException {
    Path temp = dir.resolve(METADATA + ".tmp");
    try (Writer out = Files.newBufferedWriter(temp)) {
      metadata.store(out, "logmon checkpoint: the build and options that wrote it");
    }
    Files.move(temp, dir.resolve(METADATA), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static Properties readMetadata(Path dir) throws IOException {
    Path file = dir.resolve(METADATA);
    if (!Files.exists(file)) {
      return null;
    }
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      properties.load(in);
    }
    return properties;
  }

  /** Batch times of Spark's checkpoint files ("checkpoint-1795657809000"), oldest first. */
  private static List<Long> sparkCheckpointFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString())
          .filter(name -> name.matches("checkpoint-\\d+"))
          .map(name -> Long.parseLong(name.substring("checkpoint-".length())))
          .sorted()
          .toList();
    }
  }

  private static void wipeExceptLock(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder())
          .filter(p -> !p.equals(dir) && !p.equals(dir.resolve(LOCK)))
          .forEach(p -> {
            try {
              Files.delete(p);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
  }

  Path path() {
    return dir;
  }

  @Override
  public void close() throws IOException {
    lock.release();
    lockChannel.close();
  }
}
