package logmon.render.dashboard;

import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal.CtrlCBehaviour;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import java.io.Closeable;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The controlling terminal, opened as {@code /dev/tty} for both keys and drawing: with
 * {@code --stdin} standard input is the log, not the keyboard. Ctrl-C is trapped so it arrives
 * as a key and the run can stop gracefully instead of Lanterna calling {@code System.exit}.
 */
final class DashboardTerminal implements Closeable {

  private static final String TTY = "/dev/tty";

  private final FileInputStream in;
  private final FileOutputStream out;
  private final UnixTerminal terminal;
  private final TerminalScreen screen;

  private DashboardTerminal(FileInputStream in, FileOutputStream out, UnixTerminal terminal, TerminalScreen screen) {
    this.in = in;
    this.out = out;
    this.terminal = terminal;
    this.screen = screen;
  }

  static DashboardTerminal open() throws IOException {
    String term = System.getenv("TERM");
    if (term == null || term.isBlank() || term.equals("dumb")) {
      // Lanterna would draw with escape sequences such a terminal does not understand.
      throw new IOException("TERM is " + (term == null || term.isBlank() ? "not set" : term));
    }
    FileInputStream in = new FileInputStream(TTY);
    FileOutputStream out = null;
    UnixTerminal terminal = null;
    try {
      out = new FileOutputStream(TTY);
      terminal = new UnixTerminal(in, out, charset(), CtrlCBehaviour.TRAP);
      TerminalScreen screen = new TerminalScreen(terminal);
      screen.startScreen();
      screen.setCursorPosition(null);
      return new DashboardTerminal(in, out, terminal, screen);
    } catch (IOException | RuntimeException e) {
      if (terminal != null) {
        terminal.close();
      }
      in.close();
      if (out != null) {
        out.close();
      }
      throw e;
    }
  }

  TerminalScreen screen() {
    return screen;
  }

  /** Restores the tty settings saved when opened (echo, line mode, Ctrl-C), then lets go of it. */
  @Override
  public void close() throws IOException {
    try {
      terminal.close();
    } finally {
      in.close();
      out.close();
    }
  }

  /**
   * UTF-8 when the locale says so (the block characters need it); Java 17 may otherwise pick
   * ASCII from a locale such as C.UTF-8 that it does not map.
   */
  static Charset charset() {
    for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
      String value = System.getenv(name);
      if (value != null && !value.isEmpty()) {
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.contains("utf-8") || lower.contains("utf8") ? StandardCharsets.UTF_8 : Charset.defaultCharset();
      }
    }
    return Charset.defaultCharset();
  }
}
