package logmon.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Map;
import logmon.core.DurationText;
import logmon.core.OverloadPolicy;
import logmon.core.ViewSpec;
import logmon.source.SourceSpec;

/**
 * Everything the streaming job needs, decided by the CLI.
 *
 * @param checkpointDir  null for a temporary directory removed at exit
 * @param stateMethod    how cumulative mode keeps state
 * @param fresh          discard what checkpointDir holds and start from zero
 * @param writeAheadLog  receivers write what they receive to a log in the checkpoint directory
 * @param partitions     partitions of the reduced statistics (Spark's parallelism)
 * @param sparkUiPort    null: no Spark UI
 * @param maxRate        the user's cap, lines/s per receiver (and per Kafka partition); null: none
 * @param overload       what receivers do with lines logmon cannot keep up with
 * @param logFormat      {@code --log-format}: auto, a preset's name or a format string (it compiles)
 * @param forgetAfter    cumulative mode: endpoints and clients not seen for this long leave the
 *                       running state ({@code --forget-after}); null: kept forever
 */
public record JobSettings(
    ViewSpec view,
    List<SourceSpec> sources,
    String master,
    int top,
    long ipThreshold,
    Path checkpointDir,
    StateMethod stateMethod,
    boolean fresh,
    boolean writeAheadLog,
    int partitions,
    int maxLineBytes,
    Integer sparkUiPort,
    Long maxRate,
    OverloadPolicy overload,
    String logFormat,
    java.time.Duration forgetAfter) {

  /** Settings that keep every key of the running state forever. */
  public JobSettings(ViewSpec view, List<SourceSpec> sources, String master, int top, long ipThreshold,
      Path checkpointDir, StateMethod stateMethod, boolean fresh, boolean writeAheadLog, int partitions,
      int maxLineBytes, Integer sparkUiPort, Long maxRate, OverloadPolicy overload, String logFormat) {
    this(view, sources, master, top, ipThreshold, checkpointDir, stateMethod, fresh, writeAheadLog, partitions,
        maxLineBytes, sparkUiPort, maxRate, overload, logFormat, null);
  }

  /** Small on purpose: per-batch summaries are tiny, and each partition is a task per batch. */
  public static final int DEFAULT_PARTITIONS = 2;

  /**
   * Threads of a local master ("local" 1, "local[4]" 4, "local[*]" the cores, "local[2,3]" 2),
   * or -1 for a cluster master. Each receiver keeps one of them busy for the whole run.
   */
  public static int localThreads(String master) {
    String m = master.trim();
    if (m.equals("local")) {
      return 1;
    }
    java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("local\\[(\\*|\\d+)(,\\d+)?]").matcher(m);
    if (!matcher.matches()) {
      return -1;
    }
    return matcher.group(1).equals("*")
        ? Runtime.getRuntime().availableProcessors()
        : Integer.parseInt(matcher.group(1));
  }

  /** Sources read by a Spark receiver, each holding a thread (a core) for the whole run. */
  public static long receivers(List<SourceSpec> sources) {
    return sources.stream().filter(s -> s instanceof SourceSpec.Socket || s instanceof SourceSpec.Stdin
        || s instanceof SourceSpec.Replay).count();
  }

  /**
   * The options a checkpoint bakes into the saved DStream graph, by option name: a restart with
   * other values would silently run the old ones.
   */
  public Map<String, String> graphOptions() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("--" + view.mode().label(), "");
    options.put("--batch", DurationText.format(view.batch()));
    options.put("--state", stateMethod.label());
    if (view.window() != null) {
      options.put("--window", DurationText.format(view.window()));
      options.put("--slide", DurationText.format(view.slide()));
    }
    options.put("--top", Integer.toString(top));
    options.put("--ip-threshold", Long.toString(ipThreshold));
    options.put("sources", sources.stream().map(SourceSpec::description).collect(Collectors.joining(", ")));
    options.put("--max-line-bytes", Integer.toString(maxLineBytes));
    options.put("--overload", overload.label());
    options.put("partitions", Integer.toString(partitions));
    options.put("--log-format", logFormat);
    options.put("--forget-after", forgetAfter == null ? "never" : DurationText.format(forgetAfter));
    return options;
  }

  public boolean isLocal() {
    return master.startsWith("local");
  }
}
