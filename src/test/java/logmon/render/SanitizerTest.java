package logmon.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SanitizerTest {

  @Test
  void escapeSequencesAreShownNotInterpreted() {
    assertThat(Sanitizer.clean("/\u001b]0;pwned\u0007")).isEqualTo("/\\x1b]0;pwned\\x07");
    assertThat(Sanitizer.clean("\u001b[2J\u009b31m")).isEqualTo("\\x1b[2J\\x9b31m");
    assertThat(Sanitizer.clean("tab\there\r\n\u007f")).isEqualTo("tab\\x09here\\x0d\\x0a\\x7f");
  }

  @Test
  void invisibleReorderingCharactersAreShown() {
    assertThat(Sanitizer.clean("abc\u202Edef\u200B")).isEqualTo("abc\\u202edef\\u200b");
  }

  @Test
  void ordinaryTextIsUntouched() {
    String text = "/twiki/bin/view/Main/WebHome?x=1&y=ü €";
    assertThat(Sanitizer.clean(text)).isSameAs(text);
    assertThat(Sanitizer.clean(null)).isEmpty();
  }

  @Test
  void fitCutsWithAnEllipsis() {
    assertThat(Sanitizer.fit("/abcdefghij", 6)).isEqualTo("/abcd…");
    assertThat(Sanitizer.fit("/abc", 6)).isEqualTo("/abc");
    assertThat(Sanitizer.fit("/abc", 0)).isEmpty();
  }
}
