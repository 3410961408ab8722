package logmon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Times GoAccess on the same file, offline (its fastest mode: one pass, all panels, a JSON report),
 * as the reference a user already knows. Not the same job as logmon's (no sliding window, no
 * socket), so the ratio is a yardstick, not a contest.
 */
final class GoAccess {

  private GoAccess() {}

  record Result(List<String> command, double seconds, double cpuSeconds, long lines, long validRequests,
      long failedRequests, long peakRssKb, int exitCode) {

    double linesPerSecond() {
      return lines / seconds;
    }

    String describe(double logmonLinesPerSecond) {
      if (exitCode != 0) {
        return String.format(Locale.ROOT, "%nGoAccess: exited with %d (see goaccess.stderr)%n", exitCode);
      }
      return String.format(Locale.ROOT,
          "%nGoAccess     %s%n             %,d lines in %.2f s = %,.0f lines/s offline (%,d valid, %,d failed), peak RSS %,d MB%n"
              + "             %.2f CPU-s = %,.0f lines per CPU-second; GoAccess / logmon sustained = %.2f%n",
          String.join(" ", command), lines, seconds, linesPerSecond(), validRequests, failedRequests,
          peakRssKb / 1024, cpuSeconds, lines / cpuSeconds, linesPerSecond() / logmonLinesPerSecond);
    }
  }

  static boolean installed() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "goaccess"))) {
        return true;
      }
    }
    return false;
  }

  static Result run(Path log, long lines, Path out) throws IOException, InterruptedException {
    Path report = out.resolve("goaccess.json").toAbsolutePath();
    List<String> command = List.of("goaccess", log.toAbsolutePath().toString(), "--log-format=COMBINED",
        "--no-global-config", "--no-progress", "-o", report.toString());
    BenchRun.log("timing GoAccess: %s", String.join(" ", command));
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command)
        .redirectOutput(out.resolve("goaccess.stdout").toFile())
        .redirectError(out.resolve("goaccess.stderr").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
    long peak = 0;
    long cpuTicks = 0;
    try (ProcSampler sampler = new ProcSampler(process.pid(), () -> 0, 50).start()) {
      int exit = process.waitFor();
      double seconds = (System.nanoTime() - start) / 1e9;
      for (ProcSampler.Sample sample : sampler.samples()) {
        peak = Math.max(peak, Math.max(sample.hwmKb(), sample.rssKb()));
        cpuTicks = Math.max(cpuTicks, sample.cpuTicks());
      }
      long valid = -1;
      long failed = -1;
      if (exit == 0 && Files.exists(report)) {
        JsonNode general = new ObjectMapper().readTree(report.toFile()).path("general");
        valid = general.path("valid_requests").asLong(-1);
        failed = general.path("failed_requests").asLong(-1);
      }
      // CPU from the last /proc sample, up to 50 ms before the end: close enough for a ratio.
      return new Result(command, seconds, cpuTicks / ProcSampler.CLOCK_TICKS, lines, valid, failed, peak, exit);
    }
  }
}
