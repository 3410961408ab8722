package logmon.cli;

import java.nio.file.Path;

/**
 * logmon's state directory: {@code $XDG_STATE_HOME/logmon}, by default
 * {@code ~/.local/state/logmon}. Home is {@code $HOME} as the shell has it (Java's user.home comes
 * from the password database and ignores it).
 */
final class StateDirectory {

  private StateDirectory() {}

  static Path path() {
    String state = System.getenv("XDG_STATE_HOME");
    if (state != null && !state.isBlank()) {
      return Path.of(state, "logmon");
    }
    String home = System.getenv("HOME");
    if (home == null || home.isBlank()) {
      home = System.getProperty("user.home");
    }
    return Path.of(home, ".local", "state", "logmon");
  }
}
