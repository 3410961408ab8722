package logmon.render.dashboard;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import java.util.EnumSet;

/**
 * The few styles the dashboard uses, in the terminal's own palette so any theme stays readable.
 * No text is yellow or bright white on the default background (they fade on a light or a dark
 * one); emphasis is bold or reverse, which every background keeps. Without colour
 * ({@link Monochrome}) only bold and reverse remain.
 */
enum Ink {
  NORMAL(TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT),
  BOLD(TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT, SGR.BOLD),
  DIM(TextColor.ANSI.BLACK_BRIGHT, TextColor.ANSI.DEFAULT),
  WARN(TextColor.ANSI.RED, TextColor.ANSI.DEFAULT, SGR.BOLD),
  BAR(TextColor.ANSI.CYAN, TextColor.ANSI.DEFAULT),
  ERROR_BAR(TextColor.ANSI.MAGENTA, TextColor.ANSI.DEFAULT),
  SPARK(TextColor.ANSI.GREEN, TextColor.ANSI.DEFAULT),
  TITLE_BAR(TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT, SGR.REVERSE),
  TITLE_BAR_BOLD(TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT, SGR.REVERSE, SGR.BOLD),
  FOCUS(TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT, SGR.REVERSE, SGR.BOLD),
  KEY(TextColor.ANSI.CYAN, TextColor.ANSI.DEFAULT, SGR.BOLD),
  PAUSED(TextColor.ANSI.BLACK, TextColor.ANSI.YELLOW, SGR.BOLD),
  /** The alert bar: the terminal's own text colour on red (reverse without colour). */
  ALERT(TextColor.ANSI.DEFAULT, TextColor.ANSI.RED, SGR.BOLD),
  /** What changed: a new entry's mark and name, and a big climber's mark (the marks are glyphs, so they need no colour). */
  NEW(TextColor.ANSI.GREEN, TextColor.ANSI.DEFAULT, SGR.BOLD),
  CLIMBED(TextColor.ANSI.CYAN, TextColor.ANSI.DEFAULT, SGR.BOLD),
  CLASS_1XX(TextColor.ANSI.BLUE, TextColor.ANSI.DEFAULT),
  CLASS_2XX(TextColor.ANSI.GREEN, TextColor.ANSI.DEFAULT),
  CLASS_3XX(TextColor.ANSI.CYAN, TextColor.ANSI.DEFAULT),
  CLASS_4XX(TextColor.ANSI.MAGENTA, TextColor.ANSI.DEFAULT),
  CLASS_5XX(TextColor.ANSI.RED, TextColor.ANSI.DEFAULT);

  private final TextColor foreground;
  private final TextColor background;
  private final EnumSet<SGR> modifiers;

  Ink(TextColor foreground, TextColor background, SGR... modifiers) {
    this.foreground = foreground;
    this.background = background;
    this.modifiers = modifiers.length == 0 ? EnumSet.noneOf(SGR.class) : EnumSet.of(modifiers[0], modifiers);
  }

  void apply(TextGraphics g) {
    g.setForegroundColor(foreground);
    g.setBackgroundColor(background);
    g.setModifiers(EnumSet.copyOf(modifiers));
  }

  /** A share of a class of codes: its colour, or plain when there are none (a zero is no alarm). */
  static Ink ofShare(Ink ink, long count) {
    return count == 0 ? NORMAL : ink;
  }

  /** The colour of a response code's class, as in the plain output. */
  static Ink ofCode(String code) {
    return switch (code.isEmpty() ? ' ' : code.charAt(0)) {
      case '1' -> CLASS_1XX;
      case '2' -> CLASS_2XX;
      case '3' -> CLASS_3XX;
      case '4' -> CLASS_4XX;
      case '5' -> CLASS_5XX;
      default -> NORMAL;
    };
  }
}
