package io.berth.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControlCharactersTest {
  @Test
  void controlsAndDirectionMarksBecomeEscapesAndOrdinaryTextStays() {
    assertThat(ControlCharacters.escape("a\u001b[2Jb\rc\nd\te\u007f\u0085\u202eg\u2066h"))
        .isEqualTo("a\\u001b[2Jb\\u000dc\\u000ad\\u0009e\\u007f\\u0085\\u202eg\\u2066h");
    assertThat(ControlCharacters.escape("ünïcödé ✓ rm -f web")).isEqualTo("ünïcödé ✓ rm -f web");
    assertThat(ControlCharacters.escape(null)).isNull();
  }
}
