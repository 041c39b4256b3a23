package io.berth.web.view;

/**
 * The answer to an action, as shown in the page: {@code kind} is ok, denied, failed or info;
 * {@code text} is preformatted output (may be empty).
 */
public record Flash(String kind, String title, String text, String requestId) {
  public static Flash info(String title) {
    return new Flash("info", title, "", null);
  }
}
