package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The release archive as a user meets it: {@code target/logmon-VERSION.tar.gz} unpacked into an
 * empty directory, run from another one with an empty HOME and a PATH with Java but no Maven (and
 * no checkout in reach), directly and through a symlink; its completion and man page read by the
 * real bash and man.
 */
class ReleaseArchiveIT {

  @RegisterExtension
  final E2e e2e = new E2e();
  private Path dir;
  private Path home;
  private Path workDir;
  private Path unpacked;
  private Map<String, String> environment;

  @BeforeEach
  void unpack() throws Exception {
    dir = e2e.dir();
    String version = version();
    Path archive = Path.of("target", "logmon-" + version + ".tar.gz").toAbsolutePath();
    assertThat(archive).as("written by mvn package").exists();
    Path install = Files.createDirectories(dir.resolve("install"));
    assertThat(run(install, "tar", "xzf", archive.toString())).isZero();
    try (Stream<Path> top = Files.list(install)) {
      assertThat(top.map(p -> p.getFileName().toString())).as("one top-level directory")
          .containsExactly("logmon-" + version);
    }
    unpacked = install.resolve("logmon-" + version);
    home = Files.createDirectories(dir.resolve("home"));
    workDir = Files.createDirectories(dir.resolve("elsewhere"));
    // No class-data archive (its background dump would outlive the test in this HOME), but in
    // the test made for it.
    environment = Map.of("HOME", home.toString(), "PATH", toolsWithoutMaven().toString(), "LANG", "C.UTF-8",
        "LOGMON_HEAP", "512m", "LOGMON_CDS", "off");
  }

  @Test
  void theArchiveHoldsWhatAnInstallNeeds() {
    for (String file : List.of("bin/logmon", "lib/logmon.jar", "lib/logmon.classlist", "share/man/man1/logmon.1",
        "share/bash-completion/completions/logmon", "share/zsh/site-functions/_logmon", "README.md",
        "share/doc/logmon/THIRD-PARTY.txt", "share/doc/logmon/licenses")) {
      assertThat(unpacked.resolve(file)).as(file).exists();
    }
    assertThat(unpacked.resolve("bin/logmon")).isExecutable();
    assertThat(unpacked.resolve("bin/logmon")).as("the one launcher, the checkout's own")
        .hasSameTextualContentAs(LogmonProcess.LAUNCHER);
  }

  @Test
  void versionAndExactTotalsWithJavaOnlyFromAnotherDirectory() throws Exception {
    checkRuns(unpacked.resolve("bin/logmon"));
  }

  @Test
  void throughASymlinkFromAnotherDirectory() throws Exception {
    Path link = Files.createDirectories(home.resolve("bin")).resolve("logmon");
    Files.createSymbolicLink(link, unpacked.resolve("bin/logmon"));
    checkRuns(link);
  }

  @Test
  void theClassDataArchiveIsMadeInTheStateDirectoryNotInLibAndMapped() throws Exception {
    Map<String, String> withArchive = new java.util.HashMap<>(environment);
    withArchive.remove("LOGMON_CDS");
    List<String> lib = listing(unpacked.resolve("lib"));
    LogmonProcess version = e2e.register(LogmonProcess.startLauncher(unpacked.resolve("bin/logmon"), workDir, dir,
        null, withArchive, "--version"));
    assertThat(version.waitFor(60)).as(version.stderrText()).isZero();
    assertThat(version.stdoutText()).startsWith("logmon " + version() + " (Spark ");
    ClassDataArchiveIT.awaitArchive(home.resolve(".local/state/logmon/cds"));
    assertThat(listing(unpacked.resolve("lib"))).as("nothing written into lib/").isEqualTo(lib);

    Path classes = dir.resolve("classes.log");
    withArchive.put("LOGMON_JAVA_OPTS", "-Xlog:class+load=info:file=" + classes);
    LogmonProcess replay = e2e.register(LogmonProcess.startLauncher(unpacked.resolve("bin/logmon"), workDir, dir,
        null, withArchive, "--replay", TestLogs.SAMPLE.toAbsolutePath().toString(), "--rate", "5000",
        "--cumulative", "--output", "json"));
    replay.awaitJson("the sample's requests", 180, json -> json.get("requests").asLong() == 1406);
    replay.signal("TERM");
    assertThat(replay.waitFor(60)).as(replay.stderrText()).isZero();
    assertThat(replay.jsonLines()).as("stdout: JSON only").isNotEmpty();
    assertThat(Files.readString(classes)).as("Spark's classes mapped from the archive")
        .contains("org.apache.spark.SparkContext source: shared objects file");
  }

