package logmon.core;

/**
 * One parsed access-log line (Common or Combined format).
 *
 * @param endpoint the request's second token (path and query), or null when the request has fewer than two tokens
 * @param bytes    response size; "-" in the log is 0
 * @param referer  null in the Common format
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
    String userAgent) {

  public boolean isError() {
    return status >= 400 && status < 600;
  }
}
