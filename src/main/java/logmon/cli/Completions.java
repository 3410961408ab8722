package logmon.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Shell completion scripts from the same picocli model as {@code --help}, so the two cannot
 * drift: picocli's own generator for bash, {@code _arguments} specs for zsh.
 */
final class Completions {

  private Completions() {}

  static String bash(CommandSpec root) {
    return AutoComplete.bash(root.name(), root.commandLine());
  }

  /** A zsh completion function, for a directory on {@code $fpath} as {@code _logmon}. */
  static String zsh(CommandSpec root) {
    StringBuilder script = new StringBuilder()
        .append("#compdef ").append(root.name()).append('\n')
        .append("# zsh completion for ").append(root.name()).append(", generated from its options.\n\n")
        .append("local -a subcommands\n")
        .append("subcommands=(\n");
    root.subcommands().forEach((name, sub) -> script.append("  '").append(name).append(':')
        .append(zshMessage(firstLine(sub.getCommandSpec().usageMessage().description()))).append("'\n"));
    script.append(")\n\n")
        .append("if (( CURRENT > 2 )) && [[ ${words[2]} == completion ]]; then\n")
        .append("  shift words; (( CURRENT-- ))   # complete as the subcommand's own line\n")
        .append("  _arguments '1:shell:(bash zsh)'\n")
        .append("  return\n")
        .append("fi\n\n")
        .append("_arguments -s -S \\\n");
    for (OptionSpec option : root.options()) {
      script.append("  ").append(zshSpec(option)).append(" \\\n");
    }
    script.append("  '1: :{_describe command subcommands}'\n");
    return script.toString();
  }

  private static String zshSpec(OptionSpec option) {
    String[] names = option.names();
    String description = zshExplanation(firstLine(option.description()));
    String exclusive = names.length > 1 ? "'(" + String.join(" ", names) + ")'" : "";
    String nameList = names.length > 1 ? "{" + String.join(",", names) + "}" : names[0];
    boolean takesValue = option.arity().max() > 0 && !option.type().equals(boolean.class);
    boolean repeatable = option.isMultiValue();
    String prefix = repeatable ? "'*'" : exclusive;
    StringBuilder spec = new StringBuilder(prefix).append(nameList).append("'");
    if (takesValue && option.longestName().startsWith("--")) {
      spec.append("="); // --window=30s as well as --window 30s
    }
    spec.append('[').append(description).append(']');
    if (takesValue) {
      String label = option.paramLabel().replace("<", "").replace(">", "");
      // an optional value (--spark-ui [PORT]) takes two colons
      spec.append(option.arity().min() == 0 ? "::" : ":").append(zshMessage(label)).append(':')
          .append(valueAction(option));
    }
    return spec.append("'").toString();
  }

  private static String valueAction(OptionSpec option) {
    List<String> candidates = new ArrayList<>();
    if (option.completionCandidates() != null) {
      option.completionCandidates().forEach(candidates::add);
    }
    if (!candidates.isEmpty()) {
      return "(" + String.join(" ", candidates) + ")";
    }
    String label = option.paramLabel();
    if (label.equals("FILE")) {
      return "_files";
    }
    if (label.equals("DIR")) {
      return "_files -/";
    }
    if (label.equals("HOST")) {
      return "_hosts";
    }
    return " ";
  }

  private static String firstLine(String[] description) {
    if (description.length == 0) {
      return "";
    }
    String text = description[0];
    int sentence = text.indexOf(". ");
    return sentence > 0 ? text.substring(0, sentence) : text.replaceAll("\\.$", "");
  }

  /** The [explanation] of a single-quoted _arguments spec: no quote, no bracket that ends it. */
  private static String zshExplanation(String text) {
    return text.replace("'", "'\\''").replace("[", "(").replace("]", ")");
  }

  /** A :message: field of a single-quoted _arguments spec: no quote, no colon that ends it. */
  private static String zshMessage(String text) {
    return text.replace("'", "'\\''").replace(":", "\\:");
  }
}
