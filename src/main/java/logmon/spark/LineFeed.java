package logmon.spark;

import java.io.Serializable;
import logmon.core.RawLines;
import logmon.core.TallyTable;
import logmon.source.Backlog;

/**
 * How a source's records reach a batch's {@link TallyTable}: receivers store {@link RawLines}
 * (thousands of lines a record), Kafka and directories give one String per line.
 */
interface LineFeed<T> extends Serializable {

  void addTo(T record, TallyTable table);

  /** One line per record. */
  LineFeed<String> STRINGS = (line, table) -> table.addLine(line);

  /**
   * Receivers' records. Once counted here, their lines no longer wait: their bytes go back to
   * this JVM's {@link Backlog} (in local mode, the receivers'; on an executor, none is installed).
   */
  LineFeed<RawLines> RAW_LINES = (lines, table) -> {
    lines.addTo(table);
    Backlog.counted(lines.bytes());
  };
}
