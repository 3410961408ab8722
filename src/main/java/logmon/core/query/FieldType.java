package logmon.core.query;

/** How a field compares: as text, as a number, as a time, or (the client) also by network. */
public enum FieldType {
  TEXT, NUMBER, TIME, ADDRESS
}
