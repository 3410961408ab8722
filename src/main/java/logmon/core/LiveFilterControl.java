package logmon.core;

/**
 * How the dashboard sets the filter of all counted data while the run goes on (the run's side
 * checks and applies it from the next batch on). The start's {@code --where} stays under it.
 */
public interface LiveFilterControl {

  /**
   * Applies {@code expression} (the {@code --where} language) from the next batch on, counting afresh.
   *
   * @return null, or why it cannot be applied ("position 9: expected …"): then nothing changes
   */
  String set(String expression);

  /** Back to the unfiltered figures (which were counted all along). */
  void clear();

  /** For dashboards without a run behind them (tests): accepts everything, applies nothing. */
  LiveFilterControl NONE = new LiveFilterControl() {
    @Override
    public String set(String expression) {
      return null;
    }

    @Override
    public void clear() {}
  };
}
