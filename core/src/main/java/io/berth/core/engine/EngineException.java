package io.berth.core.engine;

import io.berth.core.result.Failure;

/**
 * The only exception an engine adapter lets out: engine errors already translated to a Berth
 * {@link Failure} with the engine's own message.
 */
public final class EngineException extends RuntimeException {
  private final Failure kind;
  private final Integer status;

  public EngineException(Failure kind, String message) {
    this(kind, message, (Integer) null);
  }

  public EngineException(Failure kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = null;
  }

  /** docker's StatusError: the engine's message, which docker's CLI prints alone, and the status it exits with. */
  public EngineException(Failure kind, String message, Integer status) {
    super(message);
    this.kind = kind;
    this.status = status;
  }

  public Failure kind() {
    return kind;
  }

  /** The exit status docker's CLI gives this error (see {@link io.berth.core.result.Outcome.Failed}); null: by the command. */
  public Integer status() {
    return status;
  }
}
