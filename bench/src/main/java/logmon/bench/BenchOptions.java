package logmon.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The harness's command line (see bench/README.md and {@link #USAGE}). */
final class BenchOptions {

  static final String USAGE = """
      usage: bench/run.sh [options] [-- extra logmon options]
        --mode window|cumulative   logmon's view (default window: --window 30s)
        --rate N | --max           lines/s sent (suffixes k, m: 200k), or as fast as logmon reads (default 50k)
        --seconds S                seconds measured, after the warm-up (default 30)
        --warmup S                 seconds of linear ramp from 0 to the rate before measuring (default 5)
        --cardinality normal|high  high: ~1M distinct IPs + endpoints (default normal)
        --lines N                  lines in the generated file, looped (default 1m; 1.2m when high)
        --seed N                   generator seed (default 42)
        --batch D | --window D     logmon's batch interval and window (default 1s, 30s)
        --heap SIZE                the logmon JVM's -Xmx (LOGMON_HEAP; default: bin/logmon's 1g)
        --probe-ms M               one latency probe line every M ms (default 250; 0: none)
        --jfr                      record a JFR profile of logmon and summarise where its CPU goes
        --no-goaccess              skip the GoAccess comparison
        --wait-quiet S             first wait up to S s for other processes to leave the cores idle (default 0)
        --smoke                    10 s at 20k lines/s on a small file: CI's check (exit 1 if nothing counted)
        --out DIR                  where the run's files go (default bench/target/runs/<time>-<mode>-<rate>)
      """;

  String mode = "window";
  double rate = 50_000;
  boolean max;
  int seconds = 30;
  double warmup = 5;
  LogGenerator.Cardinality cardinality = LogGenerator.Cardinality.NORMAL;
  Long lines;
  long seed = 42;
  String batch = "1s";
  String window = "30s";
  String heap;
  long probeMs = 250;
  boolean jfr;
  boolean goaccess = true;
  long waitQuietSeconds;
  boolean smoke;
  Path out;
  Path logmon;
  Path dataDir;
  final List<String> extra = new ArrayList<>();

  static BenchOptions parse(String[] args) {
    BenchOptions o = new BenchOptions();
    boolean rateGiven = false;
    boolean secondsGiven = false;
    boolean warmupGiven = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--mode" -> {
          o.mode = value(args, ++i, arg);
          if (!o.mode.equals("window") && !o.mode.equals("cumulative")) {
            throw new IllegalArgumentException("--mode is window or cumulative, not " + o.mode);
          }
        }
        case "--cumulative" -> o.mode = "cumulative";
        case "--rate" -> {
          o.rate = count(value(args, ++i, arg));
          o.max = false;
          rateGiven = true;
        }
        case "--max" -> {
          o.max = true;
          rateGiven = true;
        }
        case "--seconds" -> {
          o.seconds = Integer.parseInt(value(args, ++i, arg));
          secondsGiven = true;
        }
        case "--warmup" -> {
          o.warmup = Double.parseDouble(value(args, ++i, arg));
          warmupGiven = true;
        }
        case "--cardinality" -> o.cardinality =
            LogGenerator.Cardinality.valueOf(value(args, ++i, arg).toUpperCase(Locale.ROOT));
        case "--lines" -> o.lines = (long) count(value(args, ++i, arg));
        case "--seed" -> o.seed = Long.parseLong(value(args, ++i, arg));
        case "--batch" -> o.batch = value(args, ++i, arg);
        case "--window" -> o.window = value(args, ++i, arg);
        case "--heap" -> o.heap = value(args, ++i, arg);
        case "--probe-ms" -> o.probeMs = Long.parseLong(value(args, ++i, arg));
        case "--jfr" -> o.jfr = true;
        case "--no-goaccess" -> o.goaccess = false;
        case "--wait-quiet" -> o.waitQuietSeconds = Long.parseLong(value(args, ++i, arg));
        case "--smoke" -> o.smoke = true;
        case "--out" -> o.out = Path.of(value(args, ++i, arg));
        case "--logmon" -> o.logmon = Path.of(value(args, ++i, arg));
        case "--data-dir" -> o.dataDir = Path.of(value(args, ++i, arg));
        case "--" -> {
          o.extra.addAll(List.of(args).subList(i + 1, args.length));
          i = args.length;
        }
        case "-h", "--help" -> throw new HelpRequested();
        default -> throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    if (o.smoke) {
      if (!rateGiven) {
        o.rate = 20_000;
      }
      if (!secondsGiven) {
        o.seconds = 5;
      }
      if (!warmupGiven) {
        o.warmup = 2;
      }
      if (o.lines == null) {
        o.lines = 100_000L;
      }
    }
    if (o.lines == null) {
      o.lines = o.cardinality == LogGenerator.Cardinality.HIGH ? 1_200_000L : 1_000_000L;
    }
    if (o.seconds < 1 || o.warmup < 0 || (!o.max && !(o.rate > 0))) {
      throw new IllegalArgumentException("--seconds must be at least 1, --warmup and --rate positive");
    }
    if (o.logmon == null || o.dataDir == null) {
      throw new IllegalArgumentException("--logmon and --data-dir are required (bench/run.sh passes them)");
    }
    return o;
  }

  /** logmon's --duration: counted from its streaming context's start, about when it connects. */
  long logmonSeconds() {
    return (long) Math.ceil(warmup) + seconds + 2;
  }

  long batchMillis() {
    return millis(batch);
  }

  String rateLabel() {
    return max ? "max" : humanCount(rate);
  }

  String dataFileName() {
    return String.format(Locale.ROOT, "access-%s-%s-s%d.log", cardinality.name().toLowerCase(Locale.ROOT),
        humanCount(lines), seed);
  }

  static String humanCount(double n) {
    if (n >= 1_000_000 && n % 100_000 == 0) {
      return trim(n / 1_000_000) + "m";
    }
    if (n >= 1_000 && n % 100 == 0) {
      return trim(n / 1_000) + "k";
    }
    return trim(n);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  static double count(String text) {
    String t = text.toLowerCase(Locale.ROOT).replace("_", "").replace(",", "");
    double factor = 1;
    if (t.endsWith("k")) {
      factor = 1_000;
      t = t.substring(0, t.length() - 1);
    } else if (t.endsWith("m")) {
      factor = 1_000_000;
      t = t.substring(0, t.length() - 1);
    }
    return Double.parseDouble(t) * factor;
  }

  /** Milliseconds of a logmon duration such as 500ms, 1s, 2m. */
  static long millis(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.endsWith("ms")) {
      return Long.parseLong(t.substring(0, t.length() - 2));
    }
    if (t.endsWith("s")) {
      return Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000);
    }
    if (t.endsWith("m")) {
      return Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60_000);
    }
    throw new IllegalArgumentException("not a duration: " + text + " (use 500ms, 1s, 2m)");
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  static final class HelpRequested extends RuntimeException {
    HelpRequested() {
      super(null, null, false, false);
    }
  }
}
