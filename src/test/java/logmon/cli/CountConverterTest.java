package logmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CountConverterTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({"50000, 50000", "250k, 250000", "250K, 250000", "1.5M, 1500000", "2M, 2000000", "0, 0"})
  void readsPlainCountsAndSuffixes(String text, long expected) {
    assertThat(new CountConverter().convert(text)).isEqualTo(expected);
  }
}
