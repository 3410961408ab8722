package logmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When a heap that stays full counts as out of memory: sequences of collections against the verdict. */
class HeapPressureTest {

  private static final long MAX = 1000;

  private final HeapPressure rule = new HeapPressure(0.9, Duration.ofSeconds(30), 5);

  @Test
  void fullAfterEveryCollectionForThirtySecondsIsOutOfMemory() {
    boolean verdict = false;
    for (long t = 0; t <= 30_000; t += 1_000) {
      verdict = rule.exhaustedAfter(t, 950, MAX);
      if (t < 30_000) {
        assertThat(verdict).as("at %d ms", t).isFalse();
      }
    }
    assertThat(verdict).as("after 30 s of full collections").isTrue();
  }

  @Test
  void oneCollectionThatFreesTheHeapStartsTheCountAgain() {
    for (long t = 0; t < 29_000; t += 1_000) {
      assertThat(rule.exhaustedAfter(t, 950, MAX)).isFalse();
    }
    assertThat(rule.exhaustedAfter(29_000, 500, MAX)).as("a collection that freed half").isFalse();
    assertThat(rule.exhaustedAfter(31_000, 950, MAX)).as("full again: a new start").isFalse();
    assertThat(rule.exhaustedAfter(60_000, 950, MAX)).as("29 s after the new start").isFalse();
    assertThat(rule.exhaustedAfter(61_000, 950, MAX)).as("30 s after it, 3 collections").isFalse();
    assertThat(rule.exhaustedAfter(62_000, 950, MAX)).as("4").isFalse();
    assertThat(rule.exhaustedAfter(63_000, 950, MAX)).as("5 collections over 32 s").isTrue();
  }

  @Test
  void twoCollectionsThirtySecondsApartAreNotEnough() {
    assertThat(rule.exhaustedAfter(0, 990, MAX)).isFalse();
    assertThat(rule.exhaustedAfter(40_000, 990, MAX)).as("a quiet heap that collects rarely").isFalse();
  }

  @Test
  void justBelowTheFractionIsNeverOutOfMemory() {
    for (long t = 0; t <= 120_000; t += 100) {
      assertThat(rule.exhaustedAfter(t, 899, MAX)).isFalse();
    }
  }
}
