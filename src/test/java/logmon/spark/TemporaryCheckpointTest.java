package logmon.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's temporary checkpoint is locked while it lives and removed after; crashed runs' too. */
class TemporaryCheckpointTest {

  @TempDir
  Path tmp;

  private Path leftBehind(String name, Instant lockFileTime) throws Exception {
    Path dir = Files.createDirectory(tmp.resolve(TemporaryCheckpoint.PREFIX + name));
    Files.writeString(dir.resolve("checkpoint-1795657809000"), "state");
    Path lock = Files.createFile(dir.resolve(CheckpointDirectory.LOCK));
    Files.setLastModifiedTime(lock, FileTime.from(lockFileTime));
    return dir;
  }

  @Test
  void aRunRemovesItsOwnDirectoryWhenItStops() throws Exception {
    TemporaryCheckpoint checkpoint = TemporaryCheckpoint.create(tmp);
    assertThat(checkpoint.path()).isDirectory().hasParent(tmp);
    checkpoint.close();
    assertThat(checkpoint.path()).doesNotExist();
  }

  @Test
  void anAbandonedDirectoryIsRemovedAndALiveOneKept() throws Exception {
    Instant old = Instant.now().minus(TemporaryCheckpoint.GRACE).minusSeconds(60);
    Path abandoned = leftBehind("crashed", old);
    Path starting = leftBehind("starting", Instant.now());
    Path other = Files.createDirectory(tmp.resolve(TemporaryCheckpoint.PREFIX + "no-lock-file"));
    Path live = leftBehind("live", old);
    try (FileChannel channel = FileChannel.open(live.resolve(CheckpointDirectory.LOCK), StandardOpenOption.WRITE);
        var held = channel.lock()) {
      try (TemporaryCheckpoint checkpoint = TemporaryCheckpoint.create(tmp)) {
        assertThat(abandoned).doesNotExist();
        assertThat(starting).isDirectory();
        assertThat(other).isDirectory();
        assertThat(live).isDirectory();
        assertThat(checkpoint.path()).isDirectory();
      }
    }
  }
}
