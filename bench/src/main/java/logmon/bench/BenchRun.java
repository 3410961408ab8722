package logmon.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One end-to-end benchmark run: generate (or reuse) a seeded log, serve it over loopback with the
 * {@link Feeder}, run the real {@code bin/logmon --port P --output json} headless for a fixed
 * duration, read its JSON Lines as they come (timestamped on arrival) while sampling its /proc
 * memory and CPU, then report throughput, batch health, latency, start-up time and memory (see
 * {@link Analysis}); optionally time GoAccess on the same file.
 *
 * <p>Run it through {@code bench/run.sh}, which builds everything first.
 */
public final class BenchRun {

  /** Time logmon gets beyond its --duration to start up and drain its backlog before SIGTERM. */
  private static final long GRACE_SECONDS = 40;
  /** Cores other processes may use while the machine still counts as quiet. */
  private static final double QUIET_CORES = 0.25;

  private BenchRun() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (BenchOptions.HelpRequested e) {
      System.out.print(BenchOptions.USAGE);
      return;
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.err.print(BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    System.exit(new BenchRun().run(options));
  }

  private int run(BenchOptions o) throws Exception {
    Path out = o.out != null ? o.out : Path.of("bench", "target", "runs",
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + o.mode + "-"
            + o.rateLabel() + (o.cardinality == LogGenerator.Cardinality.HIGH ? "-high" : ""));
    Files.createDirectories(out);
    Path data = o.dataDir.resolve(o.dataFileName());
    if (!Files.exists(data)) {
      log("generating %s (%s lines, seed %d, %s cardinality)", data, BenchOptions.humanCount(o.lines), o.seed,
          o.cardinality.name().toLowerCase(Locale.ROOT));
      LogGenerator.Summary summary = LogGenerator.writeFile(data, o.lines, o.seed, o.cardinality);
      log("generated: %s", summary.describe());
    }
    FileFacts facts = FileFacts.read(data);

    List<String> command = new ArrayList<>(List.of(o.logmon.toString()));
    try (Feeder feeder = new Feeder(data, 0, o.max ? 0 : o.rate, o.warmup, o.probeMs).start()) {
      command.addAll(List.of("--port", Integer.toString(feeder.port()), "--output", "json"));
      if (o.mode.equals("cumulative")) {
        command.add("--cumulative");
      } else {
        command.addAll(List.of("--window", o.window));
      }
      command.addAll(List.of("--batch", o.batch, "--duration", o.logmonSeconds() + "s",
          "--log-file", out.resolve("spark.log").toAbsolutePath().toString()));
      command.addAll(o.extra);
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectError(out.resolve("logmon.stderr").toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      if (o.heap != null) {
        builder.environment().put("LOGMON_HEAP", o.heap);
      }
      Path jfrFile = out.resolve("logmon.jfr").toAbsolutePath();
      Path jfrWindowFile = out.resolve("logmon-window.jfr").toAbsolutePath();
      if (o.jfr) {
        String existing = builder.environment().getOrDefault("LOGMON_JAVA_OPTS", "");
        builder.environment().put("LOGMON_JAVA_OPTS", (existing + " -XX:StartFlightRecording=name=bench,filename="
            + jfrFile + ",settings=profile").trim());
      }
      Files.writeString(out.resolve("command.txt"), String.join(" ", command) + "\n");
      log("feeder on 127.0.0.1:%d, %s lines/s; running: %s", feeder.port(), o.rateLabel(), String.join(" ", command));

      if (o.waitQuietSeconds > 0) {
        waitForQuiet(o.waitQuietSeconds);
      }
      long baseNanos = System.nanoTime();
      long baseEpochMillis = System.currentTimeMillis();
      long launchNanos = System.nanoTime();
      Process logmon = builder.start();
      // If the harness is stopped (Ctrl-C, SIGTERM), logmon must not outlive it.
      Thread reaper = new Thread(() -> stop(logmon), "logmon-reaper");
      Runtime.getRuntime().addShutdownHook(reaper);
      List<Output> outputs = new ArrayList<>();
      Thread reader = startReader(logmon, out.resolve("output.jsonl"), outputs, baseNanos, baseEpochMillis);
      Run run;
      ThreadTicks threads = new ThreadTicks();
      try (ProcSampler sampler = new ProcSampler(logmon.pid(), feeder::linesSent, 100).start()) {
        boolean killed = waitFor(logmon, launchNanos, o, outputs, feeder, sampler, threads,
            o.jfr ? jfrWindowFile : null);
        reader.join(10_000);
        List<Output> read;
        synchronized (outputs) {
          read = List.copyOf(outputs);
        }
        run = new Run(o, facts, launchNanos, baseNanos, baseEpochMillis, feeder.firstConnectNanos(),
            feeder.linesSent(), feeder.connections(), feeder.probes(), read, sampler.samples(),
            threads.atStart, threads.atEnd, logmon.exitValue(), killed);
      }
      Runtime.getRuntime().removeShutdownHook(reaper);
      Analysis analysis = new Analysis(run);
      String report = analysis.report();
      if (o.goaccess) {
        report += GoAccess.installed()
            ? GoAccess.run(data, facts.lines(), out).describe(analysis.sustainedLinesPerSecond())
            : "\nGoAccess: not installed (apt-get install -y goaccess), no comparison\n";
      }
      if (o.jfr) {
        report += "\n" + jfrReport(jfrWindowFile, jfrFile);
      }
      System.out.print(report);
      Files.writeString(out.resolve("report.txt"), report);
      Files.writeString(out.resolve("row.md"), analysis.markdownRow() + "\n");
      Files.writeString(out.resolve("summary.json"), analysis.summaryJson() + "\n");
      System.out.println("files: " + out);
      List<String> failures = analysis.failures();
      if (!failures.isEmpty()) {
        failures.forEach(f -> System.out.println("FAIL: " + f));
        return 1;
      }
      return 0;
    }
  }

  /**
   * Dumps the JFR recording at the window's end with jcmd: a logmon that has to be killed later
   * (a backlog it cannot drain) never writes its recording at exit.
   */
  private static void dumpJfr(long pid, Path file) {
    try {
      Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "JFR.dump", "name=bench", "filename=" + file)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
        jcmd.destroyForcibly();
      }
    } catch (IOException e) {
      log("could not dump the JFR recording with jcmd: %s", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The summary of the window's dump, else of the recording written at exit, else why not. */
  private static String jfrReport(Path windowDump, Path atExit) {
    for (Path file : List.of(windowDump, atExit)) {
      try {
        if (Files.exists(file) && Files.size(file) > 0) {
          return JfrSummary.summarise(file, 25);
        }
      } catch (IOException e) {
        log("could not read %s: %s", file, e.getMessage());
      }
    }
    return "JFR: no usable recording (logmon was killed before writing one?)\n";
  }

  private static void stop(Process process) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
    }
  }

  /**
   * Other people's work on a shared machine skews every number: wait (up to {@code maxSeconds})
   * until the machine has been nearly idle for three seconds in a row.
   */
  private static void waitForQuiet(long maxSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
    int quietSeconds = 0;
    long last = ProcSampler.machineBusyTicks();
    long lastSelf = ProcSampler.cpuTicks("/proc/self/stat");
    boolean announced = false;
    while (quietSeconds < 3) {
      Thread.sleep(1000);
      long now = ProcSampler.machineBusyTicks();
      long self = ProcSampler.cpuTicks("/proc/self/stat");
      double busy = (now - last - (self - lastSelf)) / ProcSampler.CLOCK_TICKS;
      last = now;
      lastSelf = self;
      quietSeconds = busy < QUIET_CORES ? quietSeconds + 1 : 0;
      if (busy >= QUIET_CORES && !announced) {
        log("the machine is busy (other processes use %.2f cores): waiting up to %d s for it to quiet down",
            busy, maxSeconds);
        announced = true;
      }
      if (System.nanoTime() > deadline) {
        log("the machine did not quiet down within %d s: measuring anyway (see 'other processes' below)",
            maxSeconds);
        return;
      }
    }
  }

  /** Waits for logmon to finish its --duration; SIGTERM (then SIGKILL) if it overstays. True if it had to. */
  private static boolean waitFor(Process logmon, long launchNanos, BenchOptions o, List<Output> outputs,
      Feeder feeder, ProcSampler sampler, ThreadTicks threads, Path jfrDump) throws InterruptedException {
    long deadline = launchNanos + TimeUnit.SECONDS.toNanos(o.logmonSeconds() + GRACE_SECONDS);
    long nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!logmon.waitFor(200, TimeUnit.MILLISECONDS)) {
      long now = System.nanoTime();
      long connect = feeder.firstConnectNanos();
      if (connect != 0) {
        long windowStart = connect + (long) (o.warmup * 1e9);
        if (threads.atStart == null && now >= windowStart) {
          threads.atStart = ProcSampler.threadTicks(logmon.pid());
        }
        if (threads.atEnd == null && now >= windowStart + o.seconds * 1_000_000_000L) {
          threads.atEnd = ProcSampler.threadTicks(logmon.pid());
          if (jfrDump != null) {
            dumpJfr(logmon.pid(), jfrDump);
          }
        }
      }
      if (now >= nextProgress) {
        nextProgress += TimeUnit.SECONDS.toNanos(5);
        progress(now - launchNanos, outputs, feeder, sampler);
      }
      if (now >= deadline) {
        log("logmon overstayed its --duration by %d s: SIGTERM", GRACE_SECONDS);
        logmon.destroy();
        if (!logmon.waitFor(15, TimeUnit.SECONDS)) {
          log("logmon ignored SIGTERM for 15 s: SIGKILL");
          logmon.destroyForcibly();
          logmon.waitFor();
        }
        return true;
      }
    }
    return false;
  }

