package logmon.core.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import logmon.core.format.LineFormat;
import logmon.core.format.ParsedLine;
import logmon.core.format.Role;

/**
 * The fields a query or a ranking can name: logmon's own (issue 10's field set), and any other
 * field the format logs, by its nginx name ({@code http_x_forwarded_for}, {@code upstream_cache_status};
 * Apache's {@code %{X-Forwarded-For}i} is {@code http_x_forwarded_for}, {@code %{X}o} is
 * {@code sent_http_x}, {@code %{c}C} is {@code cookie_c}).
 */
public final class Fields {

  private Fields() {}

  /** logmon's own fields, in the order --help lists them. */
  public enum Builtin implements Field {
    CLIENT("client", FieldType.ADDRESS, Role.CLIENT, "the client address (%h, $remote_addr)"),
    USER("user", FieldType.TEXT, Role.USER, "the authenticated user (%u, $remote_user)"),
    TIME("time", FieldType.TIME, Role.TIME, "the request's time, compared with '2026-12-04T21:30:00Z'"),
    METHOD("method", FieldType.TEXT, Role.REQUEST, "GET, POST … (from the request line)"),
    PATH("path", FieldType.TEXT, null, "the path, without the query string"),
    QUERY("query", FieldType.TEXT, null, "the query string, after '?'"),
    ENDPOINT("endpoint", FieldType.TEXT, null, "path and query, as the endpoint panels show them"),
    PROTOCOL("protocol", FieldType.TEXT, Role.REQUEST, "HTTP/1.1 … (from the request line)"),
    STATUS("status", FieldType.NUMBER, Role.STATUS, "the response code; 5xx stands for 500–599"),
    BYTES("bytes", FieldType.NUMBER, Role.BYTES, "the response size"),
    REFERER("referer", FieldType.TEXT, Role.REFERER, "the Referer header"),
    AGENT("agent", FieldType.TEXT, Role.USER_AGENT, "the User-Agent header"),
    HOST("host", FieldType.TEXT, Role.VHOST, "the virtual host (%v, $host)"),
    PORT("port", FieldType.NUMBER, Role.PORT, "the server port (%p, $server_port)"),
    RESPONSE_TIME_MS("responseTimeMs", FieldType.NUMBER, Role.RESPONSE_TIME, "time to serve, in ms (%D, $request_time)");

    private final String name;
    private final FieldType type;
    /** The role it is read from; null for the endpoint's parts (a request line or a URI). */
    private final Role role;
    private final String help;

    Builtin(String name, FieldType type, Role role, String help) {
      this.name = name;
      this.type = type;
      this.role = role;
      this.help = help;
    }

    @Override
    public String fieldName() {
      return name;
    }

    public String help() {
      return help;
    }

    @Override
    public FieldType type() {
      return type;
    }

    @Override
    public boolean carriedBy(LineFormat format) {
      return role != null ? format.has(role) : format.has(Role.REQUEST) || format.has(Role.URI);
    }

    @Override
    public String text(ParsedLine line) {
      return switch (this) {
        case CLIENT -> line.client();
        case USER -> line.text(Role.USER);
        case TIME -> line.epochSecond() == ParsedLine.NO_TIME ? null : Long.toString(line.epochSecond());
        case METHOD -> requestToken(line, 0);
        case PROTOCOL -> requestToken(line, 2);
        case PATH -> {
          String endpoint = line.endpoint();
          int q = endpoint == null ? -1 : endpoint.indexOf('?');
          yield q < 0 ? endpoint : endpoint.substring(0, q);
        }
        case QUERY -> {
          String endpoint = line.endpoint();
          int q = endpoint == null ? -1 : endpoint.indexOf('?');
          yield q < 0 ? null : endpoint.substring(q + 1);
        }
        case ENDPOINT -> line.endpoint();
        case STATUS, BYTES, PORT, RESPONSE_TIME_MS -> {
          double n = number(line);
          yield Double.isNaN(n) ? null : n == Math.rint(n) ? Long.toString((long) n) : Double.toString(n);
        }
        case REFERER -> line.text(Role.REFERER);
        case AGENT -> line.text(Role.USER_AGENT);
        case HOST -> line.text(Role.VHOST);
      };
    }

    @Override
    public double number(ParsedLine line) {
      return switch (this) {
        case STATUS -> line.has(Role.STATUS) ? line.status() : Double.NaN;
        case BYTES -> line.has(Role.BYTES) ? line.bytes() : Double.NaN;
        case PORT -> line.port() < 0 ? Double.NaN : line.port();
        case RESPONSE_TIME_MS -> line.responseMicros() < 0 ? Double.NaN : line.responseMicros() / 1000.0;
        case TIME -> line.epochSecond() == ParsedLine.NO_TIME ? Double.NaN : line.epochSecond();
        default -> Double.NaN;
      };
    }

    /** The request line's n-th space-separated token, or null (scanned: String.split would compile a regex per call). */
    private static String requestToken(ParsedLine line, int n) {
      String request = line.text(Role.REQUEST);
      if (request == null) {
        return null;
      }
      int i = 0;
      int length = request.length();
      for (int token = 0; ; token++) {
        while (i < length && request.charAt(i) == ' ') {
          i++;
        }
        if (i >= length) {
          return null;
        }
        int start = i;
        while (i < length && request.charAt(i) != ' ') {
          i++;
        }
        if (token == n) {
          return request.substring(start, i);
        }
      }
    }
  }

  /**
   * The field of that name, for lines in any of {@code formats}.
   *
   * @return null when no format carries it
   */
  public static Field find(String name, List<LineFormat> formats) {
    for (Builtin builtin : Builtin.values()) {
      if (builtin.name.equals(name)) {
        return builtin;
      }
    }
    for (LineFormat format : formats) {
      if (LoggedField.indexIn(format, name) >= 0) {
        return new LoggedField(name);
      }
    }
    return null;
  }

  /** Every name a query may use with these formats: logmon's own, then the other logged fields. */
  public static List<String> names(List<LineFormat> formats) {
    List<String> names = new ArrayList<>();
    for (Builtin builtin : Builtin.values()) {
      if (formats.stream().anyMatch(builtin::carriedBy)) {
        names.add(builtin.name);
      }
    }
    for (LineFormat format : formats) {
      for (String directive : format.directives()) {
        String name = directive == null ? null : nameOf(directive);
        if (name != null && !names.contains(name) && find(name, List.of()) == null) {
          names.add(name);
        }
      }
    }
    return names;
  }

  /**
   * The name a directive goes by in queries, nginx's way: {@code $upstream_addr} is
   * {@code upstream_addr}, {@code %{X-Forwarded-For}i} is {@code http_x_forwarded_for}; null
   * for directives with no name of their own ({@code %h}: logmon's {@code client}).
   */
  static String nameOf(String directive) {
    if (directive.startsWith("$")) {
      String name = directive.substring(1);
      return name.startsWith("{") && name.endsWith("}") ? name.substring(1, name.length() - 1) : name;
    }
    int open = directive.indexOf('{');
    int close = directive.lastIndexOf('}');
    if (!directive.startsWith("%") || open < 0 || close < open || close + 2 != directive.length()) {
      return null;
    }
    String param = directive.substring(open + 1, close).toLowerCase(Locale.ROOT).replace('-', '_');
    return switch (directive.charAt(close + 1)) {
      case 'i' -> "http_" + param;
      case 'o' -> "sent_http_" + param;
      case 'C' -> "cookie_" + param;
      default -> null;
    };
  }
}
