package logmon.core.query;

import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens, each with its place, for messages that point at it. */
final class Lexer {

  enum Type { WORD, STRING, OP, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, AND, OR, NOT, END }

  /** @param index 0-based, where the token starts */
  record Token(Type type, String text, int index) {
    String shown() {
      return switch (type) {
        case END -> "the end";
        case STRING -> "'" + text + "'";
        default -> "'" + text + "'";
      };
    }
  }

  private static final String OPERATORS = "=!<>~^";
  /** Characters that end a bare word: operators, brackets, quotes, separators. */
  private static final String STOPS = "()[],'\"=!<>~&|^";

  private Lexer() {}

  static List<Token> tokens(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      int start = i;
      switch (c) {
        case '(' -> tokens.add(new Token(Type.LPAREN, "(", i++));
        case ')' -> tokens.add(new Token(Type.RPAREN, ")", i++));
        case '[' -> tokens.add(new Token(Type.LBRACKET, "[", i++));
        case ']' -> tokens.add(new Token(Type.RBRACKET, "]", i++));
        case ',' -> tokens.add(new Token(Type.COMMA, ",", i++));
        case '\'', '"' -> {
          StringBuilder value = new StringBuilder();
          i++;
          while (true) {
            if (i >= text.length()) {
              throw new QueryException(start, "the string starting here is not closed by " + c);
            }
            char d = text.charAt(i);
            if (d == '\\' && i + 1 < text.length() && text.charAt(i + 1) == c) {
              // Only the quote is escaped: every other backslash stays, as regular expressions need it.
              value.append(c);
              i += 2;
            } else if (d == c) {
              i++;
              break;
            } else {
              value.append(d);
              i++;
            }
          }
          tokens.add(new Token(Type.STRING, value.toString(), start));
        }
        case '&', '|' -> {
          if (i + 1 >= text.length() || text.charAt(i + 1) != c) {
            throw new QueryException(i, "'" + c + "' alone means nothing: write " + (c == '&' ? "and" : "or"));
          }
          tokens.add(new Token(c == '&' ? Type.AND : Type.OR, text.substring(i, i + 2), i));
          i += 2;
        }
        default -> {
          if (OPERATORS.indexOf(c) >= 0) {
            String op = i + 1 < text.length() ? text.substring(i, i + 2) : "";
            if (op.equals("==") || op.equals("!=") || op.equals("<=") || op.equals(">=") || op.equals("!~")
                || op.equals("^=")) {
              tokens.add(new Token(Type.OP, op, i));
              i += 2;
            } else if (c == '<' || c == '>' || c == '~') {
              tokens.add(new Token(Type.OP, String.valueOf(c), i++));
            } else if (c == '!') {
              tokens.add(new Token(Type.NOT, "!", i++));
            } else if (c == '=') {
              throw new QueryException(i, "'=' alone: compare with ==");
            } else {
              throw new QueryException(i, "'" + c + "' is not an operator here (^= is: a prefix)");
            }
          } else if (Character.isISOControl(c) || c == '$' || c == '{' || c == '}' || c == '#' || c == '`' || c == ';') {
            throw new QueryException(i, "unexpected character '" + printable(c) + "' (quote values that hold it)");
          } else {
            while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && STOPS.indexOf(text.charAt(i)) < 0) {
              i++;
            }
            tokens.add(new Token(Type.WORD, text.substring(start, i), start));
          }
        }
      }
    }
    tokens.add(new Token(Type.END, "", text.length()));
    return tokens;
  }

  private static String printable(char c) {
    return Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
  }
}
