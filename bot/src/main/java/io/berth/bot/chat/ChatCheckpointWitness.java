package io.berth.bot.chat;

import io.berth.core.audit.Checkpoint;
import io.berth.core.audit.CheckpointJson;
import io.berth.core.audit.CheckpointWitness;
import java.util.List;
import java.util.Objects;

/**
 * A chat channel as a checkpoint witness ({@code audit.witness.chat}): every checkpoint is posted
 * as a message people outside the machine keep. The message carries the checkpoint's seq, head
 * hash, time and signature, and the one JSON line a witness file holds, so pasting that line into
 * a file gives {@code berth audit verify --witness FILE} what it needs. A platform gives only its
 * {@link ApprovalBoard.Surface} (post a {@link Reply} to a channel).
 */
public final class ChatCheckpointWitness implements CheckpointWitness {
  private final ApprovalBoard.Surface<?> surface;
  private final String channel;

  public ChatCheckpointWitness(ApprovalBoard.Surface<?> surface, String channel) {
    this.surface = Objects.requireNonNull(surface, "surface");
    this.channel = Objects.requireNonNull(channel, "channel");
  }

  @Override
  public String describe() {
    return surface.platform().id() + " channel " + channel;
  }

  @Override
  public void witness(Checkpoint c) throws Exception {
    surface.post(channel, message(c));
  }

  /** The posted message: a heading naming what is signed, then the witness-file line as code. */
  public static Reply message(Checkpoint c) {
    String heading = "Berth audit checkpoint: seq " + c.seq() + ", head " + c.headHash() + ", " + c.time()
        + ", signature " + c.signature() + ". Keep it: the line below, pasted into a witness file, is what"
        + " berth audit verify --witness FILE checks the trail against.";
    return new Reply.Output(Tone.INFO, null, null, heading, CheckpointJson.toLine(c), null, false, List.of(),
        Audience.CHANNEL, false);
  }
}
