package io.berth.web.view;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The context a console page shows ({@code ?context=NAME}; {@code all} on the containers list: every one, with a
 * Context column), the ones there are, and the default. Rows and pages of the default context look as with one
 * engine (ids {@code c-ID}, links without a context); those of another carry it in their element ids, links
 * ({@code ?context=CTX}) and action ids ({@code CTX/ID}, the core's target form), so an action lands on the engine the
 * row came from.
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

  /** The contexts shown: the selected one, or every one for {@code all}. */
  public List<String> shown() {
    return all() ? contexts : List.of(selected);
  }

  /** The context a row carries in its ids, or null for the default context (its ids are plain, as with one engine). */
  public String carried(String rowContext) {
    return rowContext == null || rowContext.equals(defaultContext) ? null : rowContext;
  }

  /** {@code &context=NAME} for links and the live stream; empty for the default. */
  public String query() {
    return selected.equals(defaultContext) ? "" : "&context=" + enc(selected);
  }

  /** A container's page: {@code /containers/ID}, with {@code ?context=CTX} outside the default context. */
  public static String containerPath(String context, String id) {
    return "/containers/" + id + (context == null ? "" : "?context=" + enc(context));
  }

  /** {@code ?context=CTX} (or {@code &…} with {@code lead} '&') for a context carried in a URL; empty for none. */
  public static String param(String context, char lead) {
    return context == null ? "" : lead + "context=" + enc(context);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
