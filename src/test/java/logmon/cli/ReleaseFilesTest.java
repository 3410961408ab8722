package logmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The man page and the completion scripts the release archive ships, written as the build writes
 * them, and read by the real tools: {@code man -l} renders the page, a non-interactive bash
 * sources the completion and completes with it.
 */
class ReleaseFilesTest {

  @TempDir
  static Path root;

  @BeforeAll
  static void writeThem() throws Exception {
    ReleaseFiles.write(root);
  }

  @Test
  void bashCompletesOptionNamesAndEnumeratedValues() throws Exception {
    assertThat(complete("--win")).containsExactly("--window");
    assertThat(complete("--output", "")).containsExactlyInAnyOrder("auto", "tui", "plain", "json");
    assertThat(complete("--color", "")).containsExactlyInAnyOrder("auto", "always", "never");
    assertThat(complete("--state", "")).containsExactlyInAnyOrder("mapWithState", "updateStateByKey");
    assertThat(complete("completion", "")).containsExactlyInAnyOrder("bash", "zsh");
  }

  @Test
  void theArchivedScriptsAreWhatLogmonCompletionPrints() throws Exception {
    assertThat(run("completion", "bash"))
        .isEqualTo(Files.readString(root.resolve("share/bash-completion/completions/logmon")));
    assertThat(run("completion", "zsh")).isEqualTo(Files.readString(root.resolve("share/zsh/site-functions/_logmon")))
        .startsWith("#compdef logmon\n").contains("--window", "(auto tui plain json)", "(auto always never)");
  }

  @Test
  void theManPageRendersCleanlyAndListsEveryOptionHelpLists() throws Exception {
    ProcessBuilder man = new ProcessBuilder("man", "-l", root.resolve("share/man/man1/logmon.1").toString());
    man.environment().putAll(Map.of("MANWIDTH", "100", "MANPAGER", "cat", "PAGER", "cat", "LANG", "C.UTF-8"));
    Output page = Output.of(man);
    assertThat(page.code).as("man -l: %s", page.err).isZero();
    assertThat(page.err).as("warnings from man/groff").isEmpty();

    List<String> helpOptions = optionNames(run("--help"));
    assertThat(helpOptions).as("options read from --help").contains("-w", "--window", "--color", "--version")
        .hasSizeGreaterThan(25);
    String optionsSection = page.out.substring(page.out.indexOf("\nOPTIONS\n"), page.out.indexOf("\nCOMMANDS\n"));
    assertThat(optionNames(optionsSection)).as("the options the man page describes").isEqualTo(helpOptions);
    assertThat(page.out).contains("NO_COLOR", "completion bash|zsh", "EXIT STATUS");
  }

  @Test
  void theManPageAndTheReadmeNameEveryVariableTheLauncherReads() throws Exception {
    String launcher = Files.readString(Path.of("bin/logmon"));
    List<String> variables = Pattern.compile("\\bLOGMON_[A-Z_]+").matcher(launcher).results()
        .map(m -> m.group()).distinct()
        .filter(name -> !name.equals("LOGMON_BUILDING")) // set by the build's training run only
        .toList();
    assertThat(variables).contains("LOGMON_HEAP", "LOGMON_JAVA_OPTS", "LOGMON_CDS");
    String page = Files.readString(root.resolve("share/man/man1/logmon.1"));
    String environment = page.substring(page.indexOf(".SH ENVIRONMENT"), page.indexOf(".SH FILES"));
    String readme = Files.readString(Path.of("README.md"));
    for (String name : variables) {
      assertThat(environment).as("the man page's ENVIRONMENT").contains(name);
      assertThat(readme).as("README").contains("`" + name);
    }
  }

  /** The names at the start of option lines ("  -w, --window=DURATION"), in order. */
  private static List<String> optionNames(String text) {
    List<String> options = new ArrayList<>();
    Matcher matcher = Pattern.compile("(?m)^\\s+(?:(-\\w), )?(--[\\w-]+)").matcher(text);
    while (matcher.find()) {
      if (matcher.group(1) != null) {
        options.add(matcher.group(1));
      }
      options.add(matcher.group(2));
    }
    return options;
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    var cl = LogmonCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(new StringWriter()));
    assertThat(cl.execute(args)).isZero();
    return out.toString();
  }

  /** What bash offers after "logmon WORDS…", the last word being completed. */
  private static List<String> complete(String... words) throws Exception {
    Path script = root.resolve("share/bash-completion/completions/logmon");
    StringBuilder array = new StringBuilder("logmon");
    for (String word : words) {
      array.append(" '").append(word).append("'");
    }
    String current = words[words.length - 1];
    String previous = words.length > 1 ? words[words.length - 2] : "logmon";
    String program = "source '" + script + "' 2>/dev/null\n"
        + "COMP_WORDS=(" + array + "); COMP_CWORD=" + words.length + "\n"
        + "COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}\n"
        + "_complete_logmon logmon '" + current + "' '" + previous + "' 2>/dev/null\n"
        + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
    Output result = Output.of(new ProcessBuilder("bash", "--norc", "--noprofile", "-c", program));
    assertThat(result.code).as(result.err).isZero();
    return result.out.lines().filter(line -> !line.isBlank()).toList();
  }

  private record Output(int code, String out, String err) {
    static Output of(ProcessBuilder builder) throws Exception {
      Path err = Files.createTempFile(root, "err", ".txt");
      Process process = builder.redirectError(err.toFile()).start();
      process.getOutputStream().close();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      return new Output(process.exitValue(), out, Files.readString(err));
    }
  }
}
