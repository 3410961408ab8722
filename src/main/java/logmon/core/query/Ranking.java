package logmon.core.query;

import java.util.ArrayList;
import java.util.List;
import logmon.core.format.LineFormat;
import logmon.core.format.ParsedLine;

/**
 * A {@code --top FIELD[,FIELD]} ranking, compiled for one task: the fields whose values (or pair
 * of values) are counted. A line that lacks one of them is not counted in this ranking.
 *
 * @param spec the fields as the user named them, comma-separated: the ranking's name in JSON
 */
public record Ranking(String spec, List<Field> fields) {

  /** At most this many fields per ranking. */
  public static final int MAX_FIELDS = 2;

  /**
   * @throws IllegalArgumentException naming the field that is unknown, or that no format carries
   */
  public static Ranking compile(String spec, List<LineFormat> formats) {
    String[] names = spec.split(",", -1);
    if (names.length > MAX_FIELDS) {
      throw new IllegalArgumentException("'" + spec + "' ranks " + names.length + " fields; at most "
          + MAX_FIELDS + " go together");
    }
    List<Field> fields = new ArrayList<>();
    for (String raw : names) {
      String name = raw.strip();
      Field field = Fields.find(name, formats);
      if (field == null || formats.stream().noneMatch(field::carriedBy)) {
        throw new IllegalArgumentException(field == null && Fields.find(name, logmon.core.format.Presets.all()) == null
            ? "unknown field '" + name + "'; fields of this format: " + String.join(", ", Fields.names(formats))
            : "the log format (" + String.join(", ", formats.stream().map(LineFormat::name).toList())
                + ") carries no field " + name);
      }
      fields.add(field);
    }
    return new Ranking(String.join(",", names).replace(" ", ""), List.copyOf(fields));
  }

  /** The line's values of the fields, or null when it lacks one. */
  public List<String> key(ParsedLine line) {
    if (fields.size() == 1) {
      String value = fields.get(0).text(line);
      return value == null ? null : List.of(value);
    }
    List<String> key = new ArrayList<>(fields.size());
    for (Field field : fields) {
      String value = field.text(line);
      if (value == null) {
        return null;
      }
      key.add(value);
    }
    return key;
  }
}
