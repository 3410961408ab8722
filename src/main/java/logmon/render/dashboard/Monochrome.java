package logmon.render.dashboard;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.screen.Screen;

/**
 * A frame without colour (--color never, NO_COLOR): every cell in the terminal's default colours,
 * keeping bold and reverse; a cell that stood out by its background is drawn in reverse. Applied
 * to the whole frame once it is drawn, so no drawing code needs to know.
 */
final class Monochrome {

  private Monochrome() {}

  static void strip(Screen screen) {
    TerminalSize size = screen.getTerminalSize();
    for (int row = 0; row < size.getRows(); row++) {
      for (int column = 0; column < size.getColumns(); column++) {
        TextCharacter cell = screen.getBackCharacter(column, row);
        if (cell == null) {
          continue;
        }
        TextCharacter plain = plain(cell);
        if (plain != cell) {
          screen.setCharacter(column, row, plain);
        }
        if (cell.isDoubleWidth()) {
          column++; // the next cell is this character's second half
        }
      }
    }
  }

  /** The cell without colour, or the cell itself if it has none. */
  static TextCharacter plain(TextCharacter cell) {
    boolean foreground = cell.getForegroundColor() != TextColor.ANSI.DEFAULT;
    boolean background = cell.getBackgroundColor() != TextColor.ANSI.DEFAULT;
    if (!foreground && !background) {
      return cell;
    }
    TextCharacter plain = cell.withForegroundColor(TextColor.ANSI.DEFAULT).withBackgroundColor(TextColor.ANSI.DEFAULT);
    return background ? plain.withModifier(SGR.REVERSE) : plain;
  }
}
