package io.berth.bot.slack;

import io.berth.bot.chat.Conversation;
import io.berth.core.approval.ApprovalRequest;
import io.berth.core.model.Caller;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests held by the two-person rule, in Slack, whatever surface asked or decided: a new one is
 * posted (Approve/Reject) in the channel it was asked in (when asked in Slack) and in
 * {@code policy.approvals.channels.slack}; every later change (an approval, the run, a rejection,
 * expiry) edits those messages, so the requester sees where it ended. Changes arrive in order on
 * one thread, so an edit never overtakes the post it edits.
 */
final class SlackApprovals implements Consumer<ApprovalRequest> {
  private static final Logger log = LoggerFactory.getLogger(SlackApprovals.class);

  /** A posted message: where, and its ts for chat.update. */
  private record Posted(String channel, String ts) {}

  private final Conversation conversation;
  private final BlockKitRenderer renderer;
  private final SlackWebApi api;
  private final List<String> channels;
  private final ExecutorService inOrder;
  private final Map<String, List<Posted>> posted = new ConcurrentHashMap<>();

  SlackApprovals(Conversation conversation, BlockKitRenderer renderer, SlackWebApi api, List<String> channels,
      ExecutorService inOrder) {
    this.conversation = conversation;
    this.renderer = renderer;
    this.api = api;
    this.channels = List.copyOf(channels);
    this.inOrder = inOrder;
  }

  @Override
  public void accept(ApprovalRequest r) {
    try {
      inOrder.execute(() -> show(r)); // never hold up the approver's request on Slack
    } catch (RejectedExecutionException e) {
      log.warn("approval {} not shown in Slack: shutting down", r.id());
    }
  }

  private void show(ApprovalRequest r) {
    Caller asker = r.requestedBy();
    boolean fromSlack = asker.source() == SlackInteractions.SLACK;
    SlackMessage m = renderer.render(conversation.approval(r, fromSlack ? asker.platformUserId() : null));
    if (r.version() == 0) {
      Set<String> where = new LinkedHashSet<>();
      if (fromSlack && asker.where().channel() != null) where.add(asker.where().channel());
      where.addAll(channels);
      List<Posted> out = new ArrayList<>();
      for (String channel : where) {
        try {
          out.add(new Posted(channel, api.postMessage(channel, m)));
        } catch (IOException | RuntimeException e) {
          log.warn("could not post approval request {} to {}: {}", r.id(), channel, e.getMessage());
        }
      }
      posted.put(r.id(), out);
      return;
    }
    List<Posted> messages = r.open() || r.state() == ApprovalRequest.State.RUNNING ? posted.getOrDefault(r.id(), List.of())
        : posted.remove(r.id());
    if (messages == null) return;
    for (Posted p : messages) {
      try {
        api.updateMessage(p.channel(), p.ts(), m);
      } catch (IOException | RuntimeException e) {
        log.warn("could not update approval request {} in {}: {}", r.id(), p.channel(), e.getMessage());
      }
    }
  }
}
