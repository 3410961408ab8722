package logmon.core.format;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compiles an Apache {@code LogFormat} or nginx {@code log_format} string into a
 * {@link LineFormat}. The dialect is nginx when the string holds a {@code $variable}, Apache
 * otherwise. Directives logmon does not use are matched as opaque fields. A field is read as a
 * quoted string when quotes surround it in the format, else up to the first character of the
 * text that follows it, else (last) to the end of the line.
 */
public final class FormatCompiler {

  private FormatCompiler() {}

  /** A directive as read from the format, before the elements are laid out. */
  private record Field(int op, Role role, int rank, long unit, TimePattern time, String source, int index) {}

  /**
   * @param name the name the format reports ({@code custom} for the user's own)
   * @throws FormatException naming the position of what does not compile
   */
  public static LineFormat compile(String name, String spec) {
    ConfigText config = ConfigText.unwrap(spec);
    String text = config.text();
    if (text.isBlank()) {
      throw new FormatException(0, "the format is empty");
    }
    List<Object> items = isNginx(text) ? nginxItems(text, config.positions()) : apacheItems(text, config.positions());
    return new LineFormat(name, spec, layOut(bindRoles(items), config.positions()));
  }

  private static boolean isNginx(String text) {
    for (int i = 0; i + 1 < text.length(); i++) {
      char next = text.charAt(i + 1);
      if (text.charAt(i) == '$' && (Character.isLetter(next) || next == '_' || next == '{')) {
        return true;
      }
    }
    return false;
  }

  // ---- Apache ----

