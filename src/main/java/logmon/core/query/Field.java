package logmon.core.query;

import logmon.core.format.LineFormat;
import logmon.core.format.ParsedLine;

/**
 * A field of a parsed line that queries and rankings name. A value is read per line; a field the
 * line lacks (the format has none, the request has no query string) reads as null or NaN, and
 * every comparison with it is false (its negation true).
 */
public interface Field {

  String fieldName();

  FieldType type();

  /** True when lines in this format can carry it. */
  boolean carriedBy(LineFormat format);

  /** The value as text (numbers in decimal), or null. */
  String text(ParsedLine line);

  /** The value of a NUMBER or TIME field (a time in epoch seconds), or NaN. */
  default double number(ParsedLine line) {
    return Double.NaN;
  }
}
