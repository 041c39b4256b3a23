package io.berth.core.audit;

import io.berth.core.testing.InMemoryAuditTrail;
import java.util.List;
import java.util.function.UnaryOperator;

/** The audit store contract on the in-memory fake other core tests use. */
class InMemoryAuditLogTest extends AuditLogContract {
  private final InMemoryAuditTrail store = new InMemoryAuditTrail();

  @Override
  protected AuditTrail open() {
    return store; // close() is a no-op: the same store survives a "restart"
  }

  @Override
  protected void deleteNewest(int count) {
    store.tamper(rows -> rows.subList(0, rows.size() - count));
  }

  @Override
  protected void rewriteRows(UnaryOperator<List<AuditRow>> change) {
    store.tamper(change);
  }

  @Override
  protected Object copy() {
    return store.copy();
  }

  @Override
  protected void replaceWith(Object copy) {
    store.replaceWith((InMemoryAuditTrail) copy);
  }
}
