package logmon.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * This run's directory in logmon's state directory ({@code runs/PID}, made by bin/logmon, which
 * points java.io.tmpdir into it, so Spark's scratch space, temporary checkpoints and native
 * libraries land there): removed when the run stops, and, at every start, those of runs whose
 * process is gone. A run records its process's start time beside it, so that a pid the system
 * has since given to another process does not keep a dead run's directory.
 */
final class RunDirectory {

  static final String PROPERTY = "logmon.run.dir";
  private static final String OWNER = "owner";
  /** Start times read from /proc are in clock ticks: equal within this, same process. */
  private static final long SAME_START_MILLIS = 1_000;

  private final Path dir;

  private RunDirectory(Path dir) {
    this.dir = dir;
  }

  /** This run's directory, as bin/logmon named it; empty when started otherwise (spark-submit). */
  static Optional<RunDirectory> claim() {
    String property = System.getProperty(PROPERTY);
    if (property == null || property.isBlank()) {
      return Optional.empty();
    }
    Path dir = Path.of(property);
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(OWNER), Long.toString(startMillis(ProcessHandle.current())));
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty(); // not fatal: the run works, only its cleanup is left to the next
    }
    removeAbandoned(dir.getParent(), ProcessHandle.current().pid());
    return Optional.of(new RunDirectory(dir));
  }

  /** Removes the directories in {@code runs} of runs whose process is gone; returns them. */
  static List<Path> removeAbandoned(Path runs, long self) {
    List<Path> gone;
    try (Stream<Path> dirs = Files.list(runs)) {
      gone = dirs.filter(dir -> dir.getFileName().toString().matches("\\d+"))
          .filter(dir -> Long.parseLong(dir.getFileName().toString()) != self)
          .filter(RunDirectory::isAbandoned)
          .toList();
    } catch (IOException e) {
      return List.of();
    }
    gone.forEach(RunDirectory::deleteRecursively);
    return gone;
  }

  private static boolean isAbandoned(Path dir) {
    Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(dir.getFileName().toString()));
    if (process.isEmpty() || !process.get().isAlive()) {
      return true;
    }
    try {
      long recorded = Long.parseLong(Files.readString(dir.resolve(OWNER)).strip());
      return Math.abs(recorded - startMillis(process.get())) > SAME_START_MILLIS;
    } catch (IOException | NumberFormatException | UnsupportedOperationException e) {
      return false; // no record yet: the process may be a run still starting
    }
  }

  private static long startMillis(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toEpochMilli).orElseThrow(UnsupportedOperationException::new);
  }

  /** Removes this run's directory; called last, when nothing of the run writes there any more. */
  void remove() {
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
      LoggerFactory.getLogger(RunDirectory.class).warn("Could not remove the run directory {}", dir, e);
    }
  }
}
