package io.berth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.testing.TestIsolationRules;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Integration tests share one engine with each other and with everyone else's builds: none may
 * remove a shared image, force-remove one, prune, or build on cached steps another test uses.
 */
class TestIsolationTest {

  @Test
  void noTestSourceInAnyModuleBreaksTheIsolationRules() {
    Path repository = repositoryRoot();
    assertThat(Files.isDirectory(repository.resolve("bot/src/test/java"))).as("scans every module").isTrue();
    assertThat(TestIsolationRules.checkRepository(repository)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "docker.removeImageCmd(imageId).withForce(true).exec();",
      "env.docker().removeImageCmd(TestEngine.BUSYBOX).exec();",
      "DockerCli.run(\"rmi\", \"-f\", image);",
      "run(List.of(\"docker\", \"rmi\", name));",
      "docker(List.of(\"image\", \"prune\", \"-f\"));",
      "docker.pruneCmd(PruneType.IMAGES).exec();",
      "ok(new Rmi(tag,\n    true), ImageRemoved.class);",
      "engine.removeImage(tag, true);",
      "Files.writeString(f, \"FROM \" + TestEngine.BUSYBOX + \"\\nLABEL berth.test=true\\n\");",
      "core.execute(CALLER, new Pull(TestEngine.HELLO), null, p -> {});",
      "String image = \"localhost:5000/hello-world:latest\";",
  })
  void eachRuleCatchesItsBadSnippet(String snippet) {
    assertThat(TestIsolationRules.check("SomeIT.java", "class SomeIT {\n" + snippet + "\n}\n"))
        .isNotEmpty().allSatisfy(v -> assertThat(v.line()).isEqualTo(2));
  }

  @Test
  void aLineMayWaiveTheRulesOnlyWithAReason() {
    assertThat(TestIsolationRules.check("SomeIT.java", "berth(\"rmi\", \"x/../y\"); // isolation: refused before any engine call\n"))
        .isEmpty();
    assertThat(TestIsolationRules.check("SomeIT.java", "berth(\"rmi\", \"x/../y\"); // isolation:\n")).hasSize(1);
    assertThat(TestIsolationRules.check("SomeIT.java", "// isolation: a reason on another line\nberth(\"rmi\", \"x\");\n"))
        .hasSize(1);
  }

  @Test
  void whatTestsShouldDoInsteadPasses() {
    String good = """
        class GoodIT {
          void t() {
            String tag = env.name("built") + ":1";
            Files.writeString(dir.resolve("Dockerfile"), TestEngine.dockerfile(tag, "CMD [\\"true\\"]"));
            String image = env.helloInRegistry("pull");
            ok(new Rmi(tag, false), ImageRemoved.class);
            env.removeImage(image);
            docker.removeContainerCmd(id).withForce(true).exec();
          }
        }
        """;
    assertThat(TestIsolationRules.check("GoodIT.java", good)).isEmpty();
  }

  @Test
  void theOneRemovalHelperRefusesSharedFixturesIdsAndOtherRunsNames() {
    String prefix = "bt-core-it-abc123";
    for (String shared : new String[] {"berth-test/busybox:latest", "berth-test/busybox", "localhost:5000/hello-world",
        "127.0.0.1:5000/hello-world:latest"}) {
      assertThatThrownBy(() -> TestIsolationRules.requireOwnImage(prefix, shared)).hasMessageContaining("shared test fixture");
    }
    assertThatThrownBy(() -> TestIsolationRules.requireOwnImage(prefix, "sha256:" + "a".repeat(64)))
        .hasMessageContaining("not by id");
    assertThatThrownBy(() -> TestIsolationRules.requireOwnImage(prefix, "664adc9d85c6")).hasMessageContaining("not by id");
    assertThatThrownBy(() -> TestIsolationRules.requireOwnImage(prefix, "bt-core-it-fff000-built:1"))
        .hasMessageContaining("not made by this test run");
    TestIsolationRules.requireOwnImage(prefix, prefix + "-built:1");
    TestIsolationRules.requireOwnImage(prefix, "127.0.0.1:5000/" + prefix + "-hello:1");
  }

  /** The repository root: surefire runs in core/, an IDE may run in the root. */
  static Path repositoryRoot() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("core")) ? here : here.getParent();
  }
}
