package logmon.spark;

import logmon.core.Tally;
import org.apache.spark.api.java.function.Function2;

/** {@link Tally#merge} as a named, checkpoint-stable Spark function. */
final class MergeTallies implements Function2<Tally, Tally, Tally> {

  static final MergeTallies INSTANCE = new MergeTallies();
  private static final long serialVersionUID = 1L;

  @Override
  public Tally call(Tally a, Tally b) {
    return a.merge(b);
  }
}
