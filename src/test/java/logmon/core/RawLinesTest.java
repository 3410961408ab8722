package logmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A receiver's record of lines counts exactly as the same lines one by one. */
class RawLinesTest {

  private static final String[] LINES = {
      "10.0.0.1 - - [07/Mar/2004:16:05:49 -0800] \"GET /a HTTP/1.1\" 200 10",
      "not a log line",
      "",
      "10.0.0.2 - - [07/Mar/2004:16:06:51 -0800] \"GET /caf\u00e9 HTTP/1.1\" 404 7",
  };

  @Test
  void countsLikeTheSameLinesOneByOneWithOversizedAndShedAndSurvivesSerialisation() throws Exception {
    RawLines.Builder builder = new RawLines.Builder();
    for (String line : LINES) {
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      builder.addLine(bytes, 0, bytes.length);
    }
    byte[] invalid = {'x', (byte) 0xC3, 'y'}; // invalid UTF-8 becomes U+FFFD, as for one line
    builder.addLine(invalid, 0, invalid.length);
    builder.addOversized();
    builder.addShed(42);
    RawLines raw = roundTrip(builder.build());
    assertThat(raw.lines()).isEqualTo(LINES.length + 2);
    assertThat(raw.shed()).isEqualTo(42);
    assertThat(builder.isEmpty()).as("the builder starts over").isTrue();

    TallyTable fromRecord = new TallyTable();
    raw.addTo(fromRecord);
    TallyTable oneByOne = new TallyTable();
    for (String line : LINES) {
      oneByOne.addLine(line);
    }
    oneByOne.addLine(new String(invalid, StandardCharsets.UTF_8));
    oneByOne.addLine(TallyTable.OVERSIZED_LINE);
    oneByOne.addShed(42);
    assertThat(fromRecord.asMap()).isEqualTo(oneByOne.asMap());
  }

  private static RawLines roundTrip(RawLines lines) throws Exception {
    var bytes = new ByteArrayOutputStream();
    try (var out = new ObjectOutputStream(bytes)) {
      out.writeObject(lines);
    }
    try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (RawLines) in.readObject();
    }
  }
}
