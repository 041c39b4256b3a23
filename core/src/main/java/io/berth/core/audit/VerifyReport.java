package io.berth.core.audit;

import java.util.List;

/**
 * Result of verifying the trail: ok when {@code problems} is empty. {@code notes} say what was
 * checked and what could not be (no public key, records newer than the last checkpoint).
 */
public record VerifyReport(long recordsChecked, List<String> problems, List<String> notes) {
  public VerifyReport {
    problems = List.copyOf(problems);
    notes = List.copyOf(notes);
  }

  public VerifyReport(long recordsChecked, List<String> problems) {
    this(recordsChecked, problems, List.of());
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
