package logmon.render.dashboard;

import java.util.List;
import java.util.function.Function;
import logmon.core.Ranked;
import logmon.core.TrafficStats;
import logmon.core.stats.Statistics;

/**
 * The dashboard's panels as data (GoAccess style): what each shows, how it may be sorted, and
 * how much room it wants. The view draws by {@link Kind}, not by a class per panel.
 */
enum Panel {
  ENDPOINTS("Top endpoints", Kind.RANKED, TrafficStats::topEndpoints,
      List.of(Sort.COUNT_DESC, Sort.NAME_ASC), 3, Integer.MAX_VALUE, 3, "no requests yet"),
  STATUS("Response codes", Kind.CODES, Panel::statusEntries,
      List.of(Sort.CODE_ASC, Sort.COUNT_DESC), 3, 8, 1, "no requests yet"),
  ERROR_ENDPOINTS("Top 4xx/5xx endpoints", Kind.RANKED, TrafficStats::topErrorEndpoints,
      List.of(Sort.COUNT_DESC, Sort.NAME_ASC), 3, Integer.MAX_VALUE, 2, "no 4xx/5xx responses"),
  CLIENTS("Frequent client IPs", Kind.RANKED, TrafficStats::frequentIps,
      List.of(Sort.COUNT_DESC, Sort.NAME_ASC), 3, Integer.MAX_VALUE, 2, "no client above the threshold"),
  HOSTS("Top hosts", Kind.RANKED, traffic -> traffic.of(Statistics.HOSTS),
      List.of(Sort.COUNT_DESC, Sort.NAME_ASC), 3, Integer.MAX_VALUE, 1, "no host in the log lines"),
  RESPONSE_TIME("Response time", Kind.LATENCY, null, List.of(), 3, 6, 1, ""),
  /** User agents, referrers, 404 paths and every --top FIELD ranking: each statistic's own sections. */
  RANKINGS("More rankings", Kind.SECTIONS, null, List.of(), 3, Integer.MAX_VALUE, 2, "no rankings yet"),
  RATE("Requests/s", Kind.SPARKLINE, null, List.of(), 2, 5, 1, ""),
  HEALTH("Batch health", Kind.HEALTH, null, List.of(), 4, 4, 0, "");

  enum Kind { RANKED, CODES, SPARKLINE, LATENCY, HEALTH, SECTIONS }

  /** The statistics whose sections the RANKINGS panel draws (the others have panels of their own). */
  static final List<logmon.core.stats.Statistic<?>> SECTION_STATISTICS =
      List.of(Statistics.TOP_AGENTS, Statistics.TOP_REFERERS, Statistics.TOP_404, Statistics.TOP_BY);

  /** The sections the RANKINGS panel draws for these statistics (none: no panel). */
  static List<logmon.core.stats.Statistic.Section> sections(TrafficStats traffic) {
    List<logmon.core.stats.Statistic.Section> sections = new java.util.ArrayList<>();
    for (logmon.core.stats.Statistic<?> statistic : SECTION_STATISTICS) {
      sections.addAll(sectionsOf(statistic, traffic));
    }
    return sections;
  }

  private static <R> List<logmon.core.stats.Statistic.Section> sectionsOf(logmon.core.stats.Statistic<R> statistic,
      TrafficStats traffic) {
    return statistic.sections(traffic.of(statistic));
  }

  /** The panels {@code tab} moves through, in reading order of the wide layout. */
  static final List<Panel> FOCUS_RING = List.of(ENDPOINTS, STATUS, ERROR_ENDPOINTS, CLIENTS, HOSTS);

  private final String title;
  private final Kind kind;
  private final Function<TrafficStats, List<Ranked>> source;
  private final List<Sort> sorts;
  private final int minRows;
  private final int maxRows;
  private final int weight;
  private final String emptyText;

  Panel(String title, Kind kind, Function<TrafficStats, List<Ranked>> source, List<Sort> sorts,
      int minRows, int maxRows, int weight, String emptyText) {
    this.title = title;
    this.kind = kind;
    this.source = source;
    this.sorts = sorts;
    this.minRows = minRows;
    this.maxRows = maxRows;
    this.weight = weight;
    this.emptyText = emptyText;
  }

  String title() {
    return title;
  }

  Kind kind() {
    return kind;
  }

  List<Sort> sorts() {
    return sorts;
  }

  boolean focusable() {
    return !sorts.isEmpty();
  }

  /** Rows including the title row: fewer and the panel is dropped. */
  int minRows() {
    return minRows;
  }

  /** Rows beyond which more space shows nothing new. */
  int maxRows() {
    return maxRows;
  }

  /** Share of spare rows, relative to the other panels of its column. */
  int weight() {
    return weight;
  }

  String emptyText() {
    return emptyText;
  }

  /** The name of the ranking a RANKED panel shows, as "what changed" knows it (null for the others). */
  String ranking() {
    return switch (this) {
      case ENDPOINTS -> logmon.core.change.Rankings.ENDPOINTS;
      case ERROR_ENDPOINTS -> logmon.core.change.Rankings.ERROR_ENDPOINTS;
      case CLIENTS -> logmon.core.change.Rankings.CLIENTS;
      case HOSTS -> logmon.core.change.Rankings.HOSTS;
      default -> null;
    };
  }

  /** This panel's entries, sorted as the state says. */
  List<Ranked> entries(TrafficStats traffic, DashboardState state) {
    if (source == null) {
      return List.of();
    }
    return source.apply(traffic).stream().sorted(state.sortOf(this).order()).toList();
  }

  private static List<Ranked> statusEntries(TrafficStats traffic) {
    return traffic.status().entrySet().stream().map(e -> new Ranked(e.getKey(), e.getValue())).toList();
  }
}
