package io.berth.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {
  @Test
  void lineBreaksCannotStartAForgedLogLine() {
    String quoted = LogSafe.quote("admin\n2026-11-30 INFO fake line\r\n");
    assertThat(quoted).isEqualTo("\"admin\\n2026-11-30 INFO fake line\\r\\n\"").doesNotContain("\n").doesNotContain("\r");
  }

  @Test
  void quotesBackslashesAndControlCharactersAreEscaped() {
    assertThat(LogSafe.quote("a\"b\\c\u001b[31md\u0000e\u2028f\u202eg")).isEqualTo(
        "\"a\\\"b\\\\c\\u{1B}[31md\\u{0}e\\u{2028}f\\u{202E}g\"");
  }

  @Test
  void ordinaryTextIsOnlyQuotedAndNullStaysRecognisable() {
    assertThat(LogSafe.quote("Ünïcode ok 🐳")).isEqualTo("\"Ünïcode ok 🐳\"");
    assertThat(LogSafe.quote(null)).isEqualTo("null");
  }

  @Test
  void longTextIsCutWithTheRestCounted() {
    String q = LogSafe.quote("x".repeat(LogSafe.MAX_CHARS + 50));
    assertThat(q).startsWith("\"xxx").endsWith("\"…(50 more)").hasSize(LogSafe.MAX_CHARS + 2 + "…(50 more)".length());
  }
}