  private static List<Object> apacheItems(String text, int[] positions) {
    List<Object> items = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '%') {
        literal.append(c);
        i++;
        continue;
      }
      int start = i++;
      if (i < text.length() && text.charAt(i) == '%') {
        literal.append('%');
        i++;
        continue;
      }
      // Modifiers: %>s, %<s, status conditions %400,501{…}i and %!200{…}i.
      while (i < text.length() && "<>!,0123456789".indexOf(text.charAt(i)) >= 0) {
        i++;
      }
      String param = null;
      if (i < text.length() && text.charAt(i) == '{') {
        int close = text.indexOf('}', i);
        if (close < 0) {
          throw new FormatException(positions[i], "'{' is not closed by '}'");
        }
        param = text.substring(i + 1, close);
        i = close + 1;
      }
      if (i >= text.length()) {
        throw new FormatException(positions[start], "'" + text.substring(start) + "' is not followed by a directive letter");
      }
      String directive;
      if (text.charAt(i) == '^') {
        // %^ti, %^to: trailers, two letters.
        if (i + 2 >= text.length() + 0 && i + 2 > text.length()) {
          throw new FormatException(positions[start], "'%^' needs two letters (%^ti, %^to)");
        }
        directive = text.substring(i, Math.min(text.length(), i + 3));
        i += 3;
      } else {
        directive = String.valueOf(text.charAt(i++));
        if (!Character.isLetter(directive.charAt(0))) {
          throw new FormatException(positions[start], "'" + text.substring(start, i) + "' is not an Apache directive");
        }
      }
      if (literal.length() > 0) {
        items.add(literal.toString());
        literal.setLength(0);
      }
      items.add(apacheField(directive, param, text.substring(start, i), start, positions));
    }
    if (literal.length() > 0) {
      items.add(literal.toString());
    }
    return items;
  }

  private static Field apacheField(String directive, String param, String source, int index, int[] positions) {
    String p = param == null ? "" : param.toLowerCase(Locale.ROOT);
    return switch (directive) {
      case "h", "a" -> field(Element.TOKEN, Role.CLIENT, 1, source, index);
      case "l" -> field(Element.TOKEN, Role.IDENT, 1, source, index);
      case "u" -> field(Element.TOKEN, Role.USER, 1, source, index);
      case "r" -> field(Element.TOKEN, Role.REQUEST, 1, source, index);
      case "U" -> field(Element.TOKEN, Role.URI, 1, source, index);
      case "s" -> field(Element.STATUS, Role.STATUS, 1, source, index);
      case "b", "B" -> field(Element.NUMBER, Role.BYTES, 1, source, index);
      case "O" -> field(Element.NUMBER, Role.BYTES, 2, source, index);
      case "I", "S" -> field(Element.NUMBER, Role.NONE, 1, source, index);
      case "D" -> new Field(Element.DURATION, Role.RESPONSE_TIME, 1, 1, null, source, index);
      case "T" -> switch (p) {
        case "us" -> new Field(Element.DURATION, Role.RESPONSE_TIME, 1, 1, null, source, index);
        case "ms" -> new Field(Element.DURATION, Role.RESPONSE_TIME, 2, 1_000, null, source, index);
        case "", "s" -> new Field(Element.DURATION, Role.RESPONSE_TIME, 3, 1_000_000, null, source, index);
        default -> throw new FormatException(positions[index], source + ": the unit must be s, ms or us");
      };
      case "v", "V" -> field(Element.TOKEN, Role.VHOST, 1, source, index);
      case "p" -> field(Element.NUMBER, p.equals("remote") ? Role.NONE : Role.PORT, 1, source, index);
      case "P" -> field(Element.TOKEN, Role.NONE, 1, source, index);
      case "i" -> field(Element.TOKEN, p.equals("referer") ? Role.REFERER
          : p.equals("user-agent") ? Role.USER_AGENT : Role.NONE, 1, source, index);
      case "t" -> apacheTime(param, source, index, positions);
      default -> field(Element.TOKEN, Role.NONE, 1, source, index);
    };
  }

  private static Field apacheTime(String param, String source, int index, int[] positions) {
    if (param == null) {
      return field(Element.CLF_TIME_BRACKETED, Role.TIME, 1, source, index);
    }
    String pattern = param;
    int offset = index + source.indexOf('{') + 1;
    for (String prefix : List.of("begin:", "end:")) {
      if (pattern.startsWith(prefix)) {
        pattern = pattern.substring(prefix.length());
        offset += prefix.length();
      }
    }
    return switch (pattern) {
      case "sec" -> new Field(Element.EPOCH, Role.TIME, 1, 1, null, source, index);
      case "msec" -> new Field(Element.EPOCH, Role.TIME, 1, 1_000, null, source, index);
      case "usec" -> new Field(Element.EPOCH, Role.TIME, 1, 1_000_000, null, source, index);
      case "msec_frac", "usec_frac" -> field(Element.NUMBER, Role.NONE, 1, source, index);
      default -> new Field(Element.STRFTIME, Role.TIME, 1, 0, TimePattern.compile(pattern, positions, offset),
          source, index);
    };
  }

  // ---- nginx ----

  private static List<Object> nginxItems(String text, int[] positions) {
    List<Object> items = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '$') {
        literal.append(c);
        i++;
        continue;
      }
      int start = i++;
      String variable;
      if (i < text.length() && text.charAt(i) == '{') {
        int close = text.indexOf('}', i);
        if (close < 0) {
          throw new FormatException(positions[i], "'${' is not closed by '}'");
        }
        variable = text.substring(i + 1, close);
        i = close + 1;
      } else {
        int from = i;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
          i++;
        }
        variable = text.substring(from, i);
      }
      if (variable.isEmpty() || !variable.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')) {
        throw new FormatException(positions[start], "'$' is not followed by a variable name");
      }
      if (literal.length() > 0) {
        items.add(literal.toString());
        literal.setLength(0);
      }
      items.add(nginxField(variable, text.substring(start, i), start));
    }
    if (literal.length() > 0) {
      items.add(literal.toString());
    }
    return items;
  }

  private static Field nginxField(String variable, String source, int index) {
    return switch (variable) {
      case "remote_addr", "realip_remote_addr" -> field(Element.TOKEN, Role.CLIENT, 1, source, index);
      case "remote_user" -> field(Element.TOKEN, Role.USER, 1, source, index);
      case "request" -> field(Element.TOKEN, Role.REQUEST, 1, source, index);
      case "request_uri" -> field(Element.TOKEN, Role.URI, 1, source, index);
      case "uri" -> field(Element.TOKEN, Role.URI, 2, source, index);
      case "status" -> field(Element.STATUS, Role.STATUS, 1, source, index);
      case "body_bytes_sent" -> field(Element.NUMBER, Role.BYTES, 1, source, index);
      case "bytes_sent" -> field(Element.NUMBER, Role.BYTES, 2, source, index);
      case "request_length", "connection", "connection_requests", "pid" ->
          field(Element.NUMBER, Role.NONE, 1, source, index);
      case "request_time" -> new Field(Element.DURATION, Role.RESPONSE_TIME, 4, 1_000_000, null, source, index);
      case "upstream_response_time" -> field(Element.UPSTREAM, Role.RESPONSE_TIME, 5, source, index);
      case "upstream_connect_time", "upstream_header_time" -> field(Element.UPSTREAM, Role.NONE, 1, source, index);
      case "time_local" -> field(Element.CLF_TIME, Role.TIME, 1, source, index);
      case "time_iso8601" -> field(Element.ISO_TIME, Role.TIME, 1, source, index);
      case "msec" -> field(Element.EPOCH_FRACTION, Role.TIME, 1, source, index);
      case "host" -> field(Element.TOKEN, Role.VHOST, 1, source, index);
      case "server_name" -> field(Element.TOKEN, Role.VHOST, 2, source, index);
      case "server_port" -> field(Element.NUMBER, Role.PORT, 1, source, index);
      case "http_referer" -> field(Element.TOKEN, Role.REFERER, 1, source, index);
      case "http_user_agent" -> field(Element.TOKEN, Role.USER_AGENT, 1, source, index);
      default -> field(Element.TOKEN, Role.NONE, 1, source, index);
    };
  }

  private static Field field(int op, Role role, int rank, String source, int index) {
    return new Field(op, role, rank, 0, null, source, index);
  }

  // ---- both ----

  /** Each role goes to its best field (lowest rank, then first); the others are only checked. */
  private static List<Object> bindRoles(List<Object> items) {
    Map<Role, Field> best = new EnumMap<>(Role.class);
    for (Object item : items) {
      if (item instanceof Field f && f.role() != Role.NONE) {
        best.merge(f.role(), f, (a, b) -> b.rank() < a.rank() ? b : a);
      }
    }
    List<Object> bound = new ArrayList<>();
    for (Object item : items) {
      if (item instanceof Field f && f.role() != Role.NONE && best.get(f.role()) != f) {
        bound.add(new Field(f.op(), Role.NONE, f.rank(), f.unit(), f.time(), f.source(), f.index()));
      } else {
        bound.add(item);
      }
    }
    return bound;
  }

  /** Literals stay; a text field becomes QUOTED between quotes, else a TOKEN ended by what follows. */
  private static List<Element> layOut(List<Object> items, int[] positions) {
    List<Element> elements = new ArrayList<>();
    boolean anyField = false;
    for (int k = 0; k < items.size(); k++) {
      Object item = items.get(k);
      if (item instanceof String literal) {
        elements.add(Element.literal(literal));
        continue;
      }
      anyField = true;
      Field f = (Field) item;
      Object before = k > 0 ? items.get(k - 1) : null;
      Object after = k + 1 < items.size() ? items.get(k + 1) : null;
      int op = f.op();
      char delimiter = 0;
      if (op == Element.TOKEN) {
        boolean quoted = before instanceof String b && b.endsWith("\"")
            && after instanceof String a && a.startsWith("\"");
        if (quoted) {
          op = Element.QUOTED;
        } else if (after instanceof String a) {
          delimiter = a.charAt(0);
        }
      }
      Element element = new Element(op, f.role(), null, delimiter, f.unit(), f.time(), f.source());
      if (after instanceof Field next && !element.selfDelimiting()) {
        throw new FormatException(positions[next.index()], next.source() + " follows " + f.source()
            + " with nothing between them: logmon cannot tell where " + f.source() + " ends");
      }
      elements.add(element);
    }
    if (!anyField) {
      throw new FormatException(0, "the format has no field (%h, $remote_addr, …)");
    }
    return elements;
  }
}
