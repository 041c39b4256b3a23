package io.berth.core.audit;

import java.util.Optional;

/**
 * The append-only side of an audit store: records and checkpoints go in, nothing is changed. The
 * store links each record into the hash chain ({@link AuditRow#link}) under its own write lock, so
 * several processes on one store still build one chain.
 */
public interface AuditLog extends AutoCloseable {

  /**
   * Appends and returns only once the record is durable. Throws {@link AuditUnavailableException}
   * when it cannot be written (read-only, disk full, locked past the timeout).
   */
  void append(AuditEntry entry);

  /** The newest record's seq and hash; after an archive prune, the archived boundary when nothing followed. */
  ChainHead head();

  /**
   * Signs the current head with {@code signer} and stores the checkpoint, chained to the newest one
   * stored, in one step under the write lock. Empty when the newest checkpoint already covers the head.
   */
  Optional<Checkpoint> checkpoint(CheckpointSigner signer);

  /** True when a write would succeed now (for health checks). */
  boolean writable();

  @Override
  void close();
}
