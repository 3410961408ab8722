package logmon.core.stats;

import java.util.List;

/** Every {@link Statistic}, in the order renderers show them. Adding one is adding it here. */
public final class Statistics {

  public static final UniqueClients UNIQUE_CLIENTS = new UniqueClients();
  public static final ResponseTimes RESPONSE_TIMES = new ResponseTimes();
  public static final SlowEndpoints SLOW_ENDPOINTS = new SlowEndpoints();
  public static final Hosts HOSTS = new Hosts();
  public static final Formats FORMATS = new Formats();
  public static final NewestLogTime NEWEST_LOG_TIME = new NewestLogTime();
  public static final StateKeys STATE_KEYS = new StateKeys();

  public static final List<Statistic<?>> ALL =
      List.of(FORMATS, UNIQUE_CLIENTS, RESPONSE_TIMES, SLOW_ENDPOINTS, HOSTS, NEWEST_LOG_TIME, STATE_KEYS);

  private Statistics() {}
}
