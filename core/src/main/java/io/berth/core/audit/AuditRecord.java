package io.berth.core.audit;

/** A stored entry: its sequence number and its link in the hash chain. */
public record AuditRecord(long seq, AuditEntry entry, String prevHash, String hash) {}
