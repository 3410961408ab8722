package logmon.core;

/**
 * One parsed access-log line, whatever its format; fields the format lacks are null (or -1).
 *
 * @param endpoint       the request's second token (path and query), or null when the request has fewer than two tokens
 * @param epochSecond    the line's timestamp, or Long.MIN_VALUE when the format has none
 * @param bytes          response size; "-" in the log is 0
 * @param referer        null when the format has none (Common)
 * @param vhost          the virtual host, or null
 * @param port           the server port, or -1
 * @param responseMicros time taken to serve the request in microseconds, or -1
 * @param format         the name of the format that matched
 */
public record LogRecord(
    String host,
    String ident,
    String user,
    long epochSecond,
    String request,
    String endpoint,
    int status,
    long bytes,
    String referer,
    String userAgent,
    String vhost,
    int port,
    long responseMicros,
    String format) {

  public boolean isError() {
    return status >= 400 && status < 600;
  }
}
