package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Spark standalone cluster on 127.0.0.1 — one Master and one Worker JVM, started from the
 * jars Maven already has, with a minimal SPARK_HOME (jars/ linked) that the Worker needs to
 * launch executor JVMs. Its JVMs are the test's children: {@link E2e} stops them (the executors
 * with the Worker) and attaches their logs to a failure.
 */
final class StandaloneCluster {

  private final E2e e2e;
  private final Path home;
  final int masterPort;

  private StandaloneCluster(E2e e2e, Path home, int masterPort) {
    this.e2e = e2e;
    this.home = home;
    this.masterPort = masterPort;
  }

  static StandaloneCluster start(E2e e2e) throws Exception {
    Path dir = e2e.dir();
    Path home = dir.resolve("spark-home");
    Files.createDirectories(home.resolve("jars"));
    Files.createDirectories(home.resolve("conf"));
    Files.createDirectories(home.resolve("work"));
    String classpath = Files.readString(Path.of("target/classpath.txt")).trim();
    for (String jar : classpath.split(":")) {
      Path target = Path.of(jar);
      Files.createSymbolicLink(home.resolve("jars").resolve(target.getFileName()), target);
    }
    StandaloneCluster cluster = new StandaloneCluster(e2e, home, E2e.freePort());
    cluster.daemon(dir.resolve("master.log"), classpath, "org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", Integer.toString(cluster.masterPort),
        "--webui-port", Integer.toString(E2e.freePort()));
    cluster.daemon(dir.resolve("worker.log"), classpath, "org.apache.spark.deploy.worker.Worker",
        "--host", "127.0.0.1", "--webui-port", Integer.toString(E2e.freePort()),
        "--cores", "2", "--memory", "1g", "--work-dir", home.resolve("work").toString(),
        cluster.masterUrl());
    waitForLine(dir.resolve("worker.log"), "Successfully registered with master", 180);
    return cluster;
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  private void daemon(Path log, String classpath, String mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(JvmFlags.SPARK);
    command.addAll(List.of("-Xmx256m", "-cp", classpath, mainClass));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    e2e.track(mainClass, builder.start());
    e2e.attachLog(mainClass, log);
  }

  /** Pids of executor JVMs this cluster's Worker launched. */
  List<Long> executorPids() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains("CoarseGrainedExecutorBackend")
            && c.contains(home.toString())).orElse(false))
        .map(ProcessHandle::pid)
        .toList();
  }

  static void waitForLine(Path log, String text, int seconds) throws Exception {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (System.currentTimeMillis() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      Thread.sleep(200);
    }
    assertThat(Files.exists(log) ? Files.readString(log) : "(no log)")
        .as("waited %d s for '%s' in %s", seconds, text, log).contains(text);
  }

}
