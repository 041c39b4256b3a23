package io.berth.core.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one tokenizer and the one quoter: chat, CLI, console forms and canonical text all use them. */
class CommandTokenizerTest {
  @Test
  void splitsLikeAShellWithoutExpandingAnything() {
    assertThat(CommandTokenizer.words("  ls   -la /  ")).containsExactly("ls", "-la", "/");
    assertThat(CommandTokenizer.words("sh -c 'echo a; echo \"b\"'")).containsExactly("sh", "-c", "echo a; echo \"b\"");
    assertThat(CommandTokenizer.words("echo \"x \\\" y\" a\\ b ''")).containsExactly("echo", "x \" y", "a b", "");
    assertThat(CommandTokenizer.words("echo $(rm -rf /) ; `x` | y"))
        .containsExactly("echo", "$(rm", "-rf", "/)", ";", "`x`", "|", "y");
    assertThat(CommandTokenizer.words(null)).isEmpty();
  }

  @Test
  void anUnclosedQuoteIsRefusedWithItsColumn() {
    assertThatThrownBy(() -> CommandTokenizer.words("echo 'oops")).isInstanceOf(CommandSyntaxException.class)
        .hasMessageContaining("unterminated single quote at column 6");
  }

  @Test
  void joinQuotesOnlyWhatNeedsItAndSplitsBackToTheSameWords() {
    assertThat(CommandTokenizer.join(List.of("run", "-d", "--name", "web", "-p", "8080:80", "localhost:5000/web:1")))
        .isEqualTo("run -d --name web -p 8080:80 localhost:5000/web:1");
    assertThat(CommandTokenizer.join(List.of("exec", "c", "echo", "hello world"))).isEqualTo("exec c echo 'hello world'");
    List<String> hard = List.of("it's", "", "a\"b", "$(x)", "back\\slash", "tab\there", "[::1]:80:80", "日本");
    assertThat(CommandTokenizer.words(CommandTokenizer.join(hard))).isEqualTo(hard);
  }
}
