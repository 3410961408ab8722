package logmon.render.dashboard;

import com.googlecode.lanterna.TerminalSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each panel goes for a terminal size: a title row, the headline, the panels, a footer.
 * Wide terminals get two columns with the sparkline across the bottom; narrow ones one column.
 * Panels that do not get their minimum rows are dropped, most important kept first.
 * Depends only on the size and the headline's height, so it does not jump between frames.
 */
record DashboardLayout(TerminalSize size, boolean tooSmall, int headlineRows, List<Region> regions) {

  static final int MIN_COLUMNS = 40;
  static final int MIN_ROWS = 10;
  /** From here two columns; below, the endpoints would have too little room beside the codes. */
  static final int TWO_COLUMNS = 64;

  /** Below this many body rows the wide layout drops the sparkline band. */
  private static final int RATE_BAND_FROM = 12;

  /** A panel's rectangle. */
  record Region(Panel panel, int column, int row, int width, int height) {}

  static DashboardLayout of(TerminalSize size, int wantedHeadlineRows) {
    return of(size, wantedHeadlineRows, false, false);
  }

  /**
   * @param times a response-time panel, when the log says how long requests took
   * @param hosts a hosts panel, when the log names virtual hosts
   */
  static DashboardLayout of(TerminalSize size, int wantedHeadlineRows, boolean times, boolean hosts) {
    return of(size, wantedHeadlineRows, times, hosts, false);
  }

  /** @param rankings a panel of more rankings (agents, referrers, 404s, --top FIELD) when there are any */
  static DashboardLayout of(TerminalSize size, int wantedHeadlineRows, boolean times, boolean hosts,
      boolean rankings) {
    int columns = size.getColumns();
    int rows = size.getRows();
    if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
      return new DashboardLayout(size, true, 0, List.of());
    }
    // Title row and footer are fixed; the headline may not take more than a third.
    int headline = Math.max(1, Math.min(wantedHeadlineRows, (rows - 2) / 3));
    int top = 1 + headline;
    int body = rows - top - 1;
    List<Region> regions = new ArrayList<>();
    if (columns >= TWO_COLUMNS) {
      int rateRows = body >= RATE_BAND_FROM ? Math.min(Panel.RATE.maxRows(), 2 + (body - RATE_BAND_FROM) / 8) : 0;
      int columnRows = body - rateRows;
      int left = (columns - 1) * 3 / 5;
      regions.addAll(stack(rankings ? List.of(Panel.ENDPOINTS, Panel.ERROR_ENDPOINTS, Panel.RANKINGS)
          : List.of(Panel.ENDPOINTS, Panel.ERROR_ENDPOINTS), 0, top, left, columnRows));
      List<Panel> right = new ArrayList<>(List.of(Panel.STATUS));
      if (times) {
        right.add(Panel.RESPONSE_TIME);
      }
      right.add(Panel.CLIENTS);
      if (hosts) {
        right.add(Panel.HOSTS);
      }
      right.add(Panel.HEALTH);
      regions.addAll(stack(right, left + 1, top, columns - left - 1, columnRows));
      if (rateRows > 0) {
        regions.add(new Region(Panel.RATE, 0, top + columnRows, columns, rateRows));
      }
    } else {
      List<Panel> panels = new ArrayList<>(List.of(Panel.ENDPOINTS, Panel.STATUS));
      if (times) {
        panels.add(Panel.RESPONSE_TIME);
      }
      panels.addAll(List.of(Panel.RATE, Panel.ERROR_ENDPOINTS, Panel.CLIENTS));
      if (hosts) {
        panels.add(Panel.HOSTS);
      }
      if (rankings) {
        panels.add(Panel.RANKINGS);
      }
      panels.add(Panel.HEALTH);
      regions.addAll(stack(panels, 0, top, columns, body));
    }
    return new DashboardLayout(size, false, headline, List.copyOf(regions));
  }

  /** The focusable panels on screen, in tab order. */
  List<Panel> focusRing() {
    return Panel.FOCUS_RING.stream().filter(p -> regions.stream().anyMatch(r -> r.panel() == p)).toList();
  }

  int footerRow() {
    return size.getRows() - 1;
  }

  /**
   * Panels one under another in {@code height} rows: each in order while its minimum fits,
   * then spare rows one at a time to the panel furthest below its weighted share.
   */
  static List<Region> stack(List<Panel> panels, int column, int row, int width, int height) {
    Map<Panel, Integer> rows = new LinkedHashMap<>();
    int used = 0;
    for (Panel panel : panels) {
      if (used + panel.minRows() <= height) {
        rows.put(panel, panel.minRows());
        used += panel.minRows();
      }
    }
    for (int spare = height - used; spare > 0; spare--) {
      Panel best = null;
      double bestShare = Double.MAX_VALUE;
      for (var entry : rows.entrySet()) {
        Panel panel = entry.getKey();
        if (panel.weight() > 0 && entry.getValue() < panel.maxRows()) {
          double share = (double) (entry.getValue() - panel.minRows()) / panel.weight();
          if (share < bestShare) {
            best = panel;
            bestShare = share;
          }
        }
      }
      if (best == null) {
        break;
      }
      rows.merge(best, 1, Integer::sum);
    }
    List<Region> regions = new ArrayList<>();
    int y = row;
    for (var entry : rows.entrySet()) {
      regions.add(new Region(entry.getKey(), column, y, width, entry.getValue()));
      y += entry.getValue();
    }
    return regions;
  }
}
