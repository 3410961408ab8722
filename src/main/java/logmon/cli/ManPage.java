package logmon.cli;

import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * logmon(1) in roff, from the same picocli model as {@code --help}: the options, their
 * descriptions and defaults cannot drift apart. (picocli's own ManPageGenerator writes AsciiDoc,
 * which needs Asciidoctor, a Ruby tool or a 40 MB JRuby, to become a page {@code man} reads.)
 */
final class ManPage {

  private ManPage() {}

  static String of(CommandSpec spec, String version, LocalDate date) {
    String name = spec.name();
    StringBuilder page = new StringBuilder()
        .append(".TH ").append(name.toUpperCase()).append(" 1 \"").append(date).append("\" \"")
        .append(escape(name + " " + version)).append("\" \"User Commands\"\n")
        .append(".SH NAME\n")
        .append(name).append(" \\- ").append(escape(lowerFirst(spec.usageMessage().description()[0]).replaceAll("\\.$", ""))).append('\n')
        .append(".SH SYNOPSIS\n")
        .append(".B ").append(name).append("\n[\\fIOPTIONS\\fR]\n.br\n")
        .append(".B ").append(name).append("\ncompletion \\fBbash\\fR|\\fBzsh\\fR\n")
        .append(".SH DESCRIPTION\n");
    List<String> description = List.of(spec.usageMessage().description());
    paragraphs(page, description.subList(1, description.size()), true);
    page.append(".SH OPTIONS\n");
    for (OptionSpec option : spec.options()) {
      if (option.hidden()) {
        continue;
      }
      page.append(".TP\n").append(synopsis(option)).append('\n');
      paragraphs(page, List.of(option.description()), false);
    }
    page.append(".SH COMMANDS\n");
    spec.subcommands().forEach((sub, line) -> page.append(".TP\n\\fB").append(sub).append("\\fR \\fBbash\\fR|\\fBzsh\\fR\n")
        .append(escape(line.getCommandSpec().usageMessage().description()[0])).append('\n'));
    page.append(".SH EXAMPLES\n.nf\n");
    for (String line : spec.usageMessage().footer()) {
      if (line.isBlank()) {
        break; // the examples end at the first blank line; the rest is said below
      }
      page.append(escape(line.strip())).append('\n');
    }
    page.append(".fi\n")
        .append(".SH EXIT STATUS\n")
        .append("0 done; 1 failed while running (details in the log file); 2 bad usage; 3 out of memory;"
            + " 130 a second Ctrl\\-C.\n")
        .append(".SH ENVIRONMENT\n")
        .append(item("NO_COLOR", "When set and not empty, no colour (as \\fB\\-\\-color never\\fR) unless"
            + " \\fB\\-\\-color always\\fR is given."))
        .append(item("COLUMNS", "The width of \\fB\\-\\-help\\fR, also when it is piped."))
        .append(item("LOGMON_HEAP", "The JVM's maximum heap (default 1g): a ceiling, the heap grows only to what"
            + " the run holds. Raise it for a long \\fB\\-\\-window\\fR or a cumulative run over millions of distinct"
            + " endpoints or clients (exit status 3 says when)."))
        .append(item("LOGMON_JAVA_OPTS", "More JVM options."))
        .append(item("LOGMON_CDS", "\\fBoff\\fR: no class\\-data archive is made or used (a slower start; see"
            + " FILES)."))
        .append(item("JAVA_HOME", "The Java (17 or newer) to run; else \\fBjava\\fR on the PATH."))
        .append(item("XDG_STATE_HOME", "Where logmon keeps its state (default ~/.local/state): logmon/spark.log,"
            + " logmon/runs/ with each run's scratch space, removed when the run ends, and logmon/cds/."))
        .append(".SH FILES\n")
        .append(item("~/.local/state/logmon/spark.log", "Spark's own log (see \\fB\\-\\-log\\-file\\fR)."))
        .append(item("~/.local/state/logmon/cds/", "The class\\-data archive of the libraries' classes (about"
            + " 80 MB), made in the background by the first run and mapped by the next ones for a faster start;"
            + " made again for another Java or other jars. Safe to remove at any time."))
        .append(".SH SEE ALSO\n")
        .append("README.md at the top of the release archive, or of the source checkout.\n");
    return page.toString();
  }

  /** "\fB\-w\fR, \fB\-\-window\fR=\fIDURATION\fR" */
  static String synopsis(OptionSpec option) {
    StringBuilder text = new StringBuilder();
    String[] names = option.names();
    for (int i = 0; i < names.length; i++) {
      text.append(i > 0 ? ", " : "").append("\\fB").append(escape(names[i])).append("\\fR");
    }
    if (option.arity().max() > 0 && !option.type().equals(boolean.class)) {
      String label = "\\fI" + escape(option.paramLabel()) + "\\fR";
      text.append(option.arity().min() == 0 ? "[=" + label + "]" : "=" + label);
    }
    return text.toString();
  }

  /** Lines as roff text; a blank line starts a new paragraph (and so may the first line). */
  private static void paragraphs(StringBuilder page, List<String> lines, boolean startParagraph) {
    boolean newParagraph = startParagraph;
    for (String line : lines) {
      if (line.isBlank()) {
        newParagraph = true;
        continue;
      }
      if (newParagraph) {
        page.append(".PP\n");
        newParagraph = false;
      }
      page.append(escape(line)).append('\n');
    }
  }

  private static String item(String name, String text) {
    return ".TP\n\\fB" + escape(name) + "\\fR\n" + text + "\n";
  }

  /** Backslashes and hyphens as roff wants them; a leading dot or quote would be a request. */
  static String escape(String text) {
    String escaped = text.replace("\\", "\\e").replace("-", "\\-");
    return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
  }

  private static String lowerFirst(String text) {
    return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }
}
