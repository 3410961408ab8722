package logmon.spark;

import java.nio.file.Path;
import logmon.core.ViewSpec;
import logmon.source.SourceSpec;

/**
 * Everything the streaming job needs, decided by the CLI.
 *
 * @param checkpointDir null for a temporary directory removed at exit
 * @param partitions    partitions of the reduced statistics (Spark's parallelism)
 */
public record JobSettings(
    ViewSpec view,
    SourceSpec source,
    String master,
    int top,
    long ipThreshold,
    Path checkpointDir,
    int partitions,
    int maxLineBytes) {

  /** Small on purpose: per-batch summaries are tiny, and each partition is a task per batch. */
  public static final int DEFAULT_PARTITIONS = 2;

  /** local, local[1] and local[0] leave no thread to process batches once the receiver takes one. */
  public static boolean starvesReceiver(String master) {
    String m = master.trim();
    return m.equals("local") || m.equals("local[1]") || m.equals("local[0]") || m.startsWith("local[1,");
  }

  public boolean isLocal() {
    return master.startsWith("local");
  }
}
