package io.berth.core.result;

import io.berth.core.render.PlainTextRenderer;

/**
 * {@code pull} result: the final status line docker prints (e.g. "Status: Downloaded newer image for …") and
 * the fully qualified reference it prints last, which scripts read ({@code docker.io/library/busybox:latest}).
 */
public record PullOutput(String image, String status, String reference, boolean quiet) implements Result {
  /** Without the reference line (tests, fakes). */
  public PullOutput(String image, String status) {
    this(image, status, null, false);
  }

  public PullOutput(String image, String status, String reference) {
    this(image, status, reference, false);
  }

  /** {@code pull -q} prints only the reference, as docker does. */
  @Override
  public String text(PlainTextRenderer r) {
    String ref = reference == null ? "" : reference + "\n";
    return quiet && reference != null ? ref : status + "\n" + ref;
  }
}
