package logmon.core.query;

import logmon.core.format.LineFormat;
import logmon.core.format.ParsedLine;

/**
 * A field the format logs but logmon gives no meaning to ({@code $http_x_forwarded_for},
 * {@code %{X-Cache}o}), found by name in each line's format. Matching records nothing for such
 * fields, so this reads the line again up to the field, only for the lines a query asks about.
 * One per task: it keeps a scratch line and the last format's index.
 */
final class LoggedField implements Field {

  private final String name;
  private final ParsedLine scratch = new ParsedLine();
  private LineFormat lastFormat;
  private int lastIndex = -1;

  LoggedField(String name) {
    this.name = name;
  }

  static int indexIn(LineFormat format, String name) {
    var directives = format.directives();
    for (int i = 0; i < directives.size(); i++) {
      String directive = directives.get(i);
      if (directive != null && name.equals(Fields.nameOf(directive))) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String fieldName() {
    return name;
  }

  @Override
  public FieldType type() {
    return FieldType.TEXT;
  }

  @Override
  public boolean carriedBy(LineFormat format) {
    return indexIn(format, name) >= 0;
  }

  @Override
  public String text(ParsedLine line) {
    LineFormat format = line.format();
    if (format != lastFormat) {
      lastFormat = format;
      lastIndex = indexIn(format, name);
    }
    return lastIndex < 0 ? null : format.fieldText(line.line(), lastIndex, scratch);
  }
}
