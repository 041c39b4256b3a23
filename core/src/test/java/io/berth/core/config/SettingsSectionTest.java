package io.berth.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A module outside core (a chat platform) owns a top-level section: the loader hands it its part
 * of the YAML and keeps what it binds, config check prints it, and the core names no platform.
 */
class SettingsSectionTest {
  /** A third platform's settings, as its module would declare them. */
  record MatrixSettings(boolean enabled, String homeserver, Secret token, List<String> rooms) {}

  static final SettingsSection<MatrixSettings> MATRIX = new SettingsSection<>() {
    public String key() {
      return "matrix";
    }

    public MatrixSettings bind(YamlSection s, Map<String, String> env) {
      s.allowOnly("enabled", "homeserver", "token", "rooms");
      return new MatrixSettings(s.bool("enabled", false), s.url("homeserver", env.get("MATRIX_URL")),
          s.secret("token", Secret.ref("MATRIX_TOKEN", null), env), s.strings("rooms", List.of()));
    }

    public Map<String, Object> print(MatrixSettings m) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("enabled", m.enabled());
      out.put("homeserver", m.homeserver());
      out.put("token", ConfigPrinter.masked(m.token()));
      out.put("rooms", m.rooms());
      return out;
    }
  };

  static BerthConfig parse(String yaml, Map<String, String> env) {
    return ConfigLoader.parse(yaml, env, List.of(MATRIX));
  }

  @Test
  void aRegisteredSectionIsBoundByItsOwnerAndDefaultsWhenAbsent() {
    MatrixSettings m = parse("matrix: { enabled: true, token: { env: MT }, rooms: [\"!ops:ex.org\"] }",
        Map.of("MT", "syt-secret", "MATRIX_URL", "https://matrix.ex.org")).section(MATRIX);
    assertThat(m.enabled()).isTrue();
    assertThat(m.homeserver()).isEqualTo("https://matrix.ex.org");
    assertThat(m.token().reveal()).isEqualTo("syt-secret");
    assertThat(m.rooms()).containsExactly("!ops:ex.org");
    assertThat(parse("", Map.of()).section(MATRIX)).isEqualTo(new MatrixSettings(false, null,
        Secret.ref("MATRIX_TOKEN", null), List.of()));
  }

  @Test
  void aSectionNobodyRegisteredIsAnUnknownKeyAndListsTheRegisteredOnes() {
    assertThatThrownBy(() -> ConfigLoader.parse("matrix: { enabled: true }", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("matrix: unknown key;");
    assertThatThrownBy(() -> parse("matrx: {}", Map.of()))
        .hasMessageContaining("matrx: unknown key; did you mean \"matrix\"?").hasMessageContaining("audit, matrix)");
  }

  @Test
  void theOwnersErrorsNameThePathAndSecretsStayOutOfTheFile() {
    assertThatThrownBy(() -> parse("matrix: { rooms: 7, homeserver: \"gopher://x\" }", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("matrix.homeserver: \"gopher://x\" is not");
    assertThatThrownBy(() -> parse("matrix: { token: syt-literal }", Map.of()))
        .hasMessageStartingWith("matrix.token: secrets cannot be written in the YAML file")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("syt-literal"));
    assertThatThrownBy(() -> parse("matrix: { room: [x] }", Map.of()))
        .hasMessageStartingWith("matrix.room: unknown key; did you mean \"rooms\"?");
  }

  @Test
  void configCheckPrintsTheSectionWithItsSecretMasked() {
    String out = ConfigPrinter.print(parse("matrix: { token: { env: MT } }", Map.of("MT", "syt-secret")));
    assertThat(out).contains("matrix:\n  enabled: false").contains("token: '*** (env MT)'").doesNotContain("syt-secret");
  }

  @Test
  void aSectionCannotTakeACoreKeyOrBeRegisteredTwice() {
    SettingsSection<MatrixSettings> server = new SettingsSection<>() {
      public String key() {
        return "server";
      }

      public MatrixSettings bind(YamlSection s, Map<String, String> env) {
        return null;
      }

      public Map<String, Object> print(MatrixSettings m) {
        return Map.of();
      }
    };
    assertThatThrownBy(() -> ConfigLoader.parse("", Map.of(), List.of(server)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"server\"");
    assertThatThrownBy(() -> ConfigLoader.parse("", Map.of(), List.of(MATRIX, MATRIX)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"matrix\"");
  }
}
