package logmon.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import logmon.core.DurationText;
import logmon.core.OverloadPolicy;
import logmon.core.SnapshotSink;
import logmon.core.ViewSpec;
import logmon.core.alert.AlertRule;
import logmon.core.alert.AlertStatus;
import logmon.core.alert.AlertSyntaxException;
import logmon.core.alert.Alerts;
import logmon.alert.AlertCommands;
import logmon.alert.AlertingSink;
import logmon.metrics.MetricsEndpoint;
import logmon.core.format.FormatException;
import logmon.core.format.LineParser;
import logmon.core.query.Fields;
import logmon.core.query.Query;
import logmon.core.query.QueryException;
import logmon.core.query.Ranking;
import logmon.render.JsonLinesSink;
import logmon.render.PlainTextSink;
import logmon.render.dashboard.DashboardSink;
import logmon.source.SourceSpec;
import logmon.spark.CheckpointException;
import logmon.spark.JobSettings;
import logmon.spark.MasterUnreachableException;
import logmon.spark.StateMethod;
import logmon.spark.StopRequest;
import logmon.spark.StreamingRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.slf4j.LoggerFactory;

@Command(
    name = "logmon",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    subcommands = CompletionCommand.class,
    description = {
        "Live statistics of an Apache access log, computed by Spark Streaming.",
        "",
        "Reads log lines from a TCP server (tail -n0 -F access.log | nc -lk 127.0.0.1 9999), from"
            + " standard input (--stdin) or from a file played at a steady rate (--replay), and"
            + " shows statistics every batch: over a sliding window (the default, 30s) or since"
            + " start (--cumulative).",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  logmon --replay access.log --loop   # a file played as a live log",
        "  tail -n0 -F /var/log/apache2/access.log | nc -lk 127.0.0.1 9999 &",
        "  logmon --window 1m                  # the last minute",
        "  logmon --cumulative --output json   # running totals, JSON Lines",
        "  tail -n0 -F access.log | logmon --stdin",
        "  source <(logmon completion bash)    # completion in this shell",
        "",
        "Spark's own log goes to --log-file, never to the terminal. The Spark UI is off and the"
            + " driver binds to 127.0.0.1 in local mode: logmon opens no port to the network."
            + " NO_COLOR (not empty) turns colour off unless --color always.",
        "Exit codes: 0 done, 1 failed while running, 2 bad usage, 3 an --alert fired (--exit-on-alert)"
            + " or out of memory (the stderr line says which)."})
final class LogmonCommand implements Callable<Integer> {

  static final Duration DEFAULT_WINDOW = Duration.ofSeconds(30);

  private final StopRequest stop;

  private LogmonCommand(StopRequest stop) {
    this.stop = stop;
  }

