package logmon.core.query;

import logmon.core.format.ParsedLine;

/** A compiled expression: does this line match? Built per task; not thread-safe. */
@FunctionalInterface
public interface LinePredicate {
  boolean test(ParsedLine line);
}
