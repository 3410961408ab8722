package logmon.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into logmon-version.properties at build time. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    Properties properties = properties();
    return new String[] {
        "logmon " + properties.getProperty("version", "unknown")
            + " (Spark " + properties.getProperty("spark", "unknown") + ", Java "
            + System.getProperty("java.version") + ")"};
  }

  /** logmon's own version, "0.1.0". */
  String version() throws IOException {
    return properties().getProperty("version", "unknown");
  }

  private static Properties properties() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("/logmon-version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    }
    return properties;
  }
}
