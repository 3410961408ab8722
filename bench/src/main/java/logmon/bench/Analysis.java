package logmon.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one {@link BenchRun.Run} into numbers. Definitions (also in bench/README.md):
 *
 * <ul>
 *   <li>The <b>measured window</b> starts {@code --warmup} seconds after logmon connected to the
 *       feeder and lasts {@code --seconds}.
 *   <li><b>counted/s</b>: lines in the batches whose batch time falls in the window (per-batch
 *       {@code lastBatch.requests + malformed}), over those batches' span: what logmon received.
 *   <li><b>completed/s</b>: lines in the JSON objects the harness read during the window, over the
 *       time between the object before the window and the last one in it: what logmon finished.
 *   <li><b>keeps up</b>: the scheduling delay stays flat (least-squares slope at most
 *       {@value #FLAT_SLOPE_MS_PER_S} ms per second), and its median and the median processing
 *       time are under one batch interval, over at least {@value #MIN_BATCHES_FOR_VERDICT} batches.
 *   <li><b>sustained</b>: counted/s when logmon keeps up, otherwise completed/s.
 *   <li><b>latency</b>: from the write that carried a probe line to the read of the first JSON
 *       object whose {@code status} count for the probe's code went up.
 * </ul>
 */
final class Analysis {

  static final double FLAT_SLOPE_MS_PER_S = 20;
  /** Fewer batches completed in the window than this cannot show that logmon keeps up. */
  static final int MIN_BATCHES_FOR_VERDICT = 3;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final BenchRun.Run run;
  private final BenchOptions o;
  private final long batchMillis;
  private final List<Output> outputs;
  private final List<Output> inWindow = new ArrayList<>();
  private final long windowStartNanos;
  private final long windowEndNanos;

  final Double connectS;
  final Double firstOutputS;
  final Double firstDataS;
  final double sentPerS;
  final double countedPerS;
  final int countedBatches;
  final double completedPerS;
  final List<Long> processing = new ArrayList<>();
  final List<Long> scheduling = new ArrayList<>();
  /** Rate limits in force during the window, and how many of its batches were throttled. */
  final List<Long> rateLimits = new ArrayList<>();
  int throttledBatches;
  final double schedulingSlope;
  final boolean keepsUp;
  final List<Double> latencyS = new ArrayList<>();
  final int probesInWindow;
  final List<Double> outputLagS = new ArrayList<>();
  final long peakRssKb;
  final long windowEndRssKb;
  final double logmonCores;
  final double harnessCores;
  final double otherCores;
  final long countedTotal;
  final long malformedTotal;
  final double averageJsonChars;

  Analysis(BenchRun.Run run) {
    this.run = run;
    this.o = run.options();
    this.batchMillis = o.batchMillis();
    this.outputs = run.outputs();
    long connect = run.connectNanos();
    windowStartNanos = connect == 0 ? Long.MAX_VALUE : connect + (long) (o.warmup * 1e9);
    windowEndNanos = connect == 0 ? Long.MAX_VALUE : windowStartNanos + o.seconds * 1_000_000_000L;
    connectS = connect == 0 ? null : seconds(connect - run.launchNanos());
    firstOutputS = outputs.isEmpty() ? null : seconds(outputs.get(0).readNanos() - run.launchNanos());
    firstDataS = outputs.stream().filter(out -> out.batchLines() > 0).findFirst()
        .map(out -> seconds(out.readNanos() - run.launchNanos())).orElse(null);

    Output before = null;
    for (Output out : outputs) {
      if (out.readNanos() < windowStartNanos) {
        before = out;
      } else if (out.readNanos() <= windowEndNanos) {
        inWindow.add(out);
      }
    }

    // Received: batches whose time falls in the window, whenever they were printed.
    long startWall = wallMillis(windowStartNanos);
    long endWall = wallMillis(windowEndNanos);
    Map<Long, Output> byBatch = new LinkedHashMap<>();
    outputs.forEach(out -> byBatch.put(out.batchTimeMillis(), out));
    long counted = 0;
    int batches = 0;
    for (Output out : byBatch.values()) {
      if (out.batchTimeMillis() > startWall && out.batchTimeMillis() <= endWall) {
        counted += out.batchLines();
        batches++;
      }
    }
    countedBatches = batches;
    countedPerS = batches == 0 ? 0 : counted / (batches * batchMillis / 1000.0);

    // Completed: what was printed during the window, over the time it took.
    if (!inWindow.isEmpty()) {
      Output first = before != null ? before : inWindow.get(0);
      Output last = inWindow.get(inWindow.size() - 1);
      long lines = inWindow.stream().filter(out -> out != first).mapToLong(Output::batchLines).sum();
      double span = seconds(last.readNanos() - first.readNanos());
      completedPerS = span > 0 ? lines / span : 0;
    } else {
      completedPerS = 0;
    }

    sentPerS = linesPerSecondSent();

    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (Output out : inWindow) {
      if (out.processingMs() != null) {
        processing.add(out.processingMs());
      }
      if (out.schedulingDelayMs() != null) {
        scheduling.add(out.schedulingDelayMs());
        x.add(seconds(out.readNanos() - run.launchNanos()));
        y.add(out.schedulingDelayMs().doubleValue());
      }
      outputLagS.add((out.readEpochMillis() - out.batchTimeMillis()) / 1000.0);
      if (out.rateLimit() != null) {
        rateLimits.add(out.rateLimit());
      }
      if (out.throttled()) {
        throttledBatches++;
      }
    }
    schedulingSlope = Stats.slope(x.stream().mapToDouble(Double::doubleValue).toArray(),
        y.stream().mapToDouble(Double::doubleValue).toArray());
    keepsUp = scheduling.size() >= MIN_BATCHES_FOR_VERDICT && !(schedulingSlope > FLAT_SLOPE_MS_PER_S)
        && Stats.percentile(scheduling, 50) < batchMillis && Stats.percentile(processing, 50) < batchMillis;

    int probes = 0;
    for (Feeder.Probe probe : run.probes()) {
      if (probe.sentNanos() < windowStartNanos || probe.sentNanos() > windowEndNanos) {
        continue;
      }
      probes++;
      Double latency = latencyOf(probe);
      if (latency != null) {
        latencyS.add(latency);
      }
    }
    probesInWindow = probes;

    long peak = -1;
    for (ProcSampler.Sample sample : run.samples()) {
      peak = Math.max(peak, Math.max(sample.hwmKb(), sample.rssKb()));
    }
    peakRssKb = peak;
    ProcSampler.Sample atStart = sampleAt(windowStartNanos);
    ProcSampler.Sample atEnd = sampleAt(windowEndNanos);
    windowEndRssKb = atEnd == null ? -1 : atEnd.rssKb();
    if (atStart != null && atEnd != null && atEnd.nanos() > atStart.nanos()) {
      double span = seconds(atEnd.nanos() - atStart.nanos());
      logmonCores = (atEnd.cpuTicks() - atStart.cpuTicks()) / ProcSampler.CLOCK_TICKS / span;
      harnessCores = (atEnd.selfCpuTicks() - atStart.selfCpuTicks()) / ProcSampler.CLOCK_TICKS / span;
      double machine = (atEnd.machineBusyTicks() - atStart.machineBusyTicks()) / ProcSampler.CLOCK_TICKS / span;
      otherCores = Math.max(0, machine - logmonCores - harnessCores);
    } else {
      logmonCores = Double.NaN;
      harnessCores = Double.NaN;
      otherCores = Double.NaN;
    }

    countedTotal = byBatch.values().stream().mapToLong(Output::batchLines).sum();
    malformedTotal = byBatch.values().stream().mapToLong(Output::batchMalformed).sum();
    averageJsonChars = outputs.stream().mapToInt(Output::jsonChars).average().orElse(0);
  }

  /** Seconds from the probe's write to the first JSON object that counted it; null if none did. */
  private Double latencyOf(Feeder.Probe probe) {
    long base = 0;
    for (Output out : outputs) {
      if (out.readNanos() <= probe.sentNanos()) {
        base = out.probeCount(probe.status());
      } else if (out.probeCount(probe.status()) > base) {
        return seconds(out.readNanos() - probe.sentNanos());
      }
    }
    return null;
  }

  private double linesPerSecondSent() {
    ProcSampler.Sample atStart = sampleAt(windowStartNanos);
    ProcSampler.Sample atEnd = sampleAt(windowEndNanos);
    if (atStart == null || atEnd == null || atEnd.nanos() <= atStart.nanos()) {
      return 0;
    }
    return (atEnd.linesSent() - atStart.linesSent()) / seconds(atEnd.nanos() - atStart.nanos());
  }

  /** The sample nearest to {@code nanos}, or null when there is none within a second. */
  private ProcSampler.Sample sampleAt(long nanos) {
    ProcSampler.Sample best = null;
    for (ProcSampler.Sample sample : run.samples()) {
      if (best == null || Math.abs(sample.nanos() - nanos) < Math.abs(best.nanos() - nanos)) {
        best = sample;
      }
    }
    return best == null || Math.abs(best.nanos() - nanos) > 1_000_000_000L ? null : best;
  }

  /** Lines logmon completed per second of its own CPU: less sensitive to a shared machine. */
  double linesPerCpuSecond() {
    return logmonCores > 0 ? completedPerS / logmonCores : Double.NaN;
  }

  double sustainedLinesPerSecond() {
    return keepsUp ? countedPerS : completedPerS;
  }

  List<String> failures() {
    List<String> failures = new ArrayList<>();
    if (outputs.isEmpty()) {
      failures.add("logmon printed no batches");
    } else if (countedTotal == 0) {
      failures.add("logmon counted no lines");
    }
    if (run.killed()) {
      failures.add("logmon did not stop within " + o.logmonSeconds() + " s + grace and was killed");
    } else if (run.exitCode() != 0) {
      failures.add("logmon exited with status " + run.exitCode() + " (see logmon.stderr and spark.log)");
    }
    return failures;
  }

  String report() {
    StringBuilder r = new StringBuilder();
    String view = o.mode.equals("window") ? "window " + o.window : "cumulative";
    line(r, "logmon bench: %s, batch %s, %s, %s cardinality; ramp %.0f s, measured %d s", view, o.batch,
        o.max ? "feeder at full speed" : String.format(Locale.ROOT, "%,.0f lines/s", o.rate),
        o.cardinality.name().toLowerCase(Locale.ROOT), o.warmup, o.seconds);
    BenchRun.FileFacts f = run.file();
    line(r, "file         %s: %,d lines, %,.0f MB, %.2f%% malformed, %,d IPs, %,d endpoints", f.file().getFileName(),
        f.lines(), f.bytes() / 1e6, 100.0 * f.malformed() / f.lines(), f.distinctIps(), f.distinctEndpoints());
    line(r, "logmon       heap %s%s", o.heap == null ? "1g (bin/logmon's default)" : o.heap,
        o.extra.isEmpty() ? "" : "; extra options " + String.join(" ", o.extra));
    line(r, "start-up     launch -> connected %s; -> first batch printed %s; -> first batch with data %s",
        secondsText(connectS), secondsText(firstOutputS), secondsText(firstDataS));
    line(r, "throughput   sent %,.0f lines/s; counted %,.0f lines/s (%d batches by batch time); completed %,.0f lines/s (by output time)",
        sentPerS, countedPerS, countedBatches, completedPerS);
    line(r, "             SUSTAINED %,.0f lines/s: %s", sustainedLinesPerSecond(),
        keepsUp ? "keeps up (scheduling delay flat)" : "FALLS BEHIND (scheduling delay grows or exceeds a batch)");
    line(r, "batches      processing p50 %s p99 %s max %s; scheduling delay p50 %s p99 %s max %s, slope %+.1f ms/s",
        ms(Stats.percentile(processing, 50)), ms(Stats.percentile(processing, 99)), ms(Stats.max(processing)),
        ms(Stats.percentile(scheduling, 50)), ms(Stats.percentile(scheduling, 99)), ms(Stats.max(scheduling)),
        schedulingSlope);
    line(r, "flow control %d of %d batches throttled; rate limit p50 %s max %s lines/s", throttledBatches,
        inWindow.size(), count(Stats.percentile(rateLimits, 50)), count(Stats.max(rateLimits)));
    line(r, "latency      probe line -> JSON: %d of %d probes seen, p50 %s p90 %s p99 %s max %s",
        latencyS.size(), probesInWindow, secondsText(Stats.percentile(latencyS, 50)),
        secondsText(Stats.percentile(latencyS, 90)), secondsText(Stats.percentile(latencyS, 99)),
        secondsText(Stats.max(latencyS)));
    line(r, "             batch end -> JSON read: p50 %s p99 %s", secondsText(Stats.percentile(outputLagS, 50)),
        secondsText(Stats.percentile(outputLagS, 99)));
    line(r, "memory       peak RSS (VmHWM) %,d MB; RSS at the window's end %,d MB", peakRssKb / 1024,
        windowEndRssKb / 1024);
    line(r, "efficiency   %,.0f lines completed per logmon CPU-second", linesPerCpuSecond());
    line(r, "CPU          logmon %.2f cores; feeder + harness %.2f; other processes %.2f%s (machine: %d cores)",
        logmonCores, harnessCores, otherCores, otherCores > 0.2 ? " = NOISE: the machine was shared" : "",
        Runtime.getRuntime().availableProcessors());
    String threads = threadsText();
    if (!threads.isEmpty()) {
      line(r, "             logmon threads (cores): %s", threads);
    }
    line(r, "counts       sent %,d lines in all, counted %,d (%.2f%%; lines in flight at the stop are lost); malformed %.2f%% (file %.2f%%)",
        run.linesSent(), countedTotal, run.linesSent() == 0 ? 0 : 100.0 * countedTotal / run.linesSent(),
        countedTotal == 0 ? 0 : 100.0 * malformedTotal / countedTotal, 100.0 * f.malformed() / f.lines());
    line(r, "output       %d JSON objects (%d in the window), %,.0f chars each on average; %d connection(s) to the feeder",
        outputs.size(), inWindow.size(), averageJsonChars, run.connections());
    line(r, "exit         logmon %s", run.killed() ? "killed after overstaying" : "exited with " + run.exitCode());
    line(r, "");
    line(r, "| %s |", String.join(" | ", header()));
    line(r, "|%s", "---|".repeat(header().size()));
    line(r, "%s", markdownRow());
    return r.toString();
  }

  static List<String> header() {
    return List.of("mode", "keys", "target/s", "sent/s", "counted/s", "completed/s", "keeps up",
        "proc p50/p99 ms", "sched p50/p99 ms", "sched slope ms/s", "latency p50/p90 s", "1st data s",
        "peak RSS MB", "logmon cores", "lines per logmon CPU-s", "other cores");
  }

  String markdownRow() {
    List<String> cells = List.of(
        o.mode.equals("window") ? "window " + o.window : "cumulative",
        o.cardinality == LogGenerator.Cardinality.HIGH ? "high" : "normal",
        o.max ? "max" : String.format(Locale.ROOT, "%,.0f", o.rate),
        String.format(Locale.ROOT, "%,.0f", sentPerS),
        String.format(Locale.ROOT, "%,.0f", countedPerS),
        String.format(Locale.ROOT, "%,.0f", completedPerS),
        keepsUp ? "yes" : "**no**",
        ms(Stats.percentile(processing, 50)) + " / " + ms(Stats.percentile(processing, 99)),
        ms(Stats.percentile(scheduling, 50)) + " / " + ms(Stats.percentile(scheduling, 99)),
        String.format(Locale.ROOT, "%+.0f", schedulingSlope),
        secondsText(Stats.percentile(latencyS, 50)) + " / " + secondsText(Stats.percentile(latencyS, 90)),
        secondsText(firstDataS),
        String.format(Locale.ROOT, "%,d", peakRssKb / 1024),
        String.format(Locale.ROOT, "%.2f", logmonCores),
        String.format(Locale.ROOT, "%,.0f", linesPerCpuSecond()),
        String.format(Locale.ROOT, "%.2f", otherCores));
    return "| " + String.join(" | ", cells) + " |";
  }

  String summaryJson() {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("mode", o.mode);
    json.put("window", o.mode.equals("window") ? o.window : null);
    json.put("batch", o.batch);
    json.put("cardinality", o.cardinality.name().toLowerCase(Locale.ROOT));
    json.put("targetLinesPerSecond", o.max ? null : o.rate);
    json.put("heap", o.heap);
    json.put("sentPerSecond", round(sentPerS));
    json.put("countedPerSecond", round(countedPerS));
    json.put("completedPerSecond", round(completedPerS));
    json.put("sustainedPerSecond", round(sustainedLinesPerSecond()));
    json.put("keepsUp", keepsUp);
    json.put("throttledBatches", throttledBatches);
    json.put("rateLimitP50", Stats.percentile(rateLimits, 50));
    json.put("processingP50Ms", Stats.percentile(processing, 50));
    json.put("processingP99Ms", Stats.percentile(processing, 99));
    json.put("schedulingDelayP50Ms", Stats.percentile(scheduling, 50));
    json.put("schedulingDelayP99Ms", Stats.percentile(scheduling, 99));
    json.put("schedulingDelaySlopeMsPerS", round(schedulingSlope));
    json.put("latencyP50S", Stats.percentile(latencyS, 50));
    json.put("latencyP90S", Stats.percentile(latencyS, 90));
    json.put("latencyP99S", Stats.percentile(latencyS, 99));
    json.put("probesSeen", latencyS.size());
    json.put("probesSent", probesInWindow);
    json.put("connectS", connectS);
    json.put("firstBatchS", firstOutputS);
    json.put("firstDataS", firstDataS);
    json.put("peakRssMb", peakRssKb / 1024);
    json.put("logmonCores", round(logmonCores));
    json.put("otherProcessesCores", round(otherCores));
    json.put("linesPerLogmonCpuSecond", round(linesPerCpuSecond()));
    json.put("linesSent", run.linesSent());
    json.put("linesCounted", countedTotal);
    json.put("exitCode", run.exitCode());
    json.put("killed", run.killed());
    return json.toString();
  }

  /** logmon's busiest thread groups over the window, in cores. */
  private String threadsText() {
    Map<String, Long> start = run.threadsAtStart();
    Map<String, Long> end = run.threadsAtEnd();
    if (start == null || end == null) {
      return "";
    }
    double span = o.seconds;
    List<String> parts = new ArrayList<>();
    end.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - start.getOrDefault(e.getKey(), 0L)))
        .filter(e -> e.getValue() / ProcSampler.CLOCK_TICKS / span >= 0.02)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(8)
        .forEach(e -> parts.add(String.format(Locale.ROOT, "%s %.2f", e.getKey(),
            e.getValue() / ProcSampler.CLOCK_TICKS / span)));
    return String.join(", ", parts);
  }

  private long wallMillis(long nanos) {
    return run.baseEpochMillis() + (nanos - run.baseNanos()) / 1_000_000;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static double round(double v) {
    return Double.isNaN(v) ? v : Math.round(v * 100) / 100.0;
  }

  private static String secondsText(Double s) {
    return s == null || s.isNaN() ? "-" : String.format(Locale.ROOT, "%.2f s", s);
  }

  private static String ms(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
  }

  private static String count(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%,.0f", value);
  }

  private static void line(StringBuilder r, String format, Object... args) {
    r.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