  private static List<String> listing(Path directory) throws Exception {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private void checkRuns(Path launcher) throws Exception {
    LogmonProcess version = start(launcher, null, "--version");
    assertThat(version.waitFor(60)).as(version.stderrText()).isZero();
    assertThat(version.stdoutText()).startsWith("logmon " + version() + " (Spark ");
    assertThat(version.stderrText()).as("no build, no message").isEmpty();

    byte[] sample = Files.readAllBytes(TestLogs.SAMPLE);
    Totals expected = Totals.of(ReferenceCount.of(sample));
    LogmonProcess replay = start(launcher, null, "--replay", TestLogs.SAMPLE.toAbsolutePath().toString(),
        "--rate", "5000", "--cumulative", "--output", "json");
    JsonNode counted = replay.awaitJson("the sample's exact totals", 180, json -> Totals.of(json).equals(expected));
    assertThat(counted.get("requests").asLong()).isEqualTo(1406);
    replay.signal("TERM");
    assertThat(replay.waitFor(60)).as(replay.stderrText()).isZero();
    assertThat(Files.exists(workDir.resolve("target"))).as("nothing built where it runs").isFalse();
  }

  @Test
  void bashCompletionFromTheArchiveCompletesOptionsAndValues() throws Exception {
    assertThat(complete("--win")).containsExactly("--window");
    assertThat(complete("--output", "")).containsExactlyInAnyOrder("auto", "tui", "plain", "json");
    assertThat(complete("--color", "")).containsExactlyInAnyOrder("auto", "always", "never");
  }

  @Test
  void theArchivedManPageListsEveryOptionHelpLists() throws Exception {
    LogmonProcess help = start(unpacked.resolve("bin/logmon"), null, "--help");
    assertThat(help.waitFor(60)).isZero();
    List<String> helpOptions = optionNames(help.stdoutText());
    assertThat(helpOptions).hasSizeGreaterThan(25).contains("--window", "--color");

    Path page = dir.resolve("man.txt");
    ProcessBuilder man = new ProcessBuilder("man", "-l", unpacked.resolve("share/man/man1/logmon.1").toString())
        .redirectOutput(page.toFile()).redirectError(dir.resolve("man.err").toFile());
    man.environment().putAll(Map.of("MANWIDTH", "100", "MANPAGER", "cat", "LANG", "C.UTF-8"));
    Process process = man.start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(Files.readString(dir.resolve("man.err"))).as("man's warnings").isEmpty();
    String text = Files.readString(page);
    String options = text.substring(text.indexOf("\nOPTIONS\n"), text.indexOf("\nCOMMANDS\n"));
    assertThat(optionNames(options)).isEqualTo(helpOptions);
  }

  private LogmonProcess start(Path launcher, File input, String... args) throws Exception {
    return e2e.register(LogmonProcess.startLauncher(launcher, workDir, dir, input, environment, args));
  }

  /**
   * A PATH directory as a server's would be, without Maven: every program of the system's
   * directories (Hadoop inside Spark runs chmod and friends) but mvn, and this JVM's java.
   */
  private Path toolsWithoutMaven() throws Exception {
    Path tools = Files.createDirectories(dir.resolve("tools"));
    Files.createSymbolicLink(tools.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
    for (String system : List.of("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
      Path systemDir = Path.of(system);
      if (!Files.isDirectory(systemDir)) {
        continue;
      }
      try (Stream<Path> programs = Files.list(systemDir)) {
        for (Path program : programs.toList()) {
          String name = program.getFileName().toString();
          Path link = tools.resolve(name);
          if (!name.startsWith("mvn") && !name.startsWith("java") && Files.isExecutable(program)
              && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link, program);
          }
        }
      }
    }
    assertThat(tools.resolve("mvn")).doesNotExist();
    return tools;
  }

  private List<String> complete(String... words) throws Exception {
    Path script = unpacked.resolve("share/bash-completion/completions/logmon");
    StringBuilder array = new StringBuilder("logmon");
    for (String word : words) {
      array.append(" '").append(word).append("'");
    }
    String program = "source '" + script + "' 2>/dev/null\n"
        + "COMP_WORDS=(" + array + "); COMP_CWORD=" + words.length + "\n"
        + "COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}\n"
        + "_complete_logmon logmon '" + words[words.length - 1] + "' '"
        + (words.length > 1 ? words[words.length - 2] : "logmon") + "' 2>/dev/null\n"
        + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
    Process bash = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", program).start();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out.lines().filter(line -> !line.isBlank()).toList();
  }

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

  private static int run(Path workDir, String... command) throws Exception {
    Process process = new ProcessBuilder(command).directory(workDir.toFile()).inheritIO().start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return process.exitValue();
  }

  private static String version() throws Exception {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(Path.of("target/classes/logmon-version.properties"))) {
      properties.load(in);
    }
    return properties.getProperty("version");
  }
}
