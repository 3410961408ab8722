package logmon.cli;

/** What the process is attached to, as bin/logmon found it (it tests the file descriptors). */
final class Terminals {

  private Terminals() {}

  static boolean stdoutIsTerminal() {
    String fromLauncher = System.getProperty("logmon.stdout.tty");
    return fromLauncher != null ? Boolean.parseBoolean(fromLauncher) : System.console() != null;
  }

  /**
   * Whether to colour: {@code --color always} or {@code never} as asked; {@code auto} colours a
   * terminal unless NO_COLOR is set and not empty (https://no-color.org) or TERM is dumb.
   */
  static boolean colour(LogmonCommand.ColorChoice choice, boolean terminal) {
    return colour(choice, terminal, System.getenv("NO_COLOR"), System.getenv("TERM"));
  }

  static boolean colour(LogmonCommand.ColorChoice choice, boolean terminal, String noColor, String term) {
    return switch (choice) {
      case always -> true;
      case never -> false;
      case auto -> terminal && (noColor == null || noColor.isEmpty()) && !"dumb".equals(term);
    };
  }
}
