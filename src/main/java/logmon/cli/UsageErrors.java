package logmon.cli;

import java.util.List;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** picocli's parse errors as one line, with its "did you mean" for a near-miss option. */
final class UsageErrors {

  private UsageErrors() {}

  static String describe(ParameterException ex) {
    if (!(ex instanceof UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
      return ex.getMessage();
    }
    // picocli lists an unknown option and the value after it ("'--windw', '30s'") as if both
    // were options; the value is only the option's, so name the option alone.
    List<String> args = unmatched.getUnmatched();
    String option = args.stream().filter(arg -> arg.startsWith("-")).findFirst().orElse(null);
    if (option == null) {
      return "unexpected argument '" + args.get(0) + "'";
    }
    String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
    List<String> suggestions = unmatched.getSuggestions();
    String hint = suggestions.isEmpty() ? ""
        : "; did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size()))) + "?";
    return "unknown option '" + name + "'" + hint;
  }
}
