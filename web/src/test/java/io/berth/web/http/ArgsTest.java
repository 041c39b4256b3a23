package io.berth.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArgsTest {
  @Test
  void splitsOnWhitespaceAndHonoursQuotesAndEscapes() {
    assertThat(Args.split("  ls   -la /  ")).containsExactly("ls", "-la", "/");
    assertThat(Args.split("sh -c 'echo a; echo \"b\"'")).containsExactly("sh", "-c", "echo a; echo \"b\"");
    assertThat(Args.split("echo \"x \\\" y\" a\\ b ''")).containsExactly("echo", "x \" y", "a b", "");
    assertThat(Args.split("echo $(rm -rf /) ; `x` | y")).containsExactly("echo", "$(rm", "-rf", "/)", ";", "`x`", "|", "y");
  }

  @Test
  void unclosedQuoteIsAnError() {
    assertThatThrownBy(() -> Args.split("echo 'oops")).hasMessageContaining("unclosed");
  }
}
