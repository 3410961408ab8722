package logmon.core.query;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import logmon.core.format.LineFormat;
import logmon.core.format.ParsedLine;
import logmon.core.query.Lexer.Token;
import logmon.core.query.Lexer.Type;

/**
 * The {@code --where} language: comparisons of a line's fields with literals, joined by
 * {@code and or not} and parentheses, compiled by a recursive-descent parser into a tree of
 * predicates. Expressions are data: there is nothing to call, no name is looked up anywhere but
 * in the field list, and regular expressions run in RE2/J, in time linear in the text.
 */
public final class Query {

  /** Longer expressions are refused: a query is typed, not generated. */
  public static final int MAX_LENGTH = 4_096;
  /** Longer regular expressions are refused (RE2/J's programs grow with the pattern). */
  public static final int MAX_PATTERN = 1_024;
  /** Deeper nesting is refused (the parser recurses once per level). */
  static final int MAX_DEPTH = 64;
  /** Patterns whose counted repetitions spell out to more atoms are refused ({@link RegexSize}). */
  static final long MAX_PATTERN_ATOMS = 20_000;

  private final String expression;
  private final LinePredicate predicate;
  private final Set<String> fields;

  private Query(String expression, LinePredicate predicate, Set<String> fields) {
    this.expression = expression;
    this.predicate = predicate;
    this.fields = fields;
  }

  /**
   * Compiles {@code expression} for lines in any of {@code formats}: every field it names must be
   * carried by at least one of them.
   *
   * @throws QueryException naming the position and what was expected
   */
  public static Query compile(String expression, List<LineFormat> formats) {
    if (expression.length() > MAX_LENGTH) {
      throw new QueryException(MAX_LENGTH, "the expression is longer than " + MAX_LENGTH + " characters");
    }
    Parser parser = new Parser(Lexer.tokens(expression), formats);
    LinePredicate predicate = parser.or(0);
    Token rest = parser.peek();
    if (rest.type() != Type.END) {
      throw new QueryException(rest.index(), "expected and, or or the end, found " + rest.shown());
    }
    return new Query(expression, predicate, parser.fields);
  }

  public String expression() {
    return expression;
  }

  /** The fields it reads, by name. */
  public Set<String> fields() {
    return fields;
  }

  public boolean test(ParsedLine line) {
    return predicate.test(line);
  }

  private static final class Parser {
    private final List<Token> tokens;
    private final List<LineFormat> formats;
    private final Set<String> fields = new LinkedHashSet<>();
    private int next;

    Parser(List<Token> tokens, List<LineFormat> formats) {
      this.tokens = tokens;
      this.formats = formats;
    }

    Token peek() {
      return tokens.get(next);
    }

    Token take() {
      return tokens.get(next++);
    }

    boolean word(String keyword) {
      Token t = peek();
      return t.type() == Type.WORD && t.text().equals(keyword);
    }

    LinePredicate or(int depth) {
      LinePredicate left = and(depth);
      while (peek().type() == Type.OR || word("or")) {
        take();
        LinePredicate a = left;
        LinePredicate b = and(depth);
        left = line -> a.test(line) || b.test(line);
      }
      return left;
    }

    LinePredicate and(int depth) {
      LinePredicate left = unary(depth);
      while (peek().type() == Type.AND || word("and")) {
        take();
        LinePredicate a = left;
        LinePredicate b = unary(depth);
        left = line -> a.test(line) && b.test(line);
      }
      return left;
    }

    LinePredicate unary(int depth) {
      Token t = peek();
      if (depth > MAX_DEPTH) {
        throw new QueryException(t.index(), "nested more than " + MAX_DEPTH + " deep");
      }
      if (t.type() == Type.NOT || word("not")) {
        take();
        LinePredicate inner = unary(depth + 1);
        return line -> !inner.test(line);
      }
      if (t.type() == Type.LPAREN) {
        take();
        LinePredicate inner = or(depth + 1);
        Token close = take();
        if (close.type() != Type.RPAREN) {
          throw new QueryException(close.index(), "expected ')' to close the '(' at position "
              + (t.index() + 1) + ", found " + close.shown());
        }
        return inner;
      }
      return comparison();
    }

