package logmon.cli;

/** What the process is attached to, as bin/logmon found it (it tests the file descriptors). */
final class Terminals {

  private Terminals() {}

  static boolean stdoutIsTerminal() {
    String fromLauncher = System.getProperty("logmon.stdout.tty");
    return fromLauncher != null ? Boolean.parseBoolean(fromLauncher) : System.console() != null;
  }

  /** Colour on a terminal unless NO_COLOR is set (https://no-color.org) or TERM is dumb. */
  static boolean colourOnStdout() {
    String noColor = System.getenv("NO_COLOR");
    String term = System.getenv("TERM");
    return stdoutIsTerminal() && (noColor == null || noColor.isEmpty()) && !"dumb".equals(term);
  }
}
