package logmon.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code logmon completion bash|zsh}: the shell completion script, as the release archive ships it. */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print the shell completion script for bash or zsh.", "",
        "  source <(logmon completion bash)          # bash, this shell only",
        "  logmon completion zsh > ~/.zfunc/_logmon  # zsh, with ~/.zfunc on $fpath"})
final class CompletionCommand implements Callable<Integer> {

  enum Shell { bash, zsh }

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

  @Override
  public Integer call() {
    CommandSpec root = spec.root();
    spec.commandLine().getOut().print(shell == Shell.bash ? Completions.bash(root) : Completions.zsh(root));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
