package io.berth.core.engine;

import io.berth.core.result.Failure;

/**
 * The only exception an engine adapter lets out: engine errors already translated to a Berth
 * {@link Failure} with the engine's own message.
 */
public final class EngineException extends RuntimeException {
  private final Failure kind;

  public EngineException(Failure kind, String message) {
    super(message);
    this.kind = kind;
  }

  public EngineException(Failure kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Failure kind() {
    return kind;
  }
}
