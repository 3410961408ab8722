package logmon.cli;

import picocli.CommandLine;

/** Entry point: runs the command and exits with its code. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(LogmonCommand.commandLine().execute(args));
  }
}
