package logmon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Samples a process's memory and CPU from /proc every {@code periodMillis}, with the feeder's
 * count of lines sent at the same instant, until stopped or the process is gone.
 */
final class ProcSampler implements AutoCloseable {

  /** Clock ticks per second of /proc/PID/stat's CPU times (USER_HZ: 100 on Linux). */
  static final double CLOCK_TICKS = 100.0;

  /**
   * One sample; memory in kB, CPU in clock ticks (user + system), -1 when unreadable.
   * {@code machineBusyTicks} is every process's busy time on all cores (from /proc/stat), so that
   * what other processes took during a run shows as noise.
   */
  record Sample(long nanos, long rssKb, long hwmKb, long cpuTicks, long selfCpuTicks, long machineBusyTicks,
      long linesSent) {}

  private final long pid;
  private final LongSupplier linesSent;
  private final long periodMillis;
  private final List<Sample> samples = new ArrayList<>();
  private final Thread thread;
  private volatile boolean stopped;

  ProcSampler(long pid, LongSupplier linesSent, long periodMillis) {
    this.pid = pid;
    this.linesSent = linesSent;
    this.periodMillis = periodMillis;
    this.thread = new Thread(this::run, "proc-sampler");
    this.thread.setDaemon(true);
  }

  ProcSampler start() {
    thread.start();
    return this;
  }

  private void run() {
    while (!stopped) {
      Sample sample = sample();
      if (sample.rssKb() < 0) {
        return; // the process is gone
      }
      synchronized (this) {
        samples.add(sample);
      }
      try {
        Thread.sleep(periodMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  Sample sample() {
    long nanos = System.nanoTime();
    long rss = -1;
    long hwm = -1;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = kilobytes(line);
        } else if (line.startsWith("VmHWM:")) {
          hwm = kilobytes(line);
        }
      }
    } catch (IOException e) {
      return new Sample(nanos, -1, -1, -1, -1, -1, linesSent.getAsLong());
    }
    return new Sample(nanos, rss, hwm, cpuTicks("/proc/" + pid + "/stat"), cpuTicks("/proc/self/stat"),
        machineBusyTicks(), linesSent.getAsLong());
  }

  /** Busy ticks of all cores: user, nice, system, irq, softirq, steal from /proc/stat's first line. */
  static long machineBusyTicks() {
    try (var lines = Files.lines(Path.of("/proc/stat"))) {
      String[] f = lines.findFirst().orElseThrow().trim().split("\\s+");
      return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
          + Long.parseLong(f[7]) + Long.parseLong(f[8]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** CPU ticks of each of the process's threads, grouped by name without digits (pools together). */
  static java.util.Map<String, Long> threadTicks(long pid) {
    java.util.Map<String, Long> ticks = new java.util.TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      tasks.forEach(task -> {
        try {
          String name = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "N");
          long t = cpuTicks(task.resolve("stat").toString());
          if (t >= 0) {
            ticks.merge(name, t, Long::sum);
          }
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      });
    } catch (IOException e) {
      // the process ended
    }
    return ticks;
  }

  private static long kilobytes(String line) {
    String[] parts = line.trim().split("\\s+");
    return Long.parseLong(parts[1]);
  }

  /** utime + stime of a /proc/PID/stat file (fields 14 and 15, counted after the command name). */
  static long cpuTicks(String statFile) {
    try {
      String stat = Files.readString(Path.of(statFile));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
