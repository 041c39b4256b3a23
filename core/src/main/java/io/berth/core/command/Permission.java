package io.berth.core.command;

/**
 * How much a command can change, which decides the smallest built-in role that may run it:
 * {@code read} → viewer, {@code change} → operator, {@code destructive} → admin.
 */
public enum Permission {
  /** Looks only; still runs when the audit trail is down (the attempt is logged). */
  READ("viewer"),
  /** Changes a container's state but creates or deletes nothing. */
  CHANGE("operator"),
  /** Creates, deletes or runs code: new containers, images, exec, removal. */
  DESTRUCTIVE("admin");

  private final String role;

  Permission(String role) {
    this.role = role;
  }

  /** The built-in role that first includes commands of this class. */
  public String role() {
    return role;
  }

  /** True when a command of this class changes engine state; those fail closed if the audit is down. */
  public boolean mutates() {
    return this != READ;
  }
}
