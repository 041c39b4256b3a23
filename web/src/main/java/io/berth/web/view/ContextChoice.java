package io.berth.web.view;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The containers page's context switcher ({@code ?context=NAME}): the context shown ({@code all}: every one, with a
 * Context column), the ones there are, and the default. Rows of the default context are shown as with one engine
 * (live, linked to their page); rows of another carry their context in their action ids ({@code CTX/ID}, the core's
 * target form), so an action lands on the engine the row came from.
 */
public record ContextChoice(String selected, List<String> contexts, String defaultContext) {
  public static final String ALL = "all";

  public ContextChoice {
    contexts = List.copyOf(contexts);
  }

  public boolean several() {
    return contexts.size() > 1;
  }

  public boolean all() {
    return ALL.equals(selected);
  }

  /** Live updates follow the default context's events only, so only its own view is live. */
  public boolean live() {
    return selected.equals(defaultContext);
  }

  /** The context a row carries in its ids, or null for the default context (its ids are plain, as with one engine). */
  public String carried(String rowContext) {
    return rowContext.equals(defaultContext) ? null : rowContext;
  }

  /** {@code &context=NAME} for links and the live stream; empty for the default. */
  public String query() {
    return selected.equals(defaultContext) ? "" : "&context=" + URLEncoder.encode(selected, StandardCharsets.UTF_8);
  }
}
