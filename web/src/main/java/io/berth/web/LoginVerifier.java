package io.berth.web;

/**
 * Checks a web login and password against the configured accounts (bcrypt hashes). The
 * launcher adapts {@code io.berth.core.policy.WebAccounts} to this.
 */
@FunctionalInterface
public interface LoginVerifier {
  /** True only when the login exists and the password matches its hash. */
  boolean verify(String login, String password);
}
