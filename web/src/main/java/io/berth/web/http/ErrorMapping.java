package io.berth.web.http;

import io.berth.core.LogSafe;
import io.berth.web.view.Flash;
import io.berth.web.view.Views;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place unexpected exceptions become a response: logged with a request id, shown to the
 * user as that id and a sentence, never as a stack trace or a class name. (Javalin answers its
 * own refusals, e.g. 413 for an oversized body, with the status's reason phrase before this
 * runs; {@code ConsoleHardeningHttpTest} checks that those name no classes either.)
 */
public final class ErrorMapping {
  private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);
  private final Views views;

  public ErrorMapping(Views views) {
    this.views = views;
  }

  public void handle(Exception e, Context ctx) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    try {
      log.error("web request {} {} {} failed", id, ctx.method(), LogSafe.quote(ctx.path()), e);
    } catch (RuntimeException gone) {
      // the request was already recycled (a stream the browser left): nothing to answer
      log.debug("exception after the request ended: {}", e.toString());
      return;
    }
    try {
      ctx.status(HttpStatus.INTERNAL_SERVER_ERROR);
      Flash flash = new Flash("failed", "Something went wrong",
          "The server hit an error; it is logged as request " + id + ".", id);
      if (Htmx.isHtmx(ctx)) {
        views.fragment(ctx, "outcomes", Map.of("flashes", List.of(flash), "confirm", Optional.empty()));
      } else {
        views.page(ctx, "error", Map.of("flash", flash));
      }
    } catch (RuntimeException again) {
      try {
        ctx.contentType("text/plain").result("Internal error (request " + id + ").");
      } catch (RuntimeException gone) {
        // response already gone
      }
    }
  }

}