  private static void progress(long sinceLaunch, List<Output> outputs, Feeder feeder, ProcSampler sampler) {
    Output last;
    int count;
    synchronized (outputs) {
      count = outputs.size();
      last = count == 0 ? null : outputs.get(count - 1);
    }
    ProcSampler.Sample sample = sampler.sample();
    log("t=%4.1fs sent=%,d batches=%d lastBatch=%s schedDelay=%s rss=%s", sinceLaunch / 1e9, feeder.linesSent(),
        count, last == null ? "-" : String.format(Locale.ROOT, "%,d", last.batchLines()),
        last == null || last.schedulingDelayMs() == null ? "-" : last.schedulingDelayMs() + "ms",
        sample.rssKb() < 0 ? "-" : (sample.rssKb() / 1024) + "MB");
  }

  private static Thread startReader(Process logmon, Path raw, List<Output> outputs, long baseNanos,
      long baseEpochMillis) {
    Thread thread = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(logmon.getInputStream(), StandardCharsets.UTF_8), 1 << 20);
           PrintWriter copy = new PrintWriter(Files.newBufferedWriter(raw))) {
        String line;
        while ((line = in.readLine()) != null) {
          long nanos = System.nanoTime();
          long epochMillis = baseEpochMillis + (nanos - baseNanos) / 1_000_000;
          copy.println(line);
          try {
            Output output = Output.parse(line, nanos, epochMillis);
            synchronized (outputs) {
              outputs.add(output);
            }
          } catch (IOException | RuntimeException e) {
            log("could not read logmon's output line (%s): %.200s", e.getMessage(), line);
          }
        }
      } catch (IOException e) {
        // Process.destroy() closes the pipe under us: the output ends here.
      }
    }, "logmon-stdout");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  static void log(String format, Object... args) {
    System.err.println("bench: " + String.format(Locale.ROOT, format, args));
  }

  /** What the generator wrote into the file (from its .meta), to check logmon's counts against. */
  record FileFacts(Path file, long lines, long malformed, long bytes, long distinctIps, long distinctEndpoints) {
    static FileFacts read(Path file) throws IOException {
      var properties = new java.util.Properties();
      try (var in = Files.newBufferedReader(Path.of(file + ".meta"))) {
        properties.load(in);
      }
      return new FileFacts(file, Long.parseLong(properties.getProperty("lines")),
          Long.parseLong(properties.getProperty("malformed")), Long.parseLong(properties.getProperty("bytes")),
          Long.parseLong(properties.getProperty("distinctIps")),
          Long.parseLong(properties.getProperty("distinctEndpoints")));
    }
  }

  /** CPU ticks of logmon's threads at the measured window's start and end (null if not reached). */
  static final class ThreadTicks {
    java.util.Map<String, Long> atStart;
    java.util.Map<String, Long> atEnd;
  }

  /** Everything observed during one run, for {@link Analysis}. */
  record Run(BenchOptions options, FileFacts file, long launchNanos, long baseNanos, long baseEpochMillis,
      long connectNanos, long linesSent, long connections, List<Feeder.Probe> probes, List<Output> outputs,
      List<ProcSampler.Sample> samples, java.util.Map<String, Long> threadsAtStart,
      java.util.Map<String, Long> threadsAtEnd, int exitCode, boolean killed) {}
}
