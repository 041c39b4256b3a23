package io.berth.core.adapter.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.engine.EngineException;
import io.berth.core.result.Failure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Defence in depth: the adapter refuses values outside Docker's grammar itself, before any call.
 * The engine here is a socket that does not exist, so reaching it would say ENGINE_UNREACHABLE.
 */
class EngineInputGrammarTest {
  final DockerJavaEngine engine = new DockerJavaEngine("local", "unix:///nonexistent/berth-no-such.sock");

  @AfterEach
  void close() {
    engine.close();
  }

  static void refused(Executable call, Failure kind, String words) {
    assertThatThrownBy(call::execute).isInstanceOf(EngineException.class)
        .satisfies(e -> assertThat(((EngineException) e).kind()).isEqualTo(kind))
        .hasMessageContaining(words);
  }

  @Test
  void imageValuesOutsideTheGrammarNeverLeave() {
    String path = "x/../../containers/victim";
    refused(() -> engine.removeImage(path, true), Failure.INVALID, "invalid reference format");
    refused(() -> engine.imageExists(path), Failure.INVALID, "invalid reference format");
    refused(() -> engine.pull("localhost:5000/Conf/UPPER", p -> {}), Failure.INVALID,
        "invalid reference format: repository name must be lowercase");
    assertThatThrownBy(() -> engine.build(new io.berth.core.command.Build("x:tag with space", new io.berth.core.command.Build.Directory(".")),
        Path.of("."), p -> {})).hasMessageContaining("invalid reference format");
  }

  @Test
  void containerValuesOutsideTheGrammarNeverLeave() {
    String path = "../containers/victim?force=1";
    List<Executable> calls = List.of(
        () -> engine.resolveContainer(path),
        () -> engine.start(path),
        () -> engine.stop(path, 1),
        () -> engine.restart(path, 1),
        () -> engine.remove(path, true, true),
        () -> engine.waitForExit(path, Duration.ofSeconds(1)),
        () -> engine.logs(path, 1, null, false, 10),
        () -> engine.exec(path, List.of("ls"), Map.of(), null, Duration.ofSeconds(1), 100),
        () -> engine.inspect(path),
        () -> engine.stats(path));
    for (Executable call : calls) refused(call, Failure.NOT_FOUND, "No such container: " + path);
  }

  @Test
  void aValidValueDoesReachTheEngine() {
    refused(() -> engine.removeImage("localhost:5000/app:1", false), Failure.ENGINE_UNREACHABLE, "berth-no-such.sock");
  }

  @Test
  void theOneHandBuiltPathIsEscapedToOneSegment() {
    assertThat(ImageOperations.pathSegment("localhost:5000/team/app:1")).isEqualTo("localhost%3A5000%2Fteam%2Fapp%3A1");
    assertThat(ImageOperations.pathSegment("[::1]:5000/a@sha256:ab")).doesNotContain("/", "[", "]", ":", "@");
  }
}
