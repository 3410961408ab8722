package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** The host's tools the end-to-end tests drive; missing ones fail the test (never skip it). */
final class HostTools {

  private HostTools() {}

  static void require(String path, String debianPackage) {
    assertThat(Files.isExecutable(Path.of(path)))
        .as("%s is needed by this test: apt-get install %s (.ci/run installs it)", path, debianPackage)
        .isTrue();
  }
}