    LinePredicate comparison() {
      Token name = take();
      if (name.type() != Type.WORD || name.text().equals("and") || name.text().equals("or")
          || name.text().equals("in")) {
        throw new QueryException(name.index(), "expected a field name, 'not' or '(', found " + name.shown());
      }
      Field field = field(name);
      Token op = take();
      if (op.type() == Type.NOT && word("in") || op.type() == Type.WORD && op.text().equals("not") && word("in")) {
        take();
        LinePredicate in = in(field, op);
        return line -> !in.test(line);
      }
      if (op.type() == Type.WORD && op.text().equals("in")) {
        return in(field, op);
      }
      if (op.type() != Type.OP) {
        throw new QueryException(op.index(), "expected an operator after " + field.fieldName()
            + " (== != < <= > >= ~ !~ ^= in), found " + op.shown());
      }
      Token value = value(op);
      return switch (op.text()) {
        case "==" -> equal(field, value);
        case "!=" -> {
          LinePredicate equal = equal(field, value);
          yield line -> !equal.test(line);
        }
        case "~" -> matches(field, value);
        case "!~" -> {
          LinePredicate matches = matches(field, value);
          yield line -> !matches.test(line);
        }
        case "^=" -> {
          String prefix = value.text();
          yield line -> {
            String text = field.text(line);
            return text != null && text.startsWith(prefix);
          };
        }
        default -> order(field, op, value);
      };
    }

    private Field field(Token name) {
      Field field = Fields.find(name.text(), formats);
      if (field == null) {
        boolean known = Fields.find(name.text(), logmon.core.format.Presets.all()) != null
            || java.util.Arrays.stream(Fields.Builtin.values()).anyMatch(b -> b.fieldName().equals(name.text()));
        throw new QueryException(name.index(), known
            ? "the log format (" + formatNames() + ") carries no field " + name.text()
            : "unknown field '" + name.text() + "'; fields of this format: " + String.join(", ", Fields.names(formats)));
      }
      if (formats.stream().noneMatch(field::carriedBy)) {
        throw new QueryException(name.index(), "the log format (" + formatNames() + ") carries no field " + name.text()
            + (formats.size() > 1 ? ": name the format with --log-format" : ""));
      }
      fields.add(field.fieldName());
      return field;
    }

    private String formatNames() {
      return String.join(", ", formats.stream().map(LineFormat::name).toList());
    }

    private Token value(Token after) {
      Token value = take();
      if (value.type() != Type.WORD && value.type() != Type.STRING) {
        throw new QueryException(value.index(), "expected a value after " + after.shown() + ", found " + value.shown());
      }
      return value;
    }

    private LinePredicate equal(Field field, Token value) {
      if (field.type() == FieldType.NUMBER || field.type() == FieldType.TIME) {
        double[] range = range(field, value);
        return line -> {
          double n = field.number(line);
          return n >= range[0] && n <= range[1];
        };
      }
      String expected = value.text();
      return line -> expected.equals(field.text(line));
    }

    private LinePredicate matches(Field field, Token value) {
      String regex = value.text();
      if (regex.length() > MAX_PATTERN) {
        throw new QueryException(value.index(), "the regular expression is longer than " + MAX_PATTERN + " characters");
      }
      if (RegexSize.estimate(regex, MAX_PATTERN_ATOMS) > MAX_PATTERN_ATOMS) {
        throw new QueryException(value.index(), "the regular expression is too large once its counted repetitions"
            + " ({n}) are spelt out (more than " + MAX_PATTERN_ATOMS + " atoms)");
      }
      Pattern pattern;
      try {
        pattern = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new QueryException(value.index(), "not a regular expression (RE2 syntax): " + e.getDescription());
      } catch (RuntimeException e) {
        throw new QueryException(value.index(), "the regular expression is refused: " + e.getMessage());
      }
      return line -> {
        String text = field.text(line);
        return text != null && pattern.matcher(text).find();
      };
    }