  @Option(names = {"-w", "--window"}, paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Statistics over the last DURATION of data, sliding every --slide (the default mode: 30s).")
  Duration window;

  @Option(names = {"-c", "--cumulative"},
      description = "Running totals since start, kept as Spark state (checkpointed).")
  boolean cumulative;

  @Option(names = {"-b", "--batch"}, paramLabel = "DURATION", converter = DurationConverter.class,
      defaultValue = "1s", description = "Batch interval: how often statistics are computed (default: ${DEFAULT-VALUE}).")
  Duration batch;

  @Option(names = "--slide", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How often the window moves (default: the batch interval). A multiple of --batch.")
  Duration slide;

  @Mixin
  SourceOptions sources;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "auto",
      description = "tui (full-screen dashboard), plain (a text block per batch), json (JSON Lines on stdout),"
          + " or auto: tui when stdout is a terminal, plain otherwise (default: ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
      description = "Colour in the dashboard and plain output: auto (on a terminal, unless NO_COLOR is set),"
          + " always or never (default: ${DEFAULT-VALUE}).")
  ColorChoice color;

  static final int DEFAULT_TOP = 10;

  @Option(names = "--top", paramLabel = "N|FIELD[,FIELD]", completionCandidates = CompletionValues.TopFields.class,
      description = "Repeatable. A number N: how long every ranked list is (default: " + DEFAULT_TOP + ")."
          + " A field, or two separated by a comma: a ranking of its values, or pairs of values, of its own"
          + " (--top agent --top status,path). Fields are those of --where.")
  List<String> topValues = List.of();

  @Option(names = "--ip-threshold", paramLabel = "N", defaultValue = "10",
      description = "Show client IPs seen more than N times in the window / in total (default: ${DEFAULT-VALUE}).")
  long ipThreshold;

  @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Stop cleanly after DURATION (default: run until Ctrl-C or SIGTERM).")
  Duration duration;

  @Option(names = "--checkpoint", paramLabel = "DIR",
      description = "Keep cumulative state in DIR and resume from it after a restart or crash"
          + " (default: a temporary directory removed at exit).")
  Path checkpoint;

  @Option(names = "--state", paramLabel = "METHOD", defaultValue = "mapWithState",
      completionCandidates = CompletionValues.StateMethods.class,
      description = "How --cumulative keeps its totals: updateStateByKey or mapWithState"
          + " (default: ${DEFAULT-VALUE}; see the README).")
  String state;

  @Option(names = "--forget-after", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "With --cumulative: drop endpoints and clients not seen for DURATION from the running"
          + " state, so that an endless run stays bounded; totals stay exact (see the README).")
  Duration forgetAfter;

  @Option(names = "--fresh",
      description = "With --checkpoint: discard the saved state and start from zero.")
  boolean fresh;

  @Option(names = "--no-wal", negatable = false,
      description = "With --checkpoint: do not write received lines to a write-ahead log first"
          + " (faster; lines received but not yet in a checkpoint are lost in a crash).")
  boolean noWal;

  @Option(names = "--spark-ui", paramLabel = "PORT", arity = "0..1", fallbackValue = "4040",
      description = "Serve the Spark UI on 127.0.0.1:PORT (default: no UI; PORT 4040 if omitted).")
  Integer sparkUi;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (default: local[N]: a thread per receiver, one per core for processing).")
  String master;

  @Option(names = "--log-file", paramLabel = "FILE",
      description = "Where Spark's own log goes (default: ~/.local/state/logmon/spark.log,"
          + " or under $XDG_STATE_HOME).")
  Path logFile;

  @Option(names = "--max-line-bytes", paramLabel = "N", defaultValue = "2097152",
      description = "Longer lines are counted as malformed (oversized) and skipped (default: ${DEFAULT-VALUE}).")
  int maxLineBytes;

  @Option(names = "--max-rate", paramLabel = "N", converter = CountConverter.class,
      description = "Read at most N lines/s per source (each receiver; per partition for Kafka);"
          + " 250k and 1.5M are fine (default: as fast as logmon counts).")
  Long maxRate;

  @Option(names = "--overload", paramLabel = "POLICY", defaultValue = "wait",
      completionCandidates = CompletionValues.Overload.class,
      description = "When the source is faster than logmon: wait (read no faster than logmon counts;"
          + " lines wait in the source, none is lost) or shed (read at the source's speed, drop and"
          + " count what cannot be counted) (default: ${DEFAULT-VALUE}).")
  String overload;

  @Option(names = "--log-format", paramLabel = "SPEC", defaultValue = "auto",
      completionCandidates = CompletionValues.LogFormats.class,
      description = "The access log's format: auto (default: found among the presets), common, combined,"
          + " vcombined, nginx, or the server's own LogFormat / log_format string, verbatim.")
  String logFormat;

  @Option(names = "--where", paramLabel = "EXPR",
      description = "Count only the lines EXPR matches: every figure, in both modes (malformed lines are"
          + " still counted). Compare fields with == != < <= > >= ~ (RE2 regex) !~ ^= (prefix) in [a, b],"
          + " client in 10.0.0.0/8; join with and, or, not, ( ). Example: status >= 500 and path ^= /api/."
          + " Fields: ${logmon.query.fields}, and any header or variable the format logs, by its nginx"
          + " name (http_x_forwarded_for). See the README, Queries.")
  String where;

  @Option(names = "--alert", paramLabel = "RULE",
      description = "Alert when RULE holds, e.g. '5xx > 2%% for 1m', 'p99 > 800ms for 2m when requests >= 100',"
          + " 'rate < 5/s for 3m', 'malformed > 20%%', 'lag > 30s' (repeatable; see the README's Alerts).")
  List<String> alertRules = new java.util.ArrayList<>();

  @Option(names = "--on-alert", paramLabel = "CMD",
      description = "Run CMD (with sh -c) when a rule fires or resolves, the alert as one JSON object on its stdin.")
  String onAlert;

  @Option(names = "--on-alert-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      defaultValue = "10s", description = "Kill an --on-alert command still running after DURATION (default: ${DEFAULT-VALUE}).")
  Duration onAlertTimeout;

  @Option(names = "--exit-on-alert",
      description = "Stop and exit with status 3 when a rule fires (scripts, smoke tests).")
  boolean exitOnAlert;

  @Option(names = "--alert-window", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "With --cumulative: rules look at the last DURATION of traffic (default: 30s).")
  Duration alertWindow;

  @Option(names = "--metrics", paramLabel = "[ADDR:]PORT",
      description = "Serve Prometheus metrics at http://ADDR:PORT/metrics (ADDR 127.0.0.1 unless given).")
  String metrics;

  enum OutputFormat { auto, tui, plain, json }

  enum ColorChoice { auto, always, never }

  /** The command line with logmon's error handling: one line on stderr and exit 2 for bad usage. */
  static CommandLine commandLine() {
    return commandLine(new StopRequest());
  }

  /** @param stop the run's stop request, which signal handlers may already hold */
  static CommandLine commandLine(StopRequest stop) {
    // --help lists the fields from the one list the language reads (picocli resolves ${...} from properties).
    System.setProperty("logmon.query.fields", String.join(", ", java.util.Arrays.stream(Fields.Builtin.values())
        .map(Fields.Builtin::fieldName).toList()));
    CommandLine cl = new CommandLine(new LogmonCommand(stop));
    cl.setParameterExceptionHandler((ex, args) -> {
      ex.getCommandLine().getErr().println("logmon: " + UsageErrors.describe(ex) + " (see logmon --help)");
      return ExitCodes.USAGE;
    });
    HelpWidth.fromEnvironment(cl, System.getenv("COLUMNS"));
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      if (ex instanceof UsageException || ex instanceof CheckpointException) {
        err.println("logmon: " + ex.getMessage());
        return ExitCodes.USAGE;
      }
      // One line on the terminal; the stack trace goes to the log file the line names.
      LoggerFactory.getLogger(LogmonCommand.class).error("logmon failed", ex);
      if (ex instanceof MasterUnreachableException) {
        err.println("logmon: " + ex.getMessage());
      } else {
        err.println("logmon: " + Failures.describe(ex) + " (details in " + System.getProperty("logmon.log.file") + ")");
      }
      return ExitCodes.FAILED;
    });
    return cl;
  }

