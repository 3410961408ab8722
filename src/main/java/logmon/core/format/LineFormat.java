package logmon.core.format;

import java.io.Serializable;
import java.util.List;

/**
 * A compiled log format: a fixed sequence of literals and typed fields matched in one forward
 * pass, never backtracking (see {@link Scan}). Only white space may follow the last element.
 * Immutable and serialisable; the per-line state lives in a {@link ParsedLine}.
 */
public final class LineFormat implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String name;
  private final String spec;
  private final Element[] elements;
  private final boolean hasResponseTime;
  private final boolean hasVhost;

  LineFormat(String name, String spec, List<Element> elements) {
    this.name = name;
    this.spec = spec;
    this.elements = elements.toArray(Element[]::new);
    this.hasResponseTime = elements.stream().anyMatch(e -> e.role() == Role.RESPONSE_TIME);
    this.hasVhost = elements.stream().anyMatch(e -> e.role() == Role.VHOST);
  }

  /** The preset's name, or {@code custom}. */
  public String name() {
    return name;
  }

  /** The format string it was compiled from. */
  public String spec() {
    return spec;
  }

  public boolean hasResponseTime() {
    return hasResponseTime;
  }

  public boolean hasVhost() {
    return hasVhost;
  }

  /** True when one of its fields carries {@code role}. */
  public boolean has(Role role) {
    for (Element e : elements) {
      if (e.role() == role) {
        return true;
      }
    }
    return false;
  }

  /**
   * Its fields' directives as written ({@code %{Referer}i}, {@code $http_x_forwarded_for}), by
   * element index; null for literals. Queries name opaque fields through these.
   */
  public java.util.List<String> directives() {
    java.util.List<String> directives = new java.util.ArrayList<>();
    for (Element e : elements) {
      directives.add(e.op() == Element.LITERAL ? null : e.source());
    }
    return directives;
  }

  /**
   * The text of the field at {@code index} (see {@link #directives()}) in a line this format
   * matched, read again up to that field with the matcher itself into {@code scratch}, so that
   * matching pays nothing for the fields only a query reads. Null when the line does not match.
   */
  public String fieldText(String line, int index, ParsedLine scratch) {
    scratch.reset(line);
    for (int i = 0; i < index; i++) {
      if (!step(elements[i], line, scratch)) {
        return null;
      }
    }
    int from = scratch.pos;
    if (!step(elements[index], line, scratch)) {
      return null;
    }
    return line.substring(from, scratch.pos);
  }

  /** Matches the whole line; on success {@code out} holds its fields. */
  public boolean match(String line, ParsedLine out) {
    out.reset(line);
    for (Element e : elements) {
      if (!step(e, line, out)) {
        return false;
      }
    }
    out.format = this;
    return Scan.onlyWhitespaceFrom(line, out.pos);
  }

  private static boolean step(Element e, String line, ParsedLine p) {
    int r = e.role().ordinal();
    switch (e.op()) {
      case Element.LITERAL -> {
        String literal = e.literal();
        if (literal.length() == 1) {
          return Scan.skip(p, literal.charAt(0));
        }
        if (!line.startsWith(literal, p.pos)) {
          return false;
        }
        p.pos += literal.length();
        return true;
      }
      case Element.TOKEN -> {
        int end = e.delimiter() == 0 ? lastNonBlank(line) : Scan.until(p, e.delimiter());
        if (e.delimiter() != ' ' && e.delimiter() != 0) {
          // An unquoted field holds no space: "%v:%p" must not read across fields to a ':'.
          int space = line.indexOf(' ', p.pos);
          end = space >= 0 && space < end ? space : end;
        }
        if (end <= p.pos && e.role() != Role.NONE) {
          // Fields logmon does not read may be empty (nginx writes an unset variable as nothing).
          return false;
        }
        p.start[r] = p.pos;
        p.end[r] = end;
        p.pos = end;
        return true;
      }
      case Element.QUOTED -> {
        int end = Scan.quotedEnd(p);
        if (end < 0) {
          return false;
        }
        p.start[r] = p.pos;
        p.end[r] = end;
        p.pos = end;
        return true;
      }
      case Element.STATUS -> {
        long status = Scan.digits(p, 3, 3);
        p.value[r] = status;
        p.start[r] = 0;
        return status >= 0;
      }
      case Element.NUMBER -> {
        boolean dash = Scan.skip(p, '-');
        long number = dash ? -1 : Scan.digits(p, 1, 18);
        if (!dash && number < 0) {
          return false;
        }
        p.value[r] = e.role() == Role.BYTES ? Math.max(0, number) : number;
        p.start[r] = number < 0 && e.role() != Role.BYTES ? -1 : 0;
        return true;
      }
      case Element.DURATION -> {
        if (Scan.skip(p, '-')) {
          return true;
        }
        long micros = Scan.decimalMicros(p, e.unit());
        p.value[r] = micros;
        return micros >= 0;
      }
      case Element.UPSTREAM -> {
        long micros = upstreamTimes(p);
        p.value[r] = micros == -2 ? -1 : micros;
        return micros != -3;
      }
      default -> {
        long epoch = time(e, p);
        p.value[r] = epoch;
        return epoch != ParsedLine.NO_TIME;
      }
    }
  }

  private static long time(Element e, ParsedLine p) {
    return switch (e.op()) {
      case Element.CLF_TIME_BRACKETED -> {
        if (!Scan.skip(p, '[')) {
          yield ParsedLine.NO_TIME;
        }
        long epoch = Scan.clfTime(p);
        yield Scan.skip(p, ']') ? epoch : ParsedLine.NO_TIME;
      }
      case Element.CLF_TIME -> Scan.clfTime(p);
      case Element.ISO_TIME -> Scan.isoTime(p);
      case Element.EPOCH_FRACTION -> Scan.epochWithFraction(p);
      case Element.EPOCH -> {
        long count = Scan.digits(p, 1, 18);
        yield count < 0 ? ParsedLine.NO_TIME : count / e.unit();
      }
      case Element.STRFTIME -> e.time().read(p);
      default -> throw new IllegalStateException("op " + e.op());
    };
  }

  /**
   * The sum of nginx's upstream times ("0.012, 0.003", "0.012 : 0.003", any "-"), in µs; -2 when
   * all are "-", -3 when the text does not fit.
   */
  private static long upstreamTimes(ParsedLine p) {
    long sum = -2;
    while (true) {
      if (!Scan.skip(p, '-')) {
        long micros = Scan.decimalMicros(p, 1_000_000);
        if (micros < 0) {
          return -3;
        }
        sum = Math.max(sum, 0) + micros;
      }
      String line = p.line;
      if (line.startsWith(", ", p.pos)) {
        p.pos += 2;
      } else if (line.startsWith(" : ", p.pos)) {
        p.pos += 3;
      } else {
        return sum;
      }
    }
  }

  private static int lastNonBlank(String line) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t'
        || line.charAt(end - 1) == '\r' || line.charAt(end - 1) == '\n')) {
      end--;
    }
    return end;
  }

  @Override
  public String toString() {
    return name.equals("custom") ? spec : name;
  }
}
