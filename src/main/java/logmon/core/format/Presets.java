package logmon.core.format;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The formats logmon knows by name, as the servers' own stock configurations write them.
 * Listed most specific first: the order auto-detection tries them in.
 */
public final class Presets {

  /** Apache's stock formats (httpd.conf, Debian's apache2.conf). */
  public static final String COMMON = "%h %l %u %t \"%r\" %>s %b";
  public static final String COMBINED = "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\"";
  public static final String VHOST_COMBINED = "%v:%p %h %l %u %t \"%r\" %>s %O \"%{Referer}i\" \"%{User-Agent}i\"";
  /** nginx.org's packages and Docker image: log_format main. */
  public static final String NGINX_MAIN = "$remote_addr - $remote_user [$time_local] \"$request\" "
      + "$status $body_bytes_sent \"$http_referer\" \"$http_user_agent\" \"$http_x_forwarded_for\"";

  private static final Map<String, String> SPECS = new LinkedHashMap<>();

  static {
    SPECS.put("vcombined", VHOST_COMBINED);
    SPECS.put("nginx", NGINX_MAIN);
    SPECS.put("combined", COMBINED);
    SPECS.put("common", COMMON);
  }

  private Presets() {}

  public static List<String> names() {
    return List.copyOf(SPECS.keySet());
  }

  /** The preset's format string, or null. */
  public static String spec(String name) {
    return SPECS.get(name);
  }

  /** All presets compiled, most specific first. */
  public static List<LineFormat> all() {
    return SPECS.entrySet().stream().map(e -> FormatCompiler.compile(e.getKey(), e.getValue())).toList();
  }
}
