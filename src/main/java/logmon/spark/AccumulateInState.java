package logmon.spark;

import logmon.core.StatKey;
import logmon.core.Tally;
import org.apache.spark.api.java.Optional;
import org.apache.spark.api.java.function.Function3;
import org.apache.spark.streaming.State;

/** The {@code mapWithState} function of cumulative mode: this batch's tally joins the key's total. */
final class AccumulateInState implements Function3<StatKey, Optional<Tally>, State<Tally>, Boolean> {

  private static final long serialVersionUID = 1L;

  @Override
  public Boolean call(StatKey key, Optional<Tally> batch, State<Tally> total) {
    if (batch.isPresent()) {
      total.update(total.exists() ? total.get().merge(batch.get()) : batch.get());
    }
    return Boolean.TRUE; // the mapped stream is unused: snapshots come from stateSnapshots()
  }
}
