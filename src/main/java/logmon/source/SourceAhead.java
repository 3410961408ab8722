package logmon.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Notices when the source is ahead of the receiver: after a read, more than a buffer's worth is
 * already waiting in the kernel (the socket's or the pipe's). Then the receiver itself is what
 * holds the source back — its thread reads as fast as it can — and logmon is throttled although no
 * limit held it. One {@code available()} (an ioctl) per 64 KB read.
 */
final class SourceAhead extends FilterInputStream {

  /** More than this many bytes waiting after a read: the source is ahead. */
  static final int AHEAD_BYTES = 64 * 1024;

  private final Backlog backlog;

  SourceAhead(InputStream in, Backlog backlog) {
    super(in);
    this.backlog = backlog;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n == length && in.available() > AHEAD_BYTES) {
      backlog.sourceAhead();
    }
    return n;
  }
}
