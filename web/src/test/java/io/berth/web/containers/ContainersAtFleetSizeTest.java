package io.berth.web.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.EngineException;
import io.berth.core.engine.Engines;
import io.berth.core.result.ContainerEvent;
import io.berth.core.result.Failure;
import io.berth.core.testing.RecordingContainerEngine;
import io.berth.web.ConsoleSettings;
import io.berth.web.testing.ConsoleFixture;
import io.berth.web.testing.SseMessages;
import io.berth.web.testing.WebClient;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The containers list at fleet size: 5,000 containers across three contexts (the core test-jar's engine fake), paged,
 * filtered and counted on the server; live updates that touch only the rows of the page shown; the container page of
 * a context other than the default.
 */
class ContainersAtFleetSizeTest {
  static final List<String> CONTEXTS = List.of("east", "north", "west");
  final Map<String, RecordingContainerEngine> engines = new LinkedHashMap<>();
  ConsoleFixture fx;
  WebClient c;

  /** 5,000 containers: svc-0000… dealt round the three contexts, every tenth running, the rest exited. */
  void start(boolean northDown) {
    for (String ctx : CONTEXTS) engines.put(ctx, new RecordingContainerEngine());
    for (int i = 0; i < 5000; i++) {
      String ctx = CONTEXTS.get(i % 3);
      engines.get(ctx).with(id(ctx, i), String.format("svc-%04d", i), i % 10 == 0 ? "running" : "exited",
          Map.of("berth.test", "true"));
    }
    Map<String, ContainerEngine> byContext = new LinkedHashMap<>();
    engines.forEach((name, e) -> byContext.put(name, northDown && name.equals("north") ? down(e) : e));
    fx = new ConsoleFixture(new Engines(byContext, "east", List.of()), ConsoleSettings.DEFAULTS, Clock.systemUTC());
    c = new WebClient(fx.base());
    c.login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
  }

  static String id(String ctx, int i) {
    return String.format("%s%060d", ctx.substring(0, 1).equals("e") ? "e0e0" : ctx.startsWith("n") ? "a0a0" : "b0b0", i);
  }

  @AfterEach
  void stop() {
    if (fx != null) fx.close();
  }

  static List<String> rowIds(String html) {
    List<String> ids = new ArrayList<>();
    Matcher m = Pattern.compile("<tr id=\"(c-[^\"]+)\"").matcher(html);
    while (m.find()) ids.add(m.group(1));
    return ids;
  }

  static List<String> names(String html) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("data-name=\"([^\"]+)\"").matcher(html);
    while (m.find()) out.add(m.group(1));
    return out;
  }

  @Test
  void allContextsArePagedSortedAndCountedOnTheServer() {
    start(false);
    String first = c.get("/containers?context=all").body();
    assertThat(rowIds(first)).hasSize(100);
    assertThat(first).contains("<span id=\"count\" class=\"count\">1–100 of 5,000</span>").contains("id=\"page-next\"")
        .doesNotContain("id=\"page-prev\"").contains("Page 1 of 50");
    // (context, name): east's first 100 names in order
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 5000 && expected.size() < 100; i += 3) expected.add(String.format("svc-%04d", i));
    assertThat(names(first)).containsExactlyElementsOf(expected);

    String second = c.get("/containers?context=all&page=2").body();
    assertThat(second).contains("101–200 of 5,000").contains("id=\"page-prev\"");
    assertThat(rowIds(second)).hasSize(100).doesNotContainAnyElementsOf(rowIds(first));

    String last = c.get("/containers?context=all&page=50").body();
    assertThat(last).contains("4,901–5,000 of 5,000").doesNotContain("id=\"page-next\"");
    assertThat(names(last)).last().isEqualTo("svc-4997"); // west's last: 4997 = 2 mod 3
    assertThat(last).contains("id=\"c-west-" + id("west", 4997) + "\"");
    assertThat(c.get("/containers?context=all&page=999").body()).as("past the end: the last page").contains("4,901–5,000 of 5,000");

    assertThat(c.get("/containers?context=all&page=0").statusCode()).isEqualTo(400);
    assertThat(c.get("/containers?context=all&page=x").body()).contains("page must be a whole number");
  }

  @Test
  void theFilterBoxAndStateGoToTheServer() {
    start(false);
    String running = c.get("/containers?context=all&state=running").body();
    assertThat(running).contains("1–100 of 500");
    assertThat(running).doesNotContain("data-state=\"exited\"");
    String named = c.get("/containers?context=all&q=svc-12").body(); // svc-12xx: 100 of them
    assertThat(named).contains("1–100 of 100").doesNotContain("id=\"pager\"");
    assertThat(names(named)).allMatch(n -> n.startsWith("svc-12"));
    String oneContext = c.get("/containers?context=west&q=svc-12&state=running").body(); // 1200..1290 by 10, = 2 mod 3
    assertThat(names(oneContext)).containsExactly("svc-1220", "svc-1250", "svc-1280");
    assertThat(oneContext).contains("1–3 of 3");
    // the form sends q and state as the user types (debounced), and the live stream follows the same query
    assertThat(running).contains("name=\"q\"").contains("delay:300ms")
        .contains("sse-connect=\"/containers/events?q=&amp;state=running&amp;label=&amp;context=all&amp;page=1\"");
  }

  @Test
  void aContextThatDoesNotAnswerIsOneLineWhileTheOthersRender() {
    start(true);
    String page = c.get("/containers?context=all").body();
    assertThat(page).contains("context north: Cannot connect to the Docker daemon (test)");
    assertThat(page).contains("1–100 of 3,333"); // east 1,667 + west 1,666
    assertThat(page).doesNotContain("c-north-");
  }

  @Test
  void liveUpdatesTouchOnlyTheRowsOfThePageShownAndTheCounts() throws Exception {
    start(false);
    // page 2 of all: east's rows 101–200 (svc-0300 … svc-0597)
    try (SseMessages sse = new SseMessages(c, "/containers/events?context=all&page=2")) {
      sse.next("ready");
      // a container of page 1 and one of another context change: nothing for this page (the counts stay)
      engines.get("east").emit(event(id("east", 3), "svc-0003", "start"));
      engines.get("west").emit(event(id("west", 302), "svc-0302", "start"));
      // one of this page changes: its row is replaced, in place
      engines.get("east").emit(event(id("east", 303), "svc-0303", "start"));
      SseMessages.Message m = sse.next("container");
      assertThat(m.data()).contains("id=\"c-" + id("east", 303) + "\"").contains("hx-swap-oob=\"true\"").contains(">running<")
          .doesNotContain(id("east", 3) + "\"").doesNotContain(id("west", 302));
      assertThat(rowIds(m.data())).hasSize(1);

      // a new container that sorts into the page shows up in its place; the page's last row moves on
      engines.get("east").emit(new ContainerEvent(Instant.now(), "e0e0new", "svc-0400a", "create", null,
          Map.of("image", "busybox", "name", "svc-0400a")));
      m = sse.next("container");
      assertThat(m.data()).contains("beforebegin:#c-" + id("east", 402)).contains("data-name=\"svc-0400a\"")
          .contains("<tr id=\"c-" + id("east", 597) + "\" hx-swap-oob=\"delete\">")
          .contains("<span id=\"count\" class=\"count\" hx-swap-oob=\"true\">101–200 of 5,001</span>");

      // one of a later page is removed: the counts alone
      engines.get("west").emit(event(id("west", 4997), "svc-4997", "destroy"));
      m = sse.next("container");
      assertThat(rowIds(m.data())).isEmpty();
      assertThat(m.data()).contains("101–200 of 5,000");
    }
  }

  @Test
  void aNonDefaultContextsRowsAreLiveWithTheirContextInTheirIds() throws Exception {
    start(false);
    String page = c.get("/containers?context=north&q=svc-000").body();
    assertThat(page).contains("sse-connect=\"/containers/events?q=svc-000&amp;state=all&amp;label=&amp;context=north&amp;page=1\"")
        .doesNotContain("not live");
    try (SseMessages sse = new SseMessages(c, "/containers/events?q=svc-000&context=north")) {
      sse.next("ready");
      engines.get("north").emit(new ContainerEvent(Instant.now(), id("north", 1), "svc-0001", "die", 2, Map.of()));
      assertThat(sse.next("container").data()).contains("id=\"c-north-" + id("north", 1) + "\"")
          .contains("value=\"north/" + id("north", 1).substring(0, 12) + "\"").contains("Exited (2)");
    }
  }

  @Test
  void theContainerPageWorksInAnotherContextAndItsButtonsCarryIt() {
    start(false);
    String id = id("west", 2);
    assertThat(c.get("/containers/" + id).statusCode()).as("not in the default context").isEqualTo(404);
    HttpResponse<String> r = c.get("/containers/" + id + "?context=west");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("svc-0002").contains("value=\"west/" + id.substring(0, 12) + "\"")
        .contains("/containers/" + id + "/stats?context=west").contains("/containers/" + id + "/logs?tail=200&amp;context=west")
        .contains("data-url=\"/containers/" + id + "/logs/follow?context=west\"")
        .contains("/containers/" + id + "/timeline?context=west");
    // the list links it so
    assertThat(c.get("/containers?context=west&q=svc-0002").body()).contains("href=\"/containers/" + id + "?context=west\"");

    String talker = engines.get("west").printed("talker", List.of("hello from west"), List.of());
    assertThat(c.get("/containers/" + talker + "/logs?tail=200&context=west").body()).contains("hello from west");
    assertThat(c.get("/containers/" + talker + "/logs?tail=200").body()).doesNotContain("hello from west");
    assertThat(c.get("/containers/" + id + "/timeline?context=west").statusCode()).isEqualTo(200);
    assertThat(c.post("/containers/action", Map.of("action", "start", "ids", "west/" + id.substring(0, 12))).statusCode())
        .isEqualTo(200);
    assertThat(engines.get("west").mutatingCalls()).containsExactly("start " + id);
    assertThat(engines.get("east").mutatingCalls()).isEmpty();

    assertThat(c.get("/containers/" + id + "?context=qa").statusCode()).isEqualTo(400);
    assertThat(c.get("/containers/" + id + "?context=all").statusCode()).as("one container is in one context").isEqualTo(400);
  }

  static ContainerEvent event(String id, String name, String action) {
    return new ContainerEvent(Instant.now(), id, name, action, null, Map.of("name", name));
  }

  /** The engine as a down endpoint answers the list. */
  static ContainerEngine down(ContainerEngine engine) {
    return (ContainerEngine) Proxy.newProxyInstance(ContainerEngine.class.getClassLoader(), new Class<?>[] {ContainerEngine.class},
        (proxy, method, args) -> {
          if (method.getName().equals("listContainers")) {
            throw new EngineException(Failure.ENGINE_UNREACHABLE, "Cannot connect to the Docker daemon (test)");
          }
          try {
            return method.invoke(engine, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
