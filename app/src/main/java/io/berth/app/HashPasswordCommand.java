package io.berth.app;

import io.berth.core.policy.WebAccounts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ./berth hash-password}: reads a password (hidden on a terminal, else one line of stdin)
 * and prints its bcrypt hash for {@code policy.users.NAME.web.passwordHash}. The password is never
 * an argument, so it stays out of shell history and process lists.
 */
@Command(name = "hash-password", description = "Print a bcrypt hash for a web login (reads the password from the terminal or stdin).")
final class HashPasswordCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    String password;
    java.io.Console console = System.console();
    if (console != null) {
      char[] first = console.readPassword("Password: ");
      char[] again = console.readPassword("Again: ");
      if (first == null || again == null || !java.util.Arrays.equals(first, again)) {
        throw new UserFacingException("the passwords differ", 1);
      }
      password = new String(first);
    } else {
      password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
    if (password == null || password.length() < 12) {
      throw new UserFacingException("use a password of at least 12 characters", 1);
    }
    spec.commandLine().getOut().println(WebAccounts.hash(password));
    return 0;
  }
}
