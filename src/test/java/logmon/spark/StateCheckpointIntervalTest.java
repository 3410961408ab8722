package logmon.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cumulative state is checkpointed as Spark would, but never more than 10 batches apart. */
class StateCheckpointIntervalTest {

  @ParameterizedTest(name = "batch {0} ms: every {1} ms")
  @CsvSource({
      "100, 1000",
      "250, 2500",
      "1000, 10000",
      "5000, 10000",
      "30000, 30000",
      "3600000, 3600000",
  })
  void isSparksDefaultCappedAtTenBatches(long batchMillis, long expectedMillis) {
    assertThat(StreamingPipeline.stateCheckpointInterval(Duration.ofMillis(batchMillis)))
        .isEqualTo(Duration.ofMillis(expectedMillis));
  }

  /**
   * mapWithState checkpoints its state every 10 batches and merges its chain of per-batch delta
   * maps only there, when the chain is at least Spark's threshold long: at most 10, so that every
   * state checkpoint merges it and no lookup walks more than 10 links.
   */
  @org.junit.jupiter.api.Test
  void theStateMapIsMergedAtEveryStateCheckpoint() {
    var conf = new org.apache.spark.SparkConf(false);
    SparkSettings.stateMapCompaction(conf);
    assertThat(conf.getInt("spark.streaming.sessionByKey.deltaChainThreshold", 20))
        .isLessThanOrEqualTo(StreamingPipeline.MAX_STATE_LINEAGE_BATCHES);
  }
}