  @Override
  public Integer call() throws Exception {
    JobSettings settings = settings();
    Alerts alerts = alerts();
    Path log = prepareLogFile();
    System.setProperty("logmon.log.file", log.toString());
    if (stop.isRequested()) {
      return ExitCodes.OK; // a signal before anything started: nothing to count, nothing to stop
    }
    if (duration != null) {
      stop.requestAfter(duration);
    }
    HeapGuard.install();
    java.util.concurrent.atomic.AtomicBoolean fired = new java.util.concurrent.atomic.AtomicBoolean();
    try (MetricsEndpoint endpoint = metricsEndpoint();
        SnapshotSink sink = alerting(endpoint == null ? compared(sink(settings, stop))
            : endpoint.feeding(compared(sink(settings, stop))), alerts, fired)) {
      new StreamingRun(settings, sink, stop).run();
    }
    return fired.get() ? ExitCodes.ALERT : ExitCodes.OK;
  }

  JobSettings settings() {
    if (cumulative && window != null) {
      throw new UsageException("--window and --cumulative are exclusive: choose one");
    }
    if (cumulative && slide != null) {
      throw new UsageException("--slide applies to --window, not to --cumulative");
    }
    Duration windowLength = window == null ? DEFAULT_WINDOW : window;
    Duration slideLength = slide == null ? batch : slide;
    ViewSpec view;
    if (cumulative) {
      view = ViewSpec.cumulative(batch);
    } else {
      requireMultipleOfBatch("--window", windowLength);
      requireMultipleOfBatch("--slide", slideLength);
      if (slideLength.compareTo(windowLength) > 0) {
        throw new UsageException("--slide " + DurationText.format(slideLength)
            + " is longer than --window " + DurationText.format(windowLength));
      }
      view = ViewSpec.window(batch, windowLength, slideLength);
    }
    int top = DEFAULT_TOP;
    List<String> topBy = new java.util.ArrayList<>();
    for (String value : topValues) {
      if (value.matches("-?[0-9]+")) {
        top = Integer.parseInt(value);
        if (top < 1) {
          throw new UsageException("--top must be at least 1, not " + top);
        }
        continue;
      }
      try {
        String spec = Ranking.compile(value, LineParser.formats(logFormat)).spec();
        if (!topBy.contains(spec)) {
          topBy.add(spec);
        }
      } catch (FormatException e) {
        throw new UsageException("--log-format: " + e.getMessage());
      } catch (IllegalArgumentException e) {
        throw new UsageException("--top " + value + ": " + e.getMessage() + " (--top takes a number or FIELD[,FIELD])");
      }
    }
    if (ipThreshold < 0) {
      throw new UsageException("--ip-threshold must not be negative, not " + ipThreshold);
    }
    if (maxLineBytes < 1024) {
      throw new UsageException("--max-line-bytes must be at least 1024, not " + maxLineBytes);
    }
    // Under spark-submit, its --master arrives as the spark.master property.
    String chosenMaster = master != null ? master : System.getProperty("spark.master");
    boolean local = chosenMaster == null || chosenMaster.startsWith("local");
    List<SourceSpec> sourceSpecs = sources.specs(local);
    long receivers = JobSettings.receivers(sourceSpecs);
    String sparkMaster = chosenMaster != null ? chosenMaster : defaultMaster(receivers);
    int threads = JobSettings.localThreads(sparkMaster);
    if (threads >= 0 && threads <= receivers) {
      throw new UsageException("--master " + sparkMaster + " leaves no thread for processing once the "
          + receivers + " receiver(s) take theirs: use local[" + (receivers + 1) + "] or more");
    }
    Path checkpointDir = checkpointDir();
    if (checkpointDir != null && sourceSpecs.stream().anyMatch(SourceSpec.Replay.class::isInstance)) {
      throw new UsageException("--checkpoint cannot be combined with --replay: a replay starts over"
          + " on every run, so there is nothing to resume");
    }
    if (sparkUi != null && (sparkUi < 1 || sparkUi > 65535)) {
      throw new UsageException("--spark-ui port must be between 1 and 65535, not " + sparkUi);
    }
    try {
      LineParser.of(logFormat);
    } catch (FormatException e) {
      throw new UsageException("--log-format: " + e.getMessage());
    }
    if (where != null) {
      try {
        Query.compile(where, LineParser.formats(logFormat));
      } catch (QueryException e) {
        throw new UsageException("--where: " + e.getMessage());
      }
    }
    StateMethod stateMethod;
    try {
      stateMethod = StateMethod.fromLabel(state);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--state: " + e.getMessage());
    }
    if (maxRate != null && maxRate < 1) {
      throw new UsageException("--max-rate must be at least 1 line/s, not " + maxRate);
    }
    OverloadPolicy overloadPolicy;
    try {
      overloadPolicy = OverloadPolicy.fromLabel(overload);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--overload: " + e.getMessage());
    }
    if (forgetAfter != null) {
      if (!cumulative) {
        throw new UsageException("--forget-after applies to --cumulative only");
      }
      if (stateMethod != StateMethod.MAP_WITH_STATE) {
        throw new UsageException("--forget-after needs --state mapWithState (Spark's state timeout)");
      }
      if (forgetAfter.compareTo(batch) < 0) {
        throw new UsageException("--forget-after " + DurationText.format(forgetAfter)
            + " is shorter than --batch " + DurationText.format(batch));
      }
    }
    return new JobSettings(view, sourceSpecs, sparkMaster, top, ipThreshold, checkpointDir, stateMethod, fresh,
        checkpointDir != null && !noWal, JobSettings.DEFAULT_PARTITIONS, maxLineBytes, sparkUi, maxRate,
        overloadPolicy, logFormat, forgetAfter, where, topBy);
  }

