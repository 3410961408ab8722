package logmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateControlTest {

  private static final long INTERVAL = 1000;

  /** A simulated logmon: each batch costs a fixed part plus a part per line. */
  private record Machine(long fixedMs, double microsPerLine) {
    long processingMs(long lines) {
      return fixedMs + Math.round(lines * microsPerLine / 1000);
    }
  }

  /** Runs batches against a source that always offers more than the limit. */
  private static long[] floodedLimits(RateControl control, Machine machine, int batches) {
    long[] limits = new long[batches];
    for (int i = 0; i < batches; i++) {
      long lines = control.limit() * INTERVAL / 1000;
      control.observe(lines, 1, machine.processingMs(lines), 0, INTERVAL);
      limits[i] = control.limit();
    }
    return limits;
  }

  @Test
  void underAFloodSettlesWhereABatchTakesItsTargetShareAndDoesNotCollapseOnAFixedCost() {
    // 400 ms of every batch is not per line (a window merge, ranking): the trap of Spark's PID
    // estimator, which reads records / processing time and sinks to its floor.
    Machine machine = new Machine(400, 2.0);
    long[] limits = floodedLimits(new RateControl(100_000, 10_000, Long.MAX_VALUE), machine, 40);
    long settled = limits[limits.length - 1];
    long ideal = Math.round((RateControl.TARGET_SHARE * INTERVAL - 400) * 1000 / 2.0); // 150k
    assertThat(settled).isBetween(ideal * 9 / 10, ideal * 11 / 10);
    for (int i = 20; i < limits.length; i++) {
      assertThat(limits[i]).as("batch %d", i).isBetween(ideal * 8 / 10, ideal * 12 / 10);
    }
  }

  @Test
  void climbsFastFromTheInitialLimitWhenBatchesAreCheap() {
    long[] limits = floodedLimits(new RateControl(100_000, 10_000, Long.MAX_VALUE), new Machine(20, 0.5), 10);
    assertThat(limits[0]).isEqualTo(200_000);
    assertThat(limits[2]).isEqualTo(800_000);
  }

  @Test
  void halvesAtMostPerBatchWhenBatchesOverrun() {
    RateControl control = new RateControl(400_000, 10_000, Long.MAX_VALUE);
    control.observe(400_000, 1, 4000, 0, INTERVAL);
    assertThat(control.limit()).isEqualTo(200_000);
  }

  @Test
  void withAQueueOfBatchesAimsLowerSoThatItDrains() {
    RateControl drained = new RateControl(100_000, 10_000, Long.MAX_VALUE);
    RateControl fresh = new RateControl(100_000, 10_000, Long.MAX_VALUE);
    drained.observe(100_000, 1, 500, 3000, INTERVAL);
    fresh.observe(100_000, 1, 500, 0, INTERVAL);
    assertThat(drained.limit()).isLessThan(100_000);
    assertThat(fresh.limit()).isGreaterThan(100_000);
  }

  @Test
  void aSourceBelowTheLimitLeavesItAloneWhileLogmonKeepsUp() {
    RateControl control = new RateControl(100_000, 10_000, Long.MAX_VALUE);
    boolean held = control.observe(5_000, 1, 900, 0, INTERVAL);
    assertThat(held).isFalse();
    assertThat(control.limit()).isEqualTo(100_000);
  }

  @Test
  void aSlowColdStartWithLittleTrafficLeavesTheLimitAlone() {
    RateControl control = new RateControl(100_000, 10_000, Long.MAX_VALUE);
    for (int i = 0; i < 5; i++) {
      control.observe(200, 1, 3000, 2000 * i, INTERVAL);
    }
    assertThat(control.limit()).isEqualTo(100_000);
  }

  @Test
  void neverBelowTheFloorHoweverSlowBatchesGet() {
    RateControl control = new RateControl(100_000, 10_000, Long.MAX_VALUE);
    for (int i = 0; i < 20; i++) {
      control.observe(control.limit(), 1, 5000, 4000, INTERVAL);
    }
    assertThat(control.limit()).isEqualTo(10_000);
  }

  @Test
  void behindWithoutBeingHeldLimitsBelowWhatArrived() {
    RateControl control = new RateControl(1_000_000, 10_000, Long.MAX_VALUE);
    boolean held = control.observe(300_000, 1, 1400, 1500, INTERVAL);
    assertThat(held).isFalse();
    assertThat(control.limit()).isLessThan(300_000).isGreaterThanOrEqualTo(150_000);
  }

  @Test
  void severalReceiversShareTheBatchAndEachGetsTheLimit() {
    RateControl control = new RateControl(100_000, 10_000, Long.MAX_VALUE);
    // Two receivers at 95k each: held, and cheap, so the limit goes up.
    assertThat(control.observe(190_000, 2, 100, 0, INTERVAL)).isTrue();
    assertThat(control.limit()).isEqualTo(200_000);
  }

  @Test
  void neverAboveTheUsersCapNorStartingAboveIt() {
    RateControl control = new RateControl(100_000, 10_000, 50_000);
    assertThat(control.limit()).isEqualTo(50_000);
    long[] limits = floodedLimits(control, new Machine(10, 0.1), 10);
    assertThat(limits).containsOnly(50_000L);
  }
}
