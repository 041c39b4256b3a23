package io.berth.web.view;

import java.util.List;

/**
 * A dialog asking for the core's second step: one or more pending requests (bulk actions can
 * produce several) and where the result goes once confirmed.
 */
public record ConfirmView(List<Item> items, String target) {
  public ConfirmView {
    items = List.copyOf(items);
  }

  /** One pending request: its single-use token and the core's prompt. */
  public record Item(String token, String prompt) {}
}
