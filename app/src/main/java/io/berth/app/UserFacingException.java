package io.berth.app;

/** A failure the CLI reports as one clear line (no stack trace) with a chosen exit code. */
final class UserFacingException extends RuntimeException {
  private final int exitCode;

  UserFacingException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
