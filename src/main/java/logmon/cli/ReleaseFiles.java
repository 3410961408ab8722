package logmon.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Writes the files the release archive ships beside the program, from the command's model:
 * {@code share/man/man1/logmon.1}, {@code share/bash-completion/completions/logmon} and
 * {@code share/zsh/site-functions/_logmon}. Run by the build ({@code mvn package}).
 */
public final class ReleaseFiles {

  private ReleaseFiles() {}

  /** @param args the directory to write {@code share/} into */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ReleaseFiles OUTPUT_DIR");
    }
    write(Path.of(args[0]));
  }

  static void write(Path root) throws IOException {
    CommandSpec spec = LogmonCommand.commandLine().getCommandSpec();
    String version = new VersionProvider().version();
    // SOURCE_DATE_EPOCH, when set, makes the page's date reproducible.
    String epoch = System.getenv("SOURCE_DATE_EPOCH");
    LocalDate date = epoch == null ? LocalDate.now(ZoneOffset.UTC)
        : LocalDate.ofEpochDay(Long.parseLong(epoch) / 86_400);
    writeFile(root.resolve("share/man/man1/logmon.1"), ManPage.of(spec, version, date));
    writeFile(root.resolve("share/bash-completion/completions/logmon"), Completions.bash(spec));
    writeFile(root.resolve("share/zsh/site-functions/_logmon"), Completions.zsh(spec));
  }

  private static void writeFile(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
