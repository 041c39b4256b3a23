package io.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.testing.RecordingContainerEngine;
import io.berth.web.testing.ConsoleFixture;
import io.berth.web.testing.WebClient;
import io.berth.web.view.Assets;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's own files and its webjars (htmx), as a browser loads them before signing in: served from the
 * class path with their types and the console's security headers, and nothing else of the class path.
 */
class StaticFilesHttpTest {
  private ConsoleFixture fx;

  @BeforeEach
  void start() {
    fx = new ConsoleFixture(new RecordingContainerEngine());
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void consoleFilesAndWebjarsAreServedWithTheirTypes() {
    WebClient anonymous = new WebClient(fx.base());
    assertServed(anonymous.get("/static/berth.css"), "text/css", "--");
    assertServed(anonymous.get("/static/berth.js"), "javascript", "htmx");
    assertServed(anonymous.get(Assets.htmx()), "javascript", "htmx");
    assertServed(anonymous.get(Assets.sse()), "javascript", "sse");
  }

  @Test
  void nothingElseOfTheClassPathIsReachable() {
    WebClient anonymous = new WebClient(fx.base());
    for (String path : new String[] {"/static/nope.js", "/static/../logback.xml", "/static/%2e%2e/META-INF/MANIFEST.MF",
        "/static/..%2fMETA-INF/MANIFEST.MF", "/webjars/../META-INF/MANIFEST.MF", "/static/", "/io/berth/web/WebConsole.class",
        "/static/../io/berth/web/WebConsole.class"}) {
      HttpResponse<String> r = anonymous.get(path);
      assertThat(r.statusCode()).as(path).isNotEqualTo(200);
      assertThat(r.body()).as(path).doesNotContain("Manifest-Version").doesNotContain("\u00ca\u00fe\u00ba\u00be");
    }
  }

  private static void assertServed(HttpResponse<String> r, String type, String text) {
    assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).get().asString().contains(type);
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.body()).contains(text);
  }
}