    private LinePredicate order(Field field, Token op, Token value) {
      if (field.type() != FieldType.NUMBER && field.type() != FieldType.TIME) {
        throw new QueryException(op.index(), "'" + op.text() + "' compares numbers and times; " + field.fieldName()
            + " is text (use == != ~ !~ ^= in)");
      }
      double[] range = range(field, value);
      return switch (op.text()) {
        case "<" -> line -> field.number(line) < range[0];
        case "<=" -> line -> field.number(line) <= range[1];
        case ">" -> line -> field.number(line) > range[1];
        default -> line -> field.number(line) >= range[0];
      };
    }

    /** The value as an inclusive range: a number is itself, a status class 5xx is 500–599. */
    private double[] range(Field field, Token value) {
      String text = value.text();
      if (field.type() == FieldType.TIME) {
        try {
          double seconds = text.chars().allMatch(Character::isDigit) && !text.isEmpty()
              ? Double.parseDouble(text) : Instant.parse(text).getEpochSecond();
          return new double[] {seconds, seconds};
        } catch (DateTimeException | NumberFormatException e) {
          throw new QueryException(value.index(), "'" + text + "' is not a time: write 2026-12-04T21:30:00Z (UTC)"
              + " or epoch seconds");
        }
      }
      if (field == Fields.Builtin.STATUS && text.length() == 3 && text.charAt(0) >= '1' && text.charAt(0) <= '5'
          && text.substring(1).equalsIgnoreCase("xx")) {
        double low = (text.charAt(0) - '0') * 100;
        return new double[] {low, low + 99};
      }
      try {
        double n = Double.parseDouble(text);
        if (Double.isNaN(n) || Double.isInfinite(n) || !text.matches("-?[0-9]+(\\.[0-9]+)?")) {
          throw new NumberFormatException();
        }
        return new double[] {n, n};
      } catch (NumberFormatException e) {
        throw new QueryException(value.index(), "'" + text + "' is not a number (" + field.fieldName()
            + " is a number" + (field == Fields.Builtin.STATUS ? "; 5xx is a class" : "") + ")");
      }
    }

    /** {@code in [a, b, …]}, or {@code in NETWORK} for the client. */
    private LinePredicate in(Field field, Token op) {
      List<Token> values = new ArrayList<>();
      Token open = peek();
      if (open.type() == Type.LBRACKET) {
        take();
        while (true) {
          values.add(value(values.isEmpty() ? open : tokens.get(next - 1)));
          Token t = take();
          if (t.type() == Type.RBRACKET) {
            break;
          }
          if (t.type() != Type.COMMA) {
            throw new QueryException(t.index(), "expected ',' or ']' in the list, found " + t.shown());
          }
        }
      } else {
        values.add(value(op));
      }
      List<LinePredicate> tests = new ArrayList<>();
      Set<String> exact = new HashSet<>();
      List<Network> networks = new ArrayList<>();
      for (Token value : values) {
        if (field.type() == FieldType.NUMBER || field.type() == FieldType.TIME) {
          tests.add(equal(field, value));
        } else if (field.type() == FieldType.ADDRESS && value.text().indexOf('/') >= 0) {
          Network network = Network.parse(value.text());
          if (network == null) {
            throw new QueryException(value.index(), "'" + value.text() + "' is not a network (10.0.0.0/8, 2001:db8::/32)");
          }
          networks.add(network);
        } else {
          exact.add(value.text());
        }
      }
      if (open.type() != Type.LBRACKET && field.type() != FieldType.ADDRESS && field.type() != FieldType.NUMBER
          && field.type() != FieldType.TIME) {
        throw new QueryException(open.index(), "expected '[' after in, found " + open.shown());
      }
      return line -> {
        if (!exact.isEmpty() || !networks.isEmpty()) {
          String text = field.text(line);
          if (text != null) {
            if (exact.contains(text)) {
              return true;
            }
            for (Network network : networks) {
              if (network.contains(text)) {
                return true;
              }
            }
          }
        }
        for (LinePredicate test : tests) {
          if (test.test(line)) {
            return true;
          }
        }
        return false;
      };
    }
  }
}
