package logmon.core.change;

/**
 * One entry of a ranking against the same ranking one period earlier (see {@link ChangeTracker}).
 *
 * @param rank         its place now, from 1 (ties are ordered by name, as the ranking shows them)
 * @param isNew        it was not in the ranking then
 * @param previousRank its place then, or null when it is new or there is nothing to compare with
 */
public record RankChange(int rank, boolean isNew, Integer previousRank) {

  /** Nothing to compare with (the run is younger than the period), or an entry not in the ranking. */
  public static final RankChange UNKNOWN = new RankChange(0, false, null);

  /**
   * A climb or fall of at least this many places is a big move: in a top 10, from the bottom half
   * into the top half, or the reverse.
   */
  public static final int BIG_MOVE = 3;

  /** What a renderer marks an entry with. */
  public enum Mark { NONE, NEW, UP, DOWN }

  public Mark mark() {
    if (isNew) {
      return Mark.NEW;
    }
    if (previousRank == null) {
      return Mark.NONE;
    }
    int climbed = previousRank - rank;
    return climbed >= BIG_MOVE ? Mark.UP : -climbed >= BIG_MOVE ? Mark.DOWN : Mark.NONE;
  }
}
