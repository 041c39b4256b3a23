package io.berth.core.command;

/**
 * Every command Berth understands, one record each. Surfaces build these through the
 * {@code CommandParser} (text) or directly (buttons, forms); either way they go through
 * {@code CommandService}, which authorizes and audits them.
 */
public sealed interface DockerRequest
    permits Ps, Run, Start, Stop, Restart, Rm, Logs, Exec, Build, Pull, Inspect, Images, Stats,
        Rmi, Help, AuditQuery {

  /** Normalized action name, as used in roles and the audit trail ({@code run}, {@code rm}, ...). */
  String action();

  /** What the request acts on (container, image, tag) or empty for list-like requests. */
  default String target() {
    return "";
  }

  /** True when the request changes engine state; such requests fail closed if audit is down. */
  default boolean mutates() {
    return false;
  }

  /** The container this request acts on, when it acts on exactly one, for scope checks. */
  default java.util.Optional<String> targetContainer() {
    return java.util.Optional.empty();
  }
}
