package io.berth.core.audit;

/**
 * Somewhere outside the audit store that keeps a copy of each checkpoint (a file on other storage,
 * a chat channel), so a store replaced by an older copy, or truncated together with its checkpoint
 * table, is still caught. A witness that fails is logged; it never stops a command.
 */
public interface CheckpointWitness {
  /** A short name for logs ("file /mnt/witness/berth.jsonl"). */
  String describe();

  void witness(Checkpoint checkpoint) throws Exception;
}
