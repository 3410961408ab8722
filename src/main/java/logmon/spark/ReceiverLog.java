package logmon.spark;

import java.nio.ByteBuffer;
import java.util.Iterator;
import org.apache.spark.SparkConf;
import org.apache.spark.streaming.util.FileBasedWriteAheadLog;
import org.apache.spark.streaming.util.WriteAheadLog;
import org.apache.spark.streaming.util.WriteAheadLogRecordHandle;

/**
 * The receiver's write-ahead log, on Spark's (resume) clock. Spark's receiver names its log files
 * by the wall clock but cleans them by the streaming clock; after a restart that skipped a
 * downtime the two differ by the {@link ResumeClock} offset, and every file was kept that much
 * longer (8 hours down: 8 hours of received lines on disk). This log shifts the write times onto
 * the streaming clock, so files are cleaned when Spark means them to be. Spark's own file log does
 * the rest. Installed by {@link SparkSettings#useReceiverLog} for receivers in the driver's JVM.
 */
public final class ReceiverLog extends WriteAheadLog {

  /** Where the log files go: the checkpoint's receivedData/0, set before the receiver starts. */
  static final String DIRECTORY = "spark.logmon.receiverLog.directory";

  private final FileBasedWriteAheadLog files;

  public ReceiverLog(SparkConf conf) {
    String directory = conf.get(DIRECTORY);
    files = new FileBasedWriteAheadLog(conf, directory, new org.apache.hadoop.conf.Configuration(),
        conf.getInt("spark.streaming.receiver.writeAheadLog.rollingIntervalSecs", 60),
        conf.getInt("spark.streaming.receiver.writeAheadLog.maxFailures", 3),
        conf.getBoolean("spark.streaming.receiver.writeAheadLog.closeFileAfterWrite", false));
  }

  @Override
  public WriteAheadLogRecordHandle write(ByteBuffer record, long wallClockMillis) {
    return files.write(record, wallClockMillis - ResumeClock.offsetMillis());
  }

  @Override
  public ByteBuffer read(WriteAheadLogRecordHandle handle) {
    return files.read(handle);
  }

  @Override
  public Iterator<ByteBuffer> readAll() {
    return files.readAll();
  }

  @Override
  public void clean(long threshTime, boolean waitForCompletion) {
    files.clean(threshTime, waitForCompletion);
  }

  @Override
  public void close() {
    files.close();
  }
}
