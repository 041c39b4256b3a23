package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {
  @Test
  void plainWordsStayAsTheyAre() {
    assertThat(ShellWords.join(List.of("run", "-d", "--name", "web", "-p", "8080:80", "localhost:5000/web:1")))
        .isEqualTo("run -d --name web -p 8080:80 localhost:5000/web:1");
  }

  @Test
  void wordsWithSpacesOrQuotesAreQuotedSoTheParserSeesOneWord() {
    assertThat(ShellWords.join(List.of("exec", "c", "echo", "hello world"))).isEqualTo("exec c echo 'hello world'");
    assertThat(ShellWords.quote("it's")).isEqualTo("\"it's\"");
    assertThat(ShellWords.quote("")).isEqualTo("''");
  }
}
