package io.berth.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProgressLinesTest {
  @Test
  void keyedLinesAreRewrittenInPlaceBeforeTheOthers() {
    ProgressLines block = new ProgressLines(5);
    block.put("overall progress", "overall progress: 0 out of 2 tasks");
    block.add("rollback: manually requested rollback");
    block.put("1/2", "1/2: preparing");
    block.put("overall progress", "overall progress: 1 out of 2 tasks");
    assertThat(block.text()).isEqualTo("overall progress: 1 out of 2 tasks\n1/2: preparing\n"
        + "rollback: manually requested rollback\n");
  }

  @Test
  void onlyTheLastOtherLinesAreKept() {
    ProgressLines block = new ProgressLines(2);
    block.add("a");
    block.add("b");
    block.add("c");
    block.put("k", "k: done");
    assertThat(block.text()).isEqualTo("k: done\nb\nc\n");
    assertThat(new ProgressLines(1).text()).isEmpty();
    assertThatThrownBy(() -> new ProgressLines(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
