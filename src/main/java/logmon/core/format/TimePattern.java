package logmon.core.format;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The strftime subset of Apache's {@code %{...}t}, compiled once: {@code %d %e %m %y %Y %b %h %H
 * %M %S %T %F %D %z %s %a %%} and literal text. Without {@code %z} (or {@code %s}) the time is
 * read in the JVM's time zone, as Apache wrote it in the server's.
 */
final class TimePattern implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final char LITERAL = 'L';
  private final char[] ops;
  private final char[] literals;
  private final boolean hasZone;

  private TimePattern(char[] ops, char[] literals, boolean hasZone) {
    this.ops = ops;
    this.literals = literals;
    this.hasZone = hasZone;
  }

  /**
   * @param offset the position of {@code pattern} in the format, for errors
   * @throws FormatException on a conversion outside the subset
   */
  static TimePattern compile(String pattern, int[] positions, int offset) {
    List<Character> ops = new ArrayList<>();
    List<Character> literals = new ArrayList<>();
    boolean hasZone = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c != '%') {
        ops.add(LITERAL);
        literals.add(c);
        continue;
      }
      if (i + 1 >= pattern.length()) {
        throw new FormatException(positions[offset + i], "'%' ends the time format");
      }
      char conversion = pattern.charAt(++i);
      String expanded = switch (conversion) {
        case 'T' -> "H:M:S";
        case 'F' -> "Y-m-d";
        case 'D' -> "m/d/y";
        case 'h' -> "b";
        case 'd', 'e', 'm', 'y', 'Y', 'b', 'H', 'M', 'S', 'z', 's', 'a' -> String.valueOf(conversion);
        case '%' -> null;
        default -> throw new FormatException(positions[offset + i - 1],
            "%" + conversion + " in a time format is not supported (supported: %d %e %m %y %Y %b %h %H %M %S %T %F %D %z %s %a %%)");
      };
      if (expanded == null) {
        ops.add(LITERAL);
        literals.add('%');
        continue;
      }
      for (int k = 0; k < expanded.length(); k++) {
        char op = expanded.charAt(k);
        boolean isLiteral = op == ':' || op == '-' || op == '/';
        ops.add(isLiteral ? LITERAL : op);
        literals.add(isLiteral ? op : '\0');
        hasZone |= op == 'z' || op == 's';
      }
    }
    char[] opArray = new char[ops.size()];
    char[] literalArray = new char[ops.size()];
    for (int i = 0; i < opArray.length; i++) {
      opArray[i] = ops.get(i);
      literalArray[i] = literals.get(i);
    }
    return new TimePattern(opArray, literalArray, hasZone);
  }

  /** Epoch seconds, or NO_TIME. */
  long read(ParsedLine p) {
    long year = 1970;
    int month = 0;
    long day = 1;
    long hour = 0;
    long minute = 0;
    long second = 0;
    int offset = 0;
    long epoch = ParsedLine.NO_TIME;
    for (int i = 0; i < ops.length; i++) {
      long v = 0;
      switch (ops[i]) {
        case LITERAL -> v = Scan.skip(p, literals[i]) ? 0 : -1;
        case 'd' -> v = day = Scan.digits(p, 2, 2);
        case 'e' -> {
          Scan.skip(p, ' ');
          v = day = Scan.digits(p, 1, 2);
        }
        case 'm' -> {
          v = Scan.digits(p, 2, 2);
          month = (int) v - 1;
        }
        case 'y' -> {
          v = Scan.digits(p, 2, 2);
          year = 2000 + v;
        }
        case 'Y' -> v = year = Scan.digits(p, 4, 4);
        case 'b' -> v = month = Scan.monthAbbreviation(p);
        case 'H' -> v = hour = Scan.digits(p, 2, 2);
        case 'M' -> v = minute = Scan.digits(p, 2, 2);
        case 'S' -> v = second = Scan.digits(p, 2, 2);
        case 'z' -> {
          offset = Scan.zoneOffset(p, false);
          v = offset == Integer.MIN_VALUE ? -1 : 0;
        }
        case 's' -> v = epoch = Scan.digits(p, 1, 12);
        case 'a' -> v = weekday(p);
        default -> v = -1;
      }
      if (v < 0) {
        return ParsedLine.NO_TIME;
      }
    }
    if (epoch != ParsedLine.NO_TIME) {
      return epoch;
    }
    if (!hasZone) {
      if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
        return ParsedLine.NO_TIME;
      }
      try {
        var local = LocalDateTime.of((int) year, month + 1, (int) day, (int) hour, (int) minute, (int) second);
        offset = ZoneId.systemDefault().getRules().getOffset(local).getTotalSeconds();
      } catch (java.time.DateTimeException e) {
        return ParsedLine.NO_TIME;
      }
    }
    return Scan.epochSecond(year, month, day, hour, minute, second, offset);
  }

  private static final String WEEKDAYS = "MonTueWedThuFriSatSun";

  private static long weekday(ParsedLine p) {
    if (p.pos + 3 > p.line.length()) {
      return -1;
    }
    for (int d = 0; d < 7; d++) {
      if (p.line.regionMatches(p.pos, WEEKDAYS, d * 3, 3)) {
        p.pos += 3;
        return d;
      }
    }
    return -1;
  }
}
