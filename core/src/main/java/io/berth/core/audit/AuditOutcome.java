package io.berth.core.audit;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The state a record captures. Each attempt has a REQUESTED record and one closing record. A
 * request held by the two-person rule adds, under its own request id, APPROVAL_REQUESTED, then
 * APPROVED (one per approver), REJECTED or EXPIRED, and when approved the REQUESTED and closing
 * records of its run. Every list of outcomes shown or parsed (the {@code audit} command's help,
 * {@code berth audit} filters, the console's outcome filter) is {@link #ids()}.
 */
public enum AuditOutcome {
  REQUESTED, SUCCEEDED, FAILED, DENIED, CONFIRMATION_REQUIRED, INTERRUPTED, APPROVAL_REQUESTED, APPROVED, REJECTED, EXPIRED;

  private static final List<String> IDS = Arrays.stream(values()).map(AuditOutcome::id).toList();

  /** Computed once: every record appended asks for it (it was a lower-casing per call). */
  private final String id = name().toLowerCase(Locale.ROOT);

  public String id() {
    return id;
  }

  /** Every outcome's id, in declaration order: what filters offer and help text lists. */
  public static List<String> ids() {
    return IDS;
  }

  /** The outcome with this id; an unknown one names the known ids. */
  public static AuditOutcome fromId(String id) {
    String key = id == null ? "" : id.toUpperCase(Locale.ROOT);
    for (AuditOutcome o : values()) {
      if (o.name().equals(key)) return o;
    }
    throw new IllegalArgumentException("unknown outcome \"" + id + "\" (known: " + String.join(", ", IDS) + ")");
  }

  /** The ids for picocli's {@code completionCandidates}, so option help lists them ({@code ${COMPLETION-CANDIDATES}}). */
  public static final class Ids implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return IDS.iterator();
    }
  }
}
