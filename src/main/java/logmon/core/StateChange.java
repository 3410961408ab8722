package logmon.core;

import java.io.Serializable;

/**
 * What one batch did to one key of the running state: what cumulative mode's state function
 * emits for each key a batch touched (or forgot), so that the driver can keep its statistics
 * from the changes instead of reading the whole state every batch.
 *
 * @param total the key's total after the batch (for {@link Change#FORGOTTEN}, its last total;
 *     for {@link Change#BATCH}, the batch's own tally of a per-batch key)
 */
public record StateChange(StatKey key, Tally total, Change change) implements Serializable {

  public enum Change {
    /** The key entered the state with this batch. */
    NEW,
    /** The key was in the state and this batch added to it. */
    GROWN,
    /** The key left the state (not seen for {@code --forget-after}). */
    FORGOTTEN,
    /** A per-batch key ({@link StatKey#isPerBatch()}), never in the state. */
    BATCH
  }
}
