package logmon.e2e;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * The end-to-end tests' plumbing, as a JUnit 5 extension: a scratch directory per test, the child
 * processes the test starts (killed with their descendants after it, and reaped), free loopback
 * ports, and, when the test fails, the tail of each child's stdout, stderr and Spark log attached
 * to the failure message. A failed test's directory is kept and named in the message.
 *
 * <pre>{@code @RegisterExtension final E2e e2e = new E2e();}</pre>
 */
final class E2e implements BeforeEachCallback, AfterEachCallback, TestExecutionExceptionHandler {

  /** Reaping after SIGKILL takes milliseconds; longer means a process the kernel cannot stop. */
  private static final long REAP_SECONDS = 60;
  private static final int TAIL_LINES = 40;
  private static final int MAX_LINE_CHARS = 400;
  /** Ports handed out in this JVM: the kernel may offer a port again as soon as it is closed. */
  private static final Set<Integer> PORTS_GIVEN = ConcurrentHashMap.newKeySet();

  private Path dir;
  private final List<Child> children = new ArrayList<>();
  private final Deque<AutoCloseable> cleanups = new ArrayDeque<>();
  private final Map<String, Path> logs = new LinkedHashMap<>();

  private record Child(String label, Process process) {}

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
    dir = Files.createTempDirectory("logmon-e2e-" + name + "-");
  }

  /** This test's scratch directory. */
  Path dir() {
    return dir;
  }

  /** The real bin/logmon with {@code args}, stdin from {@code input} (a pipe when null). */
  LogmonProcess logmon(File input, Map<String, String> environment, String... args) throws IOException {
    return register(LogmonProcess.start(dir, input, environment, args));
  }

  LogmonProcess logmon(File input, String... args) throws IOException {
    return logmon(input, Map.of(), args);
  }

  LogmonProcess logmon(String... args) throws IOException {
    return logmon(null, Map.of(), args);
  }

  /** bin/logmon with Spark's log in {@code logFile}. */
  LogmonProcess logmonWithLogFile(Path logFile, String... args) throws IOException {
    return register(LogmonProcess.startWithLogFile(dir, logFile, args));
  }

  /** A logmon started some other way (the release archive's launcher): killed, reaped, logs kept. */
  LogmonProcess register(LogmonProcess logmon) {
    String label = "logmon pid " + logmon.pid() + " " + String.join(" ", logmon.args);
    track(label, logmon.process);
    logs.put(label + ": stderr", logmon.stderr);
    logs.put(label + ": stdout", logmon.stdout);
    logs.put(label + ": Spark's log", logmon.sparkLog);
    return logmon;
  }

  /** {@code tail -f feed | nc -lk} on a free port (see {@link Netcat#following}). */
  Netcat following(Path feed) throws IOException, InterruptedException {
    return track(Netcat.following(feed, freePort()));
  }

  /** A copy of {@code file} every half second into {@code nc -lk} on a free port. */
  Netcat repeating(Path file) throws IOException, InterruptedException {
    return track(Netcat.repeating(file, freePort()));
  }

  /** {@code nc -N -lk < file} on a free port. */
  Netcat serving(Path file) throws IOException, InterruptedException {
    return track(Netcat.serving(file, freePort()));
  }

  /** An nc pipeline started by the test itself. */
  Netcat track(Netcat netcat) {
    netcat.processes().forEach(p -> track("nc pipeline for port " + netcat.port, p));
    return netcat;
  }

  /** A child the test started itself: killed, with its descendants, and reaped after the test. */
  Process track(String label, Process process) {
    synchronized (children) {
      children.add(new Child(label, process));
    }
    return process;
  }

  /** A file whose tail goes with the failure message, such as a broker's log. */
  void attachLog(String label, Path file) {
    logs.put(label, file);
  }

  /** Runs after the children are gone, in reverse order of registration. */
  <T extends AutoCloseable> T onCleanup(T resource) {
    cleanups.push(resource);
    return resource;
  }

  /** A TCP port free on loopback now, and not handed out before in this JVM. */
  static int freePort() throws IOException {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        if (PORTS_GIVEN.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      }
    }
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    if (failure instanceof TestAbortedException) {
      throw failure;
    }
    AssertionError withLogs = new AssertionError(failure.getMessage() + "\n\n" + childLogs()
        + "(kept: " + dir + ")", failure);
    withLogs.setStackTrace(failure.getStackTrace());
    throw withLogs;
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    List<String> survivors = stopChildren();
    Exception cleanupFailure = null;
    while (!cleanups.isEmpty()) {
      try {
        cleanups.pop().close();
      } catch (Exception e) {
        cleanupFailure = cleanupFailure == null ? e : cleanupFailure;
      }
    }
    if (context.getExecutionException().isEmpty()) {
      try {
        deleteRecursively(dir);
      } catch (IOException e) {
        System.err.println("E2e: could not remove " + dir + ": " + e);
      }
    }
    if (!survivors.isEmpty()) {
      throw new AssertionError("children still alive " + REAP_SECONDS + " s after SIGKILL: " + survivors);
    }
    if (cleanupFailure != null) {
      throw cleanupFailure;
    }
  }

  /** SIGKILL to every child and its descendants (listed first: they leave the tree with their parent). */
  private List<String> stopChildren() throws InterruptedException {
    List<Child> all;
    synchronized (children) {
      all = List.copyOf(children);
      children.clear();
    }
    List<ProcessHandle> doomed = new ArrayList<>();
    for (Child child : all) {
      child.process().descendants().forEach(doomed::add);
      doomed.add(child.process().toHandle());
    }
    doomed.forEach(ProcessHandle::destroyForcibly);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(REAP_SECONDS);
    for (Child child : all) { // waitFor reaps our own children
      child.process().waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
    List<String> survivors = new ArrayList<>();
    for (ProcessHandle handle : doomed) {
      try {
        handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        survivors.add(handle.pid() + " " + handle.info().commandLine().orElse("?"));
      }
    }
    return survivors;
  }

  /** The tail of each child's files, long lines cut (a log line may be megabytes). */
  String childLogs() {
    StringBuilder text = new StringBuilder();
    logs.forEach((label, file) -> {
      text.append("---- ").append(label).append(" (").append(file).append(")\n");
      try {
        if (!Files.exists(file)) {
          text.append("(not written)\n");
          return;
        }
        List<String> lines = tail(file);
        lines.forEach(line -> text.append(line.length() > MAX_LINE_CHARS
            ? line.substring(0, MAX_LINE_CHARS) + "… (" + line.length() + " chars)" : line).append('\n'));
      } catch (IOException e) {
        text.append("(unreadable: ").append(e).append(")\n");
      }
    });
    return text.toString();
  }

  private static List<String> tail(Path file) throws IOException {
    long size = Files.size(file);
    long from = Math.max(0, size - 256 * 1024);
    byte[] bytes;
    try (var channel = Files.newByteChannel(file)) {
      channel.position(from);
      var buffer = java.nio.ByteBuffer.allocate((int) (size - from));
      while (buffer.hasRemaining() && channel.read(buffer) > 0) {
        // read to the end
      }
      bytes = java.util.Arrays.copyOf(buffer.array(), buffer.position());
    }
    List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
    return lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
