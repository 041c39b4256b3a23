package io.berth.core.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ContextOptionTest {
  @Test
  void dockersGlobalContextOptionIsSplitOffBeforeTheCommand() {
    assertThat(ContextOption.split("--context prod ps -a")).isEqualTo(new ContextOption.Split("prod", "ps -a"));
    assertThat(ContextOption.split("docker -c prod logs web --tail 5")).isEqualTo(new ContextOption.Split("prod", "docker logs web --tail 5"));
    assertThat(ContextOption.split("--context=all images")).isEqualTo(new ContextOption.Split("all", "images"));
    assertThat(ContextOption.split("run -c 512 busybox").context()).as("run's own -c (cpu shares)").isNull();
    assertThat(ContextOption.split("ps").context()).isNull();
  }

  @Test
  void aBadContextNameIsRefused() {
    assertThatThrownBy(() -> ContextOption.split("--context '../x' ps")).isInstanceOf(CommandSyntaxException.class)
        .hasMessageContaining("bad context \"../x\"");
    assertThatThrownBy(() -> ContextOption.split("-c")).hasMessageContaining("-c needs a context name");
  }
}
