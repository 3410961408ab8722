package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What Linux tells about a process: CPU time (/proc/PID/stat) and listening sockets (ss). */
final class ProcFs {

  static final String SS = "/usr/bin/ss";
  /** USER_HZ: the unit of utime and stime in /proc/PID/stat (100 on every Linux that matters). */
  static final int TICKS_PER_SECOND = 100;

  private ProcFs() {}

  /** utime + stime of the process, in clock ticks. */
  static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // fields[0] is field 3 (state): utime is field 14, stime field 15
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** Local addresses ("127.0.0.1:4040", "[::ffff:127.0.0.1]:37117", "*:9999") the pid listens on. */
  static List<String> listeningAddresses(long pid) throws IOException, InterruptedException {
    List<String> addresses = new ArrayList<>();
    for (String line : ss("-ltunpH")) {
      if (line.contains("pid=" + pid + ",")) {
        addresses.add(line.trim().split("\\s+")[4]);
      }
    }
    return addresses;
  }

  /** The ss lines of TCP sockets listening on {@code port}. */
  static List<String> listeningOn(int port) throws IOException, InterruptedException {
    return ss("-ltnH", "sport = :" + port);
  }

  /** True for 127.0.0.0/8, ::1 and IPv4-mapped 127.0.0.0/8. */
  static boolean isLoopback(String addressAndPort) {
    String host = addressAndPort.substring(0, addressAndPort.lastIndexOf(':'));
    host = host.replace("[", "").replace("]", "");
    int zone = host.indexOf('%');
    if (zone >= 0) {
      host = host.substring(0, zone);
    }
    if (host.startsWith("::ffff:")) {
      host = host.substring("::ffff:".length());
    }
    return host.startsWith("127.") || host.equals("::1");
  }

  private static List<String> ss(String... args) throws IOException, InterruptedException {
    HostTools.require(SS, "iproute2");
    List<String> command = new ArrayList<>(List.of(SS));
    command.addAll(List.of(args));
    Process ss = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = ss.getInputStream().readAllBytes();
    assertThat(ss.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(ss.exitValue()).as("ss %s: %s", String.join(" ", args),
        new String(output, StandardCharsets.UTF_8)).isZero();
    return new String(output, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
  }
}
