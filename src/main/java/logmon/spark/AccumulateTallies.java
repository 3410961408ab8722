package logmon.spark;

import java.util.List;
import logmon.core.Tally;
import org.apache.spark.api.java.Optional;
import org.apache.spark.api.java.function.Function2;

/** The {@code updateStateByKey} function of cumulative mode: this batch's tallies join the total. */
final class AccumulateTallies implements Function2<List<Tally>, Optional<Tally>, Optional<Tally>> {

  private static final long serialVersionUID = 1L;

  @Override
  public Optional<Tally> call(List<Tally> batch, Optional<Tally> total) {
    Tally result = total.orElse(Tally.EMPTY);
    for (Tally tally : batch) {
      result = result.merge(tally);
    }
    return Optional.of(result);
  }
}
