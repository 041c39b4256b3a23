package io.berth.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.berth.core.config.ConfigLoader;
import io.berth.core.config.PolicySettings;
import io.berth.core.model.BerthUser;
import io.berth.core.model.Caller;
import io.berth.core.model.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebAccountsTest {
  static final String ALICE_HASH = BCrypt.withDefaults().hashToString(10, "correct horse".toCharArray());

  static PolicySettings withAlice() {
    return ConfigLoader.parse("policy: { users: { alice: { role: operator, web: { login: al, passwordHash: \"" + ALICE_HASH
        + "\" } } } }", Map.of()).policy();
  }

  @Test
  void verifiesConfiguredBcryptHashes() {
    WebAccounts accounts = new WebAccounts(withAlice());
    assertThat(accounts.verify("al", "correct horse")).contains(new BerthUser("alice", "operator"));
    assertThat(accounts.verify("al", "wrong")).isEmpty();
    assertThat(accounts.verify("nobody", "correct horse")).isEmpty();
    assertThat(accounts.verify(null, null)).isEmpty();
  }

  @Test
  void unknownLoginsAreCheckedAgainstAHashOfTheSameVersionAndCostAsNewOnes() {
    // "$2a$12$": the dummy is a constant (no hashing at start-up), so it must follow COST by hand
    String prefix = WebAccounts.hash("anything").substring(0, 7);
    assertThat(WebAccounts.DUMMY_HASH).startsWith(prefix);
    assertThat(BCrypt.verifyer().verify("not-a-password".toCharArray(), WebAccounts.DUMMY_HASH).verified).isTrue();
  }

  @Test
  void webIdentityIsTheLogin() {
    ConfiguredPolicy policy = new ConfiguredPolicy(withAlice());
    assertThat(policy.identify(new Caller(Source.WEB, "al", null, null))).contains(new BerthUser("alice", "operator"));
    assertThat(policy.identify(new Caller(Source.WEB, "alice", null, null))).isEmpty();
  }

  @Test
  void noBootstrapAdminWhenAWebUserIsConfigured(@TempDir Path data) {
    assertThat(new WebAccounts(withAlice()).ensureBootstrapAdmin(data)).isEmpty();
    assertThat(data.resolve(WebAccounts.BOOTSTRAP_FILE)).doesNotExist();
  }

  @Test
  void bootstrapAdminIsCreatedOnceStoringOnlyTheHash(@TempDir Path data) throws Exception {
    PolicySettings none = ConfigLoader.parse("", Map.of()).policy();
    WebAccounts first = new WebAccounts(none);
    Optional<String> password = first.ensureBootstrapAdmin(data);
    assertThat(password).isPresent();
    assertThat(password.get()).hasSizeGreaterThanOrEqualTo(20);
    String stored = Files.readString(data.resolve(WebAccounts.BOOTSTRAP_FILE)).strip();
    assertThat(stored).doesNotContain(password.get()).startsWith("$2a$12$");
    assertThat(first.verify("admin", password.get())).contains(new BerthUser("admin", "admin"));
    assertThat(new ConfiguredPolicy(none, first).identify(new Caller(Source.WEB, "admin", null, null)))
        .contains(new BerthUser("admin", "admin"));

    // next start: the file is there, the password is not shown again, and it still works
    WebAccounts second = new WebAccounts(none);
    assertThat(second.ensureBootstrapAdmin(data)).isEmpty();
    assertThat(second.verify("admin", password.get())).isPresent();
    assertThat(second.verify("admin", "guess")).isEmpty();
  }

  @Test
  void aBootstrapFileWithoutAHashIsRefused(@TempDir Path data) throws Exception {
    Files.writeString(data.resolve(WebAccounts.BOOTSTRAP_FILE), "plain-password\n");
    WebAccounts accounts = new WebAccounts(ConfigLoader.parse("", Map.of()).policy());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> accounts.ensureBootstrapAdmin(data))
        .hasMessageContaining("does not hold a bcrypt hash; delete it");
    assertThat(accounts.verify("admin", "plain-password")).isEmpty();
  }

  @Test
  void hashesAreBcryptWithCostAtLeastTen() {
    String h = WebAccounts.hash("pw");
    assertThat(h).matches("\\$2a\\$(1[0-9]|[2-9][0-9])\\$.{53}");
    assertThat(BCrypt.verifyer().verify("pw".toCharArray(), h).verified).isTrue();
  }
}
