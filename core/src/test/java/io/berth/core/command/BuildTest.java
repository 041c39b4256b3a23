package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.engine.EngineException;
import io.berth.core.language.CommandSyntaxException;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.language.SecretMasking;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.BuildOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** build's docker flags: -f inside the context, --build-arg masked, --target, --label, --no-cache, --pull, -q, no -t. */
class BuildTest {
  final PicocliCommandLanguage language = new PicocliCommandLanguage();

  @Test
  void parsesEveryFlag() {
    Build b = (Build) language.parse("build -t app:1 -f docker/Dockerfile.prod --build-arg VERSION=1.2 --build-arg TOKEN=s3cr3t "
        + "--target final --label team=pay --no-cache --pull -q ctx");
    assertThat(b).isEqualTo(new Build("app:1", new Build.Directory("ctx"), new Build.Options("docker/Dockerfile.prod",
        Map.of("VERSION", "1.2", "TOKEN", "s3cr3t"), "final", Map.of("team", "pay"), true, true, true)));
    assertThat(language.parse("build --file=D --quiet ctx")).isEqualTo(new Build(List.of(), new Build.Directory("ctx"),
        new Build.Options("D", Map.of(), null, Map.of(), false, false, true)));
  }

  @Test
  void buildArgValuesAreMaskedInCanonicalTextAndInEchoedText() {
    Build b = (Build) language.parse("build -t app:1 --build-arg TOKEN=s3cr3t --build-arg=B=x ctx");
    assertThat(language.describe(b)).isEqualTo("build -t app:1 --build-arg TOKEN=*** --build-arg B=*** ctx");
    assertThat(SecretMasking.mask("build -q --build-arg TOKEN=s3cr3t -f D --build-arg=B=s3cr3t ctx")).doesNotContain("s3cr3t");
  }

  @Test
  void describeRoundTripsWithoutSecrets() {
    String text = "build -f D --target t --label a=1 --no-cache --pull -q ctx";
    assertThat(language.describe(language.parse(text))).isEqualTo(text);
    assertThat(language.parse(language.describe(language.parse(text)))).isEqualTo(language.parse(text));
  }

  @Test
  void withoutATagTheTargetIsTheContextAndNoImageNameIsChecked() {
    Build b = (Build) language.parse("build ctx");
    assertThat(Catalog.bind(b).target()).isEqualTo("ctx");
    assertThat(Catalog.bind(b).images()).isEmpty();
    assertThat(Catalog.bind(b).progressIsOutput()).isTrue();
    assertThat(Catalog.bind(language.parse("build -q ctx")).progressIsOutput()).isFalse();
  }

  @Test
  void everyTagIsKeptInOrderAndEachIsPrintedAsDockerTagsIt() {
    Build b = (Build) language.parse("build -t app:1 --tag app:2 -t localhost:5000/app:3 ctx");
    assertThat(b.tags()).containsExactly("app:1", "app:2", "localhost:5000/app:3");
    assertThat(b.tag()).isEqualTo("app:1");
    assertThat(language.describe(b)).isEqualTo("build -t app:1 -t app:2 -t localhost:5000/app:3 ctx");
    assertThat(language.parse(language.describe(b))).isEqualTo(b);
    assertThat(Catalog.bind(b).images()).containsExactly("app:1", "app:2", "localhost:5000/app:3");
    assertThat(Catalog.bind(b).target()).isEqualTo("app:1 app:2 localhost:5000/app:3");
    assertThatThrownBy(() -> language.parse("build -t app:1 -t 'BAD TAG' ctx")).hasMessageContaining("invalid reference format");
    // the engine's log says "Successfully tagged" once per tag; a log that lacks them gets them in -t order
    assertThat(new PlainTextRenderer().build(new BuildOutput("sha256:0123", List.of("app:1", "app:2"),
        List.of("Successfully built 0123456789ab"), false)))
        .isEqualTo("Successfully built 0123456789ab\nSuccessfully tagged app:1\nSuccessfully tagged app:2\n");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      build --build-arg TOKEN ctx            | TOKEN has no value
      build --build-arg '1X=y' ctx           | bad build-arg name
      build --target '1bad' ctx              | bad --target
      build --target 'a b' ctx               | bad --target
      build -f '' ctx                        | bad -f
      build -t 'BAD TAG' ctx                 | invalid reference format
      """)
  void badValuesAreRefusedNamingTheFix(String text, String message) {
    assertThatThrownBy(() -> language.parse(text)).isInstanceOf(RuntimeException.class).hasMessageContaining(message);
  }

  @Test
  void theDockerfileMustBeAFileInsideTheContext(@TempDir Path tmp) throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx")).toRealPath();
    Files.createDirectories(ctx.resolve("docker"));
    Files.writeString(ctx.resolve("docker/Dockerfile.prod"), "FROM x\n");
    Files.writeString(tmp.resolve("Dockerfile.outside"), "FROM x\n");
    Files.createSymbolicLink(ctx.resolve("link"), tmp.resolve("Dockerfile.outside"));
    assertThat(Build.dockerfileIn(ctx, "docker/Dockerfile.prod")).isEqualTo("docker/Dockerfile.prod");
    assertThat(Build.dockerfileIn(ctx, ctx.resolve("docker/Dockerfile.prod").toString())).isEqualTo("docker/Dockerfile.prod");
    assertThat(Build.dockerfileIn(ctx, "./docker/../docker/Dockerfile.prod")).isEqualTo("docker/Dockerfile.prod");
    assertThat(Build.dockerfileIn(ctx, null)).isNull();
    for (String hostile : List.of("../Dockerfile.outside", tmp.resolve("Dockerfile.outside").toString(), "link", "/etc/passwd",
        "missing", "docker", "docker/../../Dockerfile.outside")) {
      assertThatThrownBy(() -> Build.dockerfileIn(ctx, hostile)).as(hostile).isInstanceOf(EngineException.class)
          .hasMessageContaining("-f " + hostile);
    }
  }

  @Test
  void theLogIsPrintedOnceAndQuietPrintsOnlyTheId() {
    PlainTextRenderer r = new PlainTextRenderer();
    List<String> log = List.of("Step 1/1 : FROM x", "Successfully built 0123456789ab", "Successfully tagged app:1");
    assertThat(r.build(new BuildOutput("sha256:0123", "app:1", log)))
        .isEqualTo("Step 1/1 : FROM x\nSuccessfully built 0123456789ab\nSuccessfully tagged app:1\n");
    assertThat(r.build(new BuildOutput("sha256:0123", "app:1", log, true))).isEqualTo("sha256:0123\n");
    assertThat(r.build(new BuildOutput("sha256:0123", null, log.subList(0, 2)))).doesNotContain("tagged");
  }
}
