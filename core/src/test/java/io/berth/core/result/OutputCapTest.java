package io.berth.core.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutputCapTest {
  @Test
  void outputWithinTheCapIsKeptWholeOnItsOwnStreams() {
    OutputCap cap = new OutputCap(100);
    cap.accept(OutputChunk.stdout("out1\n"));
    cap.accept(OutputChunk.stderr("err1\n"));
    cap.accept(OutputChunk.stdout("out2\n"));
    CapturedOutput o = cap.output();
    assertThat(o.truncated()).isFalse();
    assertThat(o.stdout()).isEqualTo("out1\nout2\n");
    assertThat(o.stderr()).isEqualTo("err1\n");
    assertThat(o.text()).isEqualTo("out1\nerr1\nout2\n");
  }

  @Test
  void longOutputKeepsHeadAndTailAndSaysHowMuchWasDroppedWhereItWasCut() {
    OutputCap cap = new OutputCap(40);
    String all = IntStream.rangeClosed(1, 100).mapToObj(i -> i + "\n").collect(Collectors.joining());
    for (int i = 1; i <= 100; i++) cap.accept(OutputChunk.stdout(i + "\n"));
    CapturedOutput o = cap.output();
    long kept = o.stdout().length();
    assertThat(kept).isEqualTo(40);
    assertThat(o.omittedBytes()).isEqualTo(all.length() - 40);
    assertThat(o.text()).startsWith("1\n2\n3\n").endsWith("98\n99\n100\n");
    assertThat(o.text()).contains("[berth: " + (all.length() - 40) + " bytes of output omitted here");
    // the marker sits between head and tail, on stderr
    List<OutputChunk> chunks = o.chunks();
    int marker = indexOfMarker(chunks);
    assertThat(chunks.get(marker).stream()).isEqualTo(LogLine.Stream.STDERR);
    assertThat(chunks.subList(0, marker)).allMatch(c -> c.stream() == LogLine.Stream.STDOUT);
    assertThat(chunks.get(chunks.size() - 1).text()).endsWith("100\n");
  }

  @Test
  void liveReceivesTheHeadAsItArrivesAndNothingBeyondIt() {
    List<OutputChunk> seen = new ArrayList<>();
    OutputCap cap = new OutputCap(10, seen::add);
    cap.accept(OutputChunk.stdout("abc"));
    assertThat(seen).containsExactly(OutputChunk.stdout("abc"));
    cap.accept(OutputChunk.stderr("defgh"));
    cap.accept(OutputChunk.stdout("ijklmnopqrstuvwxyz"));
    assertThat(seen).containsExactly(OutputChunk.stdout("abc"), OutputChunk.stderr("de"));
    CapturedOutput o = cap.output();
    assertThat(o.omittedBytes()).isEqualTo(26 - 10);
    assertThat(o.tail()).extracting(OutputChunk::text).containsExactly("vwxyz");
  }

  @Test
  void aSingleHugeChunkIsCutInTheMiddle() {
    OutputCap cap = new OutputCap(6);
    cap.accept(OutputChunk.stdout("0123456789"));
    CapturedOutput o = cap.output();
    assertThat(o.stdout()).isEqualTo("012789");
    assertThat(o.omittedBytes()).isEqualTo(4);
  }

  private static int indexOfMarker(List<OutputChunk> chunks) {
    for (int i = 0; i < chunks.size(); i++) if (chunks.get(i).text().contains("[berth:")) return i;
    throw new AssertionError("no marker in " + chunks);
  }
}
