package io.berth.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@link YamlTree} builds the tree Jackson's own {@code YAMLMapper.readTree} builds, node type for node type. */
class YamlTreeTest {
  private static final YAMLMapper MAPPER = new YAMLMapper();

  @ParameterizedTest
  @ValueSource(strings = {
      "a: 1",
      "server:\n  host: 127.0.0.1   # comment\n  port: 8080\n",
      "engine:\n  endpoints:\n    - name: local\n      host: null\n    - name: b\n      host: tcp://10.0.0.1:2376\n",
      "roots: [build, 'x y', \"z\"]\nempty: []\nnone: {}\n",
      "users: { local: { role: admin, identities: { cli: [\"*\"] } } }",
      "n: [0, -7, 2147483648, 9223372036854775808, 1.5, -2.5e3, 0x1F, 1_000]",
      "quoted: ['1', \"true\", 'null']",
      "b: [true, false, True, FALSE, yes, no, on, off]",
      "nulls: [~, null, Null, ]\nalso:\n",
      "anchor: &a { x: 1 }\nalias: *a\n",
      "multi: |\n  line one\n  line two\nfolded: >\n  a\n  b\n",
      "first: 1\n---\nsecond: 2\n",
      "- just\n- a list\n",
      "plain text",
      "bin: !!binary aGVsbG8=",
  })
  void buildsTheTreeJacksonReadTreeBuilds(String yaml) throws Exception {
    assertThat(YamlTree.read(yaml)).isEqualTo(MAPPER.readTree(yaml));
  }

  @Test
  void aDocumentWithoutContentIsNoTree() throws Exception {
    assertThat(YamlTree.read("# only a comment\n")).isNull();
    assertThat(YamlTree.read("")).isNull();
  }

  @Test
  void aKeyWrittenTwiceIsAnErrorWithItsLine() {
    assertThatThrownBy(() -> YamlTree.read("server:\n  port: 1\n  port: 2\n"))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("Duplicate field 'port'")
        .satisfies(e -> assertThat(((JsonProcessingException) e).getLocation().getLineNr()).isEqualTo(3));
  }

  @Test
  void badYamlFailsWithTheParsersError() {
    assertThatThrownBy(() -> YamlTree.read("server: { host: [unclosed"))
        .isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void nestingBeyondTheParsersLimitFailsInsteadOfOverflowingTheStack() {
    String deep = "[".repeat(5_000) + "]".repeat(5_000);
    assertThatThrownBy(() -> YamlTree.read(deep)).isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("nesting depth");
  }
}
