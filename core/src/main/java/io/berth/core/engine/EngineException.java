package io.berth.core.engine;

import io.berth.core.result.Failure;

/**
 * The only exception an engine adapter lets out: engine errors already translated to a Berth
 * {@link Failure} with the engine's own message.
 */
public final class EngineException extends RuntimeException {
  private final Failure kind;
  private final Integer status;
  /** The HTTP status the engine answered with; 0: none (not reached, or not an answer). */
  private final int engineStatus;

  public EngineException(Failure kind, String message) {
    this(kind, message, (Integer) null);
  }

  public EngineException(Failure kind, String message, Throwable cause) {
    this(kind, message, cause, 0);
  }

  private EngineException(Failure kind, String message, Throwable cause, int engineStatus) {
    super(message, cause);
    this.kind = kind;
    this.status = null;
    this.engineStatus = engineStatus;
  }

  /** The engine answered {@code httpStatus}: {@code kind} says what it means to the user, the status where it came from. */
  public static EngineException answered(Failure kind, String message, int httpStatus, Throwable cause) {
    return new EngineException(kind, message, cause, httpStatus);
  }

  /** docker's StatusError: the engine's message, which docker's CLI prints alone, and the status it exits with. */
  public EngineException(Failure kind, String message, Integer status) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.engineStatus = 0;
  }

  /**
   * The engine answered with a 5xx: its own trouble (a daemon shutting down answers 500/503), which a later try may
   * not meet, where a 4xx is the request's and would be refused again.
   */
  public boolean engineFault() {
    return engineStatus >= 500 && engineStatus < 600;
  }

  public Failure kind() {
    return kind;
  }

  /** The exit status docker's CLI gives this error (see {@link io.berth.core.result.Outcome.Failed}); null: by the command. */
  public Integer status() {
    return status;
  }
}
