package logmon.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import logmon.core.TallyTable;
import org.apache.spark.Dependency;
import org.apache.spark.rdd.PartitionerAwareUnionRDD;
import org.apache.spark.rdd.RDD;
import org.apache.spark.rdd.UnionRDD;

/**
 * The tables of batches that received nothing, made on the driver ({@link BatchSummaries}) and
 * remembered here by their RDD, so that a window made only of them is merged on the driver
 * instead of in a Spark job. At rest a job per batch is nearly all logmon's CPU (closure cleaning,
 * scheduling, a task, its result: ~100 ms of CPU for nothing); with this, window mode at rest runs
 * none. Keys are weak: an RDD Spark has let go of leaves this table too.
 */
final class DriverTables {

  private static final Map<RDD<?>, TallyTable> TABLES = Collections.synchronizedMap(new WeakHashMap<>());

  private DriverTables() {}

  /** {@code rdd} holds exactly {@code table} (never changed afterwards), in one partition. */
  static void remember(RDD<?> rdd, TallyTable table) {
    TABLES.put(rdd, table);
  }

  /**
   * The tables {@code rdd} holds, in partition order, when every one of them was made on the
   * driver: {@code rdd} itself, or a union (a window, several sources) of such RDDs. Empty when any
   * part was computed by Spark.
   */
  static Optional<List<TallyTable>> of(RDD<?> rdd) {
    List<TallyTable> tables = new ArrayList<>();
    return collect(rdd, tables) ? Optional.of(tables) : Optional.empty();
  }

  private static boolean collect(RDD<?> rdd, List<TallyTable> into) {
    TallyTable table = TABLES.get(rdd);
    if (table != null) {
      into.add(table);
      return true;
    }
    if (!(rdd instanceof UnionRDD || rdd instanceof PartitionerAwareUnionRDD)) {
      return false;
    }
    // A union's partitions are its parents' partitions, parent after parent.
    for (Dependency<?> dependency : scala.jdk.javaapi.CollectionConverters.asJava(rdd.dependencies())) {
      if (!collect(dependency.rdd(), into)) {
        return false;
      }
    }
    return true;
  }
}
