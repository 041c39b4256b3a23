package io.berth.core.result;

import io.berth.core.render.PlainTextRenderer;

/** {@code pull} result: the final status line docker prints, e.g. the digest. */
public record PullOutput(String image, String status) implements Result {
  @Override
  public String text(PlainTextRenderer r) {
    return status + "\n";
  }
}
