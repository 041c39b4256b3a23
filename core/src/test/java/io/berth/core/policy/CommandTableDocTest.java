package io.berth.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.config.PolicySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The role table in docs/commands.md says what the built-in roles really allow. */
class CommandTableDocTest {
  @Test
  void documentedRoleTableMatchesTheBuiltInRoles() throws Exception {
    List<String> rows = Files.readAllLines(Path.of("..", "docs", "commands.md")).stream()
        .filter(l -> l.matches("\\| `[a-z-]+` \\|( ✓ \\|| \\|){3}.*")).toList();
    assertThat(rows).hasSize(PolicySettings.KNOWN_COMMANDS.size());
    List<String> roles = List.of("viewer", "operator", "admin");
    for (String row : rows) {
      String[] cells = row.split("\\|", -1);
      String command = cells[1].strip().replace("`", "");
      for (int i = 0; i < roles.size(); i++) {
        boolean documented = cells[2 + i].contains("✓");
        assertThat(documented).as(roles.get(i) + " " + command)
            .isEqualTo(PolicySettings.BUILT_IN_ROLES.get(roles.get(i)).contains(command));
      }
      boolean confirm = cells[5].contains("yes");
      assertThat(confirm).as("confirm " + command).isEqualTo(PolicySettings.Confirm.DEFAULTS.commands().contains(command));
    }
  }
}
