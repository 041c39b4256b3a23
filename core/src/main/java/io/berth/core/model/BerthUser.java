package io.berth.core.model;

import java.util.Objects;

/** A person known to Berth, linked to one or more platform identities by the policy. */
public record BerthUser(String name, String role) {
  public BerthUser {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
  }
}
