package io.berth.core.result;

/** {@code pull} result: the final status line docker prints, e.g. the digest. */
public record PullOutput(String image, String status) implements Result {}
