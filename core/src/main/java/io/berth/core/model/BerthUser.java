package io.berth.core.model;

import java.util.Objects;

/**
 * A person known to Berth, linked to one or more platform identities by the policy. {@code context} is the context
 * (endpoint) they act in, with {@code role} their role there ({@code AccessPolicy.inContext}); null until a request
 * has one, when the policy's context-free settings apply.
 */
public record BerthUser(String name, String role, String context) {
  public BerthUser {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
  }

  /** Not yet in a context. */
  public BerthUser(String name, String role) {
    this(name, role, null);
  }
}
