package io.berth.core.policy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.berth.core.config.PolicySettings;
import io.berth.core.model.BerthUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Web console logins: bcrypt hashes from the configuration, plus a bootstrap {@code admin} whose
 * hash is generated into the data directory when no web user is configured.
 */
public final class WebAccounts {
  public static final String BOOTSTRAP_LOGIN = "admin";
  public static final String BOOTSTRAP_FILE = "web-admin.hash";
  public static final int COST = 12;
  private static final SecureRandom RANDOM = new SecureRandom();
  // Verified against for unknown logins, so they take as long as known ones. A constant (bcrypt of
  // "not-a-password" at COST): hashing it here cost every CLI call ~0.3 s of start-up; it opens no account.
  static final String DUMMY_HASH = "$2a$12$/p9tOjdXWdaVbeGmPzjE4.J88GcWkCMnltyZjIKPEEXYOpRgiPNFq";

  /** A console login and the Berth user it signs in as. */
  public record Account(String login, BerthUser user, String passwordHash) {
    @Override
    public String toString() {
      return "Account[login=" + login + ", user=" + user + "]";
    }
  }

  private final Map<String, Account> byLogin = new ConcurrentHashMap<>();
  private final boolean configured;

  public WebAccounts(PolicySettings settings) {
    settings.users().forEach((name, u) -> {
      if (u.web() != null) {
        byLogin.put(u.web().login(), new Account(u.web().login(), new BerthUser(name, u.role()), u.web().passwordHash()));
      }
    });
    configured = !byLogin.isEmpty();
  }

  /** The user a login signs in as, without checking a password (for sessions already established). */
  public Optional<BerthUser> user(String login) {
    Account a = login == null ? null : byLogin.get(login);
    return a == null ? Optional.empty() : Optional.of(a.user());
  }

  /** Checks a password; unknown logins cost the same bcrypt work as known ones. */
  public Optional<BerthUser> verify(String login, String password) {
    Account a = login == null ? null : byLogin.get(login);
    char[] pw = (password == null ? "" : password).toCharArray();
    if (a == null) {
      BCrypt.verifyer().verify(pw, DUMMY_HASH);
      return Optional.empty();
    }
    return BCrypt.verifyer().verify(pw, a.passwordHash()).verified ? Optional.of(a.user()) : Optional.empty();
  }

  public boolean isEmpty() {
    return byLogin.isEmpty();
  }

  /**
   * With no configured web user: loads {@code <dataDir>/web-admin.hash}, or creates it with a new
   * random password and returns that password (once, for the launcher to print). Only the hash is stored.
   */
  public Optional<String> ensureBootstrapAdmin(Path dataDir) {
    if (configured) return Optional.empty();
    Path file = dataDir.resolve(BOOTSTRAP_FILE);
    try {
      if (Files.isRegularFile(file)) {
        String hash = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!hash.matches("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
          throw new IllegalStateException(file + " does not hold a bcrypt hash; delete it and restart to create a new admin password");
        }
        byLogin.put(BOOTSTRAP_LOGIN, bootstrap(hash));
        return Optional.empty();
      }
      byte[] bytes = new byte[18];
      RANDOM.nextBytes(bytes);
      String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      String hash = hash(password);
      Files.createDirectories(dataDir);
      Path tmp = Files.createTempFile(dataDir, BOOTSTRAP_FILE, ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system; the data directory's own permissions apply
      }
      Files.writeString(tmp, hash + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      byLogin.put(BOOTSTRAP_LOGIN, bootstrap(hash));
      return Optional.of(password);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the bootstrap admin in " + dataDir, e);
    }
  }

  /** A bcrypt hash of {@code password} at cost {@value #COST} (for {@code ./berth hash-password}). */
  public static String hash(String password) {
    return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
  }

  private static Account bootstrap(String hash) {
    return new Account(BOOTSTRAP_LOGIN, new BerthUser(BOOTSTRAP_LOGIN, "admin"), hash);
  }
}
