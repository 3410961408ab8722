package logmon.e2e;

import java.lang.management.ManagementFactory;
import java.util.List;

/** The JVM flags Spark needs on Java 17: the ones this test JVM was started with (see the pom). */
final class JvmFlags {

  static final List<String> SPARK = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
      .filter(flag -> flag.startsWith("--add-opens") || flag.equals("-XX:+IgnoreUnrecognizedVMOptions")
          || flag.startsWith("-Dio.netty.tryReflectionSetAccessible"))
      .toList();

  private JvmFlags() {}
}
