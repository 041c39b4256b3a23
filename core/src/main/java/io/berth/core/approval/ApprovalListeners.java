package io.berth.core.approval;

import io.berth.core.model.Subscription;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Who watches an {@link ApprovalStore}: every store tells them the same way, one failing listener never the rest. */
final class ApprovalListeners {
  private static final Logger log = LoggerFactory.getLogger(ApprovalListeners.class);
  private final List<Consumer<ApprovalRequest>> listeners = new CopyOnWriteArrayList<>();

  Subscription add(Consumer<ApprovalRequest> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  boolean isEmpty() {
    return listeners.isEmpty();
  }

  void tell(ApprovalRequest r) {
    for (Consumer<ApprovalRequest> l : listeners) {
      try {
        l.accept(r);
      } catch (RuntimeException e) {
        log.warn("approval listener failed for {}: {}", r.id(), e.toString());
      }
    }
  }
}
