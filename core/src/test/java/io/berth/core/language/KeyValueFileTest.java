package io.berth.core.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** docker's env-file / label-file format (opts/file.go), with one difference: a bare KEY is refused for env. */
class KeyValueFileTest {
  @Test
  void readsAssignmentsSkippingCommentsAndBlankLinesAndKeepingValuesAsWritten() {
    String text = "\uFEFF# a comment\n\nA=1\n  B=two words \nC=\"quoted\"\nD=\nE=x=y\n   # indented comment\r\nF=crlf\r\n";
    assertThat(KeyValueFile.parse("env.list", text, true)).containsExactly(
        List.of("A", "1"), List.of("B", "two words "), List.of("C", "\"quoted\""), List.of("D", ""), List.of("E", "x=y"),
        List.of("F", "crlf"));
  }

  @Test
  void aBareKeyInAnEnvFileIsRefusedBecauseTheServerEnvironmentMustNotLeak() {
    assertThatThrownBy(() -> KeyValueFile.parse("env.list", "A=1\nHOME\n", true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("env.list line 2").hasMessageContaining("HOME").hasMessageContaining("HOME=VALUE")
        .hasMessageContaining("environment");
  }

  @Test
  void aBareKeyInALabelFileIsALabelWithAnEmptyValue() {
    assertThat(KeyValueFile.parse("labels", "team\nx=1\n", false)).containsExactly(List.of("team", ""), List.of("x", "1"));
  }

  @Test
  void badNamesAreRefusedByLineWithoutEchoingTheValue() {
    assertThatThrownBy(() -> KeyValueFile.parse("env.list", "A B=secret-value\n", true))
        .hasMessageContaining("line 1").hasMessageContaining("whitespace").hasMessageNotContaining("secret-value");
    assertThatThrownBy(() -> KeyValueFile.parse("env.list", "=secret-value\n", true))
        .hasMessageContaining("line 1").hasMessageContaining("no variable name").hasMessageNotContaining("secret-value");
    assertThatThrownBy(() -> KeyValueFile.parse("env.list", "A=ok\n1BAD=secret-value\n", true))
        .hasMessageContaining("line 2").hasMessageContaining("1BAD").hasMessageNotContaining("secret-value");
  }
}
