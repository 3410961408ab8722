package logmon.core.format;

/**
 * What a format's field means to logmon. A format binds each role to at most one field (the best
 * one it has: {@code %b} over {@code %O}, {@code %D} over {@code $upstream_response_time});
 * every other field is matched and checked, but carries nothing ({@link #NONE}).
 */
public enum Role {
  NONE,
  CLIENT,
  IDENT,
  USER,
  /** The line's timestamp, as epoch seconds. */
  TIME,
  REQUEST,
  /** The path and query alone ({@code $request_uri}, {@code %U}): the endpoint when there is no request line. */
  URI,
  STATUS,
  /** Response size in bytes; "-" is 0. */
  BYTES,
  REFERER,
  USER_AGENT,
  /** The virtual host ({@code %v}, {@code $host}, {@code $server_name}). */
  VHOST,
  PORT,
  /** Time taken to serve the request, in microseconds. */
  RESPONSE_TIME;

  static final Role[] ALL = values();
}
