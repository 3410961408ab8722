package logmon.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The receiver's log files are named and cleaned on Spark's clock, offset included. */
class ReceiverLogTest {

  private static final long HOUR = 3_600_000;

  @TempDir
  Path dir;

  @AfterEach
  void resetClock() {
    ResumeClock.setOffsetMillis(0);
  }

  @Test
  void afterASkippedDowntimeFilesAreCleanedOnSparksClock() throws Exception {
    ResumeClock.setOffsetMillis(HOUR); // an hour of downtime skipped
    ReceiverLog log = new ReceiverLog(new SparkConf(false).set(ReceiverLog.DIRECTORY, dir.toString()));
    long wallClock = System.currentTimeMillis();
    var handle = log.write(ByteBuffer.wrap("lines".getBytes(StandardCharsets.UTF_8)), wallClock);

    assertThat(StandardCharsets.UTF_8.decode(log.read(handle)).toString()).isEqualTo("lines");
    List<String> files = logFiles();
    assertThat(files).hasSize(1);
    long start = Long.parseLong(files.get(0).split("-")[1]);
    assertThat(start).as("named by Spark's clock, an hour behind").isEqualTo(wallClock - HOUR);

    // A write after the file's minute rolls it; Spark then cleans what ended before a threshold
    // on its own clock.
    log.write(ByteBuffer.wrap("more".getBytes(StandardCharsets.UTF_8)), wallClock + 70_000);
    assertThat(logFiles()).hasSize(2);
    log.clean(wallClock - HOUR + 65_000, true);
    assertThat(logFiles()).as("the first file cleaned when Spark's clock says so, not an hour later")
        .hasSize(1).noneMatch(name -> name.equals(files.get(0)));
    log.close();
  }

  private List<String> logFiles() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(name -> name.startsWith("log-")).toList();
    }
  }
}
