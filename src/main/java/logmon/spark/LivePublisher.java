package logmon.spark;

import java.util.List;
import logmon.core.ActiveFilter;
import logmon.core.LiveCounts;
import logmon.core.LiveView;
import logmon.core.TallyTable;
import logmon.core.TrafficStats;
import logmon.core.ViewSpec;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.streaming.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live filter's output, registered before the view's own so that it runs first in each batch:
 * it collects the batch's filtered tables (one per source, small), adds them to the filter's
 * {@link LiveCounts} on the driver and hands the figures to the {@link RunMonitor}, which sends them
 * with the batch's (unfiltered) snapshot. Without a live filter it starts no job.
 */
final class LivePublisher implements VoidFunction2<JavaRDD<LiveSummaries.LiveTable>, Time> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(LivePublisher.class);

  private final ViewSpec view;
  private final int top;
  private final long ipThreshold;
  private final List<String> topBy;
  /** Driver only, never checkpointed. */
  private transient LiveCounts counts;

  LivePublisher(ViewSpec view, int top, long ipThreshold, List<String> topBy) {
    this.view = view;
    this.top = top;
    this.ipThreshold = ipThreshold;
    this.topBy = List.copyOf(topBy);
  }

  @Override
  public void call(JavaRDD<LiveSummaries.LiveTable> tables, Time time) {
    try {
      LiveFilter.Current live = LiveFilter.current();
      if (live == null) {
        if (counts != null) {
          counts.clear();
        }
        RunMonitor.current().live(0, null);
        return;
      }
      TallyTable batch = new TallyTable();
      boolean ofThisFilter = false;
      for (LiveSummaries.LiveTable table : tables.collect()) {
        if (table.generation() == live.generation()) {
          batch.merge(table.table());
          ofThisFilter = true;
        }
      }
      if (!ofThisFilter) {
        // Set after this batch's RDDs were made: it counts from the next batch.
        RunMonitor.current().live(0, null);
        return;
      }
      if (counts == null) {
        counts = new LiveCounts(view, top, ipThreshold, topBy);
      }
      long batchMillis = ResumeClock.realMillis(time.milliseconds());
      TrafficStats stats = counts.add(live.generation(), batchMillis, batch);
      RunMonitor.current().live(live.generation(), new LiveView(new ActiveFilter(live.expression(), live.since()), stats));
    } catch (RuntimeException e) {
      // An exception escaping foreachRDD would stop the whole streaming context.
      LOG.error("Batch {}: the live filter's figures could not be counted", time, e);
    }
  }
}
