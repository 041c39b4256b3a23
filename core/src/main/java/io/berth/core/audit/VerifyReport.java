package io.berth.core.audit;

import java.util.List;

/** Result of walking the hash chain: ok when {@code problems} is empty. */
public record VerifyReport(long recordsChecked, List<String> problems) {
  public VerifyReport {
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
