package logmon.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import logmon.core.ViewSpec;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * Spark's two block manager pools grow a thread per task up to 100 (issue 11): capped, a real local
 * SparkContext that caches and removes 30 RDDs (each removal a task in both pools) keeps at most
 * {@link BlockManagerPools#THREADS} threads in each.
 */
class BlockManagerPoolsTest {

  @Test
  void removingManyRddsKeepsEachPoolAtItsCap() {
    var settings = StreamingPipelineTest.settings(ViewSpec.cumulative(java.time.Duration.ofSeconds(1)));
    try (JavaSparkContext spark = new JavaSparkContext(SparkSettings.conf(settings))) {
      assertThat(BlockManagerPools.shrink(SparkEnv.get())).as("pools capped").isEqualTo(2);
      for (int i = 0; i < 30; i++) {
        JavaRDD<Integer> rdd = spark.parallelize(List.of(1, 2, 3), 2).cache();
        assertThat(rdd.count()).isEqualTo(3);
        rdd.unpersist(true);
      }
      assertThat(threads("block-manager-ask-thread-pool")).isBetween(1L, (long) BlockManagerPools.THREADS);
      assertThat(threads("block-manager-storage-async-thread-pool")).isBetween(1L, (long) BlockManagerPools.THREADS);
    }
  }

  private static long threads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).count();
  }
}
