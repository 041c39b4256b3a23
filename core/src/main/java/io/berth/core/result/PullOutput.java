package io.berth.core.result;

import io.berth.core.render.PlainTextRenderer;

/**
 * {@code pull} result: the final status line docker prints (e.g. "Status: Downloaded newer image for …") and
 * the fully qualified reference it prints last, which scripts read ({@code docker.io/library/busybox:latest}).
 */
public record PullOutput(String image, String status, String reference) implements Result {
  /** Without the reference line (tests, fakes). */
  public PullOutput(String image, String status) {
    this(image, status, null);
  }

  @Override
  public String text(PlainTextRenderer r) {
    return status + "\n" + (reference == null ? "" : reference + "\n");
  }
}
