package io.berth.core.audit;

import java.time.Instant;

/**
 * Records {@code firstSeq..throughSeq} moved from the live store into the sealed segment file
 * {@code segment} (a name inside the archive directory) whose SHA-256 is {@code segmentSha256};
 * {@code lastHash} is the hash of record {@code throughSeq}, where the live chain continues.
 */
public record ArchivedRange(long firstSeq, long throughSeq, String lastHash, String segment, String segmentSha256,
    Instant time) {}
