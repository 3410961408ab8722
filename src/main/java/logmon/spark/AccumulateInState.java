package logmon.spark;

import logmon.core.StateChange;
import logmon.core.StatKey;
import logmon.core.Tally;
import org.apache.spark.api.java.Optional;
import org.apache.spark.api.java.function.Function3;
import org.apache.spark.streaming.State;

/**
 * The {@code mapWithState} function of cumulative mode: this batch's tally joins the key's total,
 * and the change is emitted for the driver's running statistics ({@link RunningPublisher}). Spark
 * calls it only for the keys a batch brings, and for keys timing out ({@code --forget-after}).
 */
final class AccumulateInState implements Function3<StatKey, Optional<Tally>, State<Tally>, StateChange> {

  private static final long serialVersionUID = 1L;

  @Override
  public StateChange call(StatKey key, Optional<Tally> batch, State<Tally> total) {
    if (total.isTimingOut()) {
      return new StateChange(key, total.get(), StateChange.Change.FORGOTTEN);
    }
    if (!batch.isPresent()) {
      return null; // not reached: without a timeout Spark calls only with data
    }
    boolean fresh = !total.exists();
    Tally after = fresh ? batch.get() : total.get().merge(batch.get());
    total.update(after);
    return new StateChange(key, after, fresh ? StateChange.Change.NEW : StateChange.Change.GROWN);
  }
}
