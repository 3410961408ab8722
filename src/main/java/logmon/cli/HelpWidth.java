package logmon.cli;

import picocli.CommandLine;

/**
 * {@code --help} as wide as {@code COLUMNS} says, also when piped (picocli's own detection asks
 * the terminal, so a pipe gets 80 columns).
 */
final class HelpWidth {

  private HelpWidth() {}

  static void fromEnvironment(CommandLine cl, String columns) {
    if (columns == null || columns.isBlank()) {
      return;
    }
    try {
      int width = Integer.parseInt(columns.trim());
      if (width > 0) {
        cl.setUsageHelpAutoWidth(false);
        cl.setUsageHelpWidth(width); // picocli keeps at least 55
      }
    } catch (NumberFormatException e) {
      // not a number: picocli's own choice
    }
  }
}
