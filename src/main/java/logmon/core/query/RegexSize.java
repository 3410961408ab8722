package logmon.core.query;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A pattern's size once its counted repetitions are spelt out, estimated before RE2/J compiles
 * it. RE2/J matches in linear time but does not bound the program it builds:
 * {@code ((a{1000}){1000}){1000}} asks for a billion instructions and runs the heap out. The
 * estimate counts each atom (a character, an escape, a class) once, and multiplies a group or
 * atom by its largest count; alternatives add up, so it never underestimates.
 */
final class RegexSize {

  private RegexSize() {}

  /** The estimated number of atoms, capped just above {@code limit}. */
  static long estimate(String pattern, long limit) {
    Deque<long[]> frames = new ArrayDeque<>(); // {sum, last atom}
    long[] frame = {0, 0};
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        char kind = i + 1 < pattern.length() ? pattern.charAt(i + 1) : 0;
        i += 2;
        if ((kind == 'p' || kind == 'P' || kind == 'x') && i < pattern.length() && pattern.charAt(i) == '{') {
          int close = pattern.indexOf('}', i);
          i = close < 0 ? pattern.length() : close + 1;
        }
        atom(frame, 1);
      } else if (c == '[') {
        i = classEnd(pattern, i + 1);
        atom(frame, 1);
      } else if (c == '(') {
        frames.push(frame);
        frame = new long[] {0, 0};
        i++;
      } else if (c == ')') {
        long group = Math.max(frame[0], 1);
        frame = frames.isEmpty() ? new long[] {0, 0} : frames.pop();
        atom(frame, group);
        i++;
      } else if (c == '{') {
        int close = pattern.indexOf('}', i);
        long count = close < 0 ? -1 : largestCount(pattern.substring(i + 1, close));
        if (count < 0) {
          atom(frame, 1); // a literal brace
          i++;
        } else {
          long extra = Math.min(limit + 1, frame[1] * Math.max(count - 1, 0));
          frame[0] = Math.min(limit + 1, frame[0] + extra);
          frame[1] = Math.min(limit + 1, frame[1] * Math.max(count, 1));
          i = close + 1;
        }
      } else if (c == '*' || c == '+' || c == '?' || c == '|' || c == '^' || c == '$') {
        i++;
      } else {
        atom(frame, 1);
        i++;
      }
    }
    long total = frame[0];
    while (!frames.isEmpty()) { // unclosed groups: RE2/J will refuse the pattern anyway
      total = Math.min(limit + 1, total + frames.pop()[0]);
    }
    return Math.min(limit + 1, total);
  }

  private static void atom(long[] frame, long size) {
    frame[0] = Math.min(Long.MAX_VALUE / 2, frame[0] + size);
    frame[1] = size;
  }

  /** {@code n}, {@code n,}, {@code n,m}: the largest count it allows (n+1 for "n,"); -1 when it is not a count. */
  private static long largestCount(String inside) {
    if (!inside.matches("[0-9]{1,9}(,[0-9]{0,9})?")) {
      return -1;
    }
    String[] parts = inside.split(",", -1);
    long low = Long.parseLong(parts[0]);
    if (parts.length == 1) {
      return low;
    }
    return parts[1].isEmpty() ? low + 1 : Math.max(low, Long.parseLong(parts[1]));
  }

  /** The index after the class that starts before {@code from} ({@code []a]} and {@code [[:alpha:]]} included). */
  private static int classEnd(String pattern, int from) {
    int i = from;
    if (i < pattern.length() && pattern.charAt(i) == '^') {
      i++;
    }
    if (i < pattern.length() && pattern.charAt(i) == ']') {
      i++;
    }
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == '[' && pattern.startsWith("[:", i)) {
        int close = pattern.indexOf(":]", i + 2);
        i = close < 0 ? i + 1 : close + 2;
      } else if (c == ']') {
        return i + 1;
      } else {
        i++;
      }
    }
    return i;
  }
}
