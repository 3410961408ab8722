package logmon.render.dashboard;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A screen on Lanterna's virtual terminal, read back as text: the dashboard without a tty. */
final class VirtualScreen {

  final DefaultVirtualTerminal terminal;
  final TerminalScreen screen;

  VirtualScreen(int columns, int rows) {
    terminal = new DefaultVirtualTerminal(new TerminalSize(columns, rows));
    try {
      screen = new TerminalScreen(terminal);
      screen.startScreen();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Draws one frame as the dashboard would and returns the screen's text. */
  String draw(DashboardModel model) {
    DashboardView.draw(screen.newTextGraphics(), model);
    try {
      screen.refresh();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text();
  }

  List<String> lines() {
    TerminalSize size = terminal.getTerminalSize();
    List<String> lines = new ArrayList<>();
    for (int row = 0; row < size.getRows(); row++) {
      StringBuilder line = new StringBuilder();
      for (int column = 0; column < size.getColumns(); column++) {
        TextCharacter cell = terminal.getCharacter(column, row);
        line.append(cell == null ? " " : cell.getCharacterString());
      }
      lines.add(line.toString());
    }
    return lines;
  }

  String text() {
    return String.join("\n", lines());
  }

  /** Every cell whose text holds a C0 or C1 control character (ESC, BEL …). */
  List<String> controlCells() {
    TerminalSize size = terminal.getTerminalSize();
    List<String> found = new ArrayList<>();
    for (int row = 0; row < size.getRows(); row++) {
      for (int column = 0; column < size.getColumns(); column++) {
        TextCharacter cell = terminal.getCharacter(column, row);
        String text = cell == null ? "" : cell.getCharacterString();
        for (char c : text.toCharArray()) {
          if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            found.add(column + "," + row + "=" + (int) c);
          }
        }
      }
    }
    return found;
  }
}
