package logmon.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import logmon.core.DurationText;
import logmon.core.ViewSpec;
import logmon.source.SourceSpec;

/**
 * Everything the streaming job needs, decided by the CLI.
 *
 * @param checkpointDir  null for a temporary directory removed at exit
 * @param fresh          discard what checkpointDir holds and start from zero
 * @param writeAheadLog  receivers write what they receive to a log in the checkpoint directory
 * @param partitions     partitions of the reduced statistics (Spark's parallelism)
 * @param sparkUiPort    null: no Spark UI
 */
public record JobSettings(
    ViewSpec view,
    SourceSpec source,
    String master,
    int top,
    long ipThreshold,
    Path checkpointDir,
    boolean fresh,
    boolean writeAheadLog,
    int partitions,
    int maxLineBytes,
    Integer sparkUiPort) {

  /** Small on purpose: per-batch summaries are tiny, and each partition is a task per batch. */
  public static final int DEFAULT_PARTITIONS = 2;

  /** local, local[1] and local[0] leave no thread to process batches once the receiver takes one. */
  public static boolean starvesReceiver(String master) {
    String m = master.trim();
    return m.equals("local") || m.equals("local[1]") || m.equals("local[0]") || m.startsWith("local[1,");
  }

  /**
   * The options a checkpoint bakes into the saved DStream graph, by option name: a restart with
   * other values would silently run the old ones.
   */
  public Map<String, String> graphOptions() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("--" + view.mode().label(), "");
    options.put("--batch", DurationText.format(view.batch()));
    if (view.window() != null) {
      options.put("--window", DurationText.format(view.window()));
      options.put("--slide", DurationText.format(view.slide()));
    }
    options.put("--top", Integer.toString(top));
    options.put("--ip-threshold", Long.toString(ipThreshold));
    if (source instanceof SourceSpec.Socket socket) {
      options.put("--host", socket.host());
      options.put("--port", Integer.toString(socket.port()));
    } else {
      options.put("--" + source.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT), "");
    }
    options.put("--max-line-bytes", Integer.toString(maxLineBytes));
    options.put("partitions", Integer.toString(partitions));
    return options;
  }

  public boolean isLocal() {
    return master.startsWith("local");
  }
}
