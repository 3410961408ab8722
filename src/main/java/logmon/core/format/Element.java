package logmon.core.format;

import java.io.Serializable;

/**
 * One step of a compiled format: a literal to match, or a field to read and record.
 *
 * @param op        what to do (the constants below)
 * @param role      where the field's value goes, NONE to only check it
 * @param literal   the text of a LITERAL
 * @param delimiter for a TOKEN, the character that ends it; 0 when it runs to the end of the line
 * @param unit      microseconds per unit of a DURATION, or the divisor of an EPOCH
 * @param time      the pattern of a STRFTIME
 * @param source    the directive as written ({@code %>s}, {@code $request_time}), for messages
 */
record Element(int op, Role role, String literal, char delimiter, long unit, TimePattern time,
    String source) implements Serializable {

  static final int LITERAL = 0;
  /** Text up to the delimiter (not empty). */
  static final int TOKEN = 1;
  /** The inside of "…", backslash escapes kept. */
  static final int QUOTED = 2;
  static final int STATUS = 3;
  /** Digits, or "-". */
  static final int NUMBER = 4;
  /** A duration: digits with an optional fraction, or "-". */
  static final int DURATION = 5;
  /** nginx's upstream times: "0.012, 0.003" or "0.012 : 0.003", any of them "-"; summed. */
  static final int UPSTREAM = 6;
  /** {@code [dd/Mon/yyyy:HH:mm:ss ±zzzz]}, brackets included. */
  static final int CLF_TIME_BRACKETED = 7;
  static final int CLF_TIME = 8;
  static final int ISO_TIME = 9;
  /** Epoch seconds with an optional fraction ($msec). */
  static final int EPOCH_FRACTION = 10;
  /** An integer count since the epoch, divided by {@link #unit} for seconds. */
  static final int EPOCH = 11;
  static final int STRFTIME = 12;

  static Element literal(String text) {
    return new Element(LITERAL, Role.NONE, text, '\0', 0, null, text);
  }

  /** Fields that end by themselves, so another field may follow with nothing between. */
  boolean selfDelimiting() {
    return op != TOKEN && op != QUOTED && op != LITERAL;
  }
}
