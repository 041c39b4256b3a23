package io.berth.core.audit;

/** The newest link of the chain: seq 0 and the genesis hash when nothing was ever written. */
public record ChainHead(long seq, String hash) {
  public static final ChainHead EMPTY = new ChainHead(0, AuditRow.GENESIS);
}