  /** --metrics [ADDR:]PORT, listening before Spark starts: a bad address or a port in use is a usage error. */
  private MetricsEndpoint metricsEndpoint() {
    if (metrics == null) {
      return null;
    }
    int colon = metrics.lastIndexOf(':');
    String host = colon < 0 ? "127.0.0.1" : metrics.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1); // [::1]:9464
    }
    int port;
    try {
      port = Integer.parseInt(metrics.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (host.isEmpty() || port < 1 || port > 65535) {
      throw new UsageException("--metrics must be PORT or ADDR:PORT with a port between 1 and 65535, not '"
          + metrics + "'");
    }
    try {
      return MetricsEndpoint.start(host, port);
    } catch (IOException | RuntimeException e) {
      throw new UsageException("--metrics: cannot listen on " + host + ":" + port + " ("
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
    }
  }

  /** The --alert rules, read before Spark starts: a bad rule is a usage error. */
  Alerts alerts() {
    List<AlertRule> rules = new java.util.ArrayList<>();
    for (String text : alertRules) {
      try {
        rules.add(AlertRule.parse(text));
      } catch (AlertSyntaxException e) {
        throw new UsageException("--alert '" + text + "': " + e.getMessage());
      }
    }
    if (rules.isEmpty() && (onAlert != null || exitOnAlert)) {
      throw new UsageException((onAlert != null ? "--on-alert" : "--exit-on-alert") + " needs at least one --alert RULE");
    }
    if (alertWindow != null && !cumulative) {
      throw new UsageException("--alert-window applies to --cumulative only: in window mode rules look at the window");
    }
    return new Alerts(rules, alertWindow == null ? DEFAULT_WINDOW : alertWindow);
  }

  /** What changed against the previous window, added to each snapshot for the renderer. */
  private SnapshotSink compared(SnapshotSink renderer) {
    return new logmon.core.change.ComparingSink(renderer, alertWindow == null ? DEFAULT_WINDOW : alertWindow);
  }

  /** Rules evaluated on each snapshot before it is shown; the sink itself without rules. */
  private SnapshotSink alerting(SnapshotSink renderer, Alerts alerts, java.util.concurrent.atomic.AtomicBoolean fired) {
    if (alerts.isEmpty()) {
      return renderer;
    }
    boolean dashboard = renderer instanceof DashboardSink;
    java.util.function.Consumer<String> report = line -> {
      LoggerFactory.getLogger(AlertCommands.class).warn(line);
      if (!dashboard) { // the dashboard owns the terminal: the log file has it
        System.err.println("logmon: " + line);
      }
    };
    AlertCommands commands = onAlert == null ? null : new AlertCommands(onAlert, onAlertTimeout, report);
    java.util.function.Consumer<AlertStatus> onFiring = !exitOnAlert ? null : status -> {
      fired.set(true);
      stop.request("alert fired: " + status.rule().text());
    };
    return new AlertingSink(renderer, alerts, commands, onFiring);
  }

  private Path checkpointDir() {
    if (checkpoint == null) {
      if (fresh || noWal) {
        throw new UsageException((fresh ? "--fresh" : "--no-wal") + " applies to --checkpoint only");
      }
      return null;
    }
    if (!cumulative) {
      throw new UsageException("--checkpoint applies to --cumulative only");
    }
    try {
      Files.createDirectories(checkpoint);
    } catch (IOException e) {
      throw new UsageException("--checkpoint: cannot create directory '" + checkpoint + "'");
    }
    if (!Files.isWritable(checkpoint)) {
      throw new UsageException("--checkpoint: directory '" + checkpoint + "' is not writable");
    }
    return checkpoint.toAbsolutePath();
  }

  private void requireMultipleOfBatch(String option, Duration value) {
    if (value.toMillis() % batch.toMillis() != 0) {
      throw new UsageException(option + " " + DurationText.format(value)
          + " is not a multiple of --batch " + DurationText.format(batch));
    }
  }

  /** A thread per receiver, plus one per core for processing. */
  static String defaultMaster(long receivers) {
    return "local[" + (receivers + Runtime.getRuntime().availableProcessors()) + "]";
  }

  private Path prepareLogFile() {
    String preset = System.getProperty("logmon.log.file");
    Path file;
    if (logFile != null) {
      file = logFile;
    } else if (preset != null && !preset.isBlank()) {
      file = Path.of(preset);
    } else {
      file = StateDirectory.path().resolve("spark.log");
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UsageException("--log-file: cannot create the directory of '" + file + "'");
    }
    return file.toAbsolutePath();
  }

  private SnapshotSink sink(JobSettings settings, StopRequest stop) {
    PrintStream out = System.out;
    Runnable brokenPipe = () -> stop.request("output closed");
    OutputFormat format = output == OutputFormat.auto
        ? (Terminals.stdoutIsTerminal() ? OutputFormat.tui : OutputFormat.plain)
        : output;
    if (format == OutputFormat.tui) {
      try {
        return DashboardSink.open(settings.view(), settings.sources().stream().map(SourceSpec::description).toList(),
            () -> stop.request("quit"), out, Terminals.colour(color, true),
            new logmon.spark.LiveFilter(settings.logFormat(), settings.where()));
      } catch (IOException | RuntimeException e) {
        System.err.println("logmon: no terminal for the dashboard (" + e.getMessage() + "); plain output instead");
        format = OutputFormat.plain;
      }
    }
    return switch (format) {
      case json -> new JsonLinesSink(out, brokenPipe);
      case plain, auto, tui -> new PlainTextSink(out, Terminals.colour(color, Terminals.stdoutIsTerminal()), brokenPipe);
    };
  }
}
