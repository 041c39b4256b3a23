package io.berth.core.adapter.jdbc;

/**
 * What a store's group-commit writer did since it started: transactions committed, records in
 * them, and how many of those transactions went in one round trip on the tail the writer already
 * knew ({@link SqlDialect#appendOnTail}) rather than lock, tail read, insert and commit.
 */
public record GroupCommitStats(long commits, long records, long oneRoundTrip) {
  /** Mean records per committed transaction. */
  public double recordsPerCommit() {
    return commits == 0 ? 0 : (double) records / commits;
  }

  public GroupCommitStats minus(GroupCommitStats earlier) {
    return new GroupCommitStats(commits - earlier.commits, records - earlier.records,
        oneRoundTrip - earlier.oneRoundTrip);
  }
}
