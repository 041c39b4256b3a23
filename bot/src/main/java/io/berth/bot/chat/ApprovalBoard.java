package io.berth.bot.chat;

import io.berth.core.approval.ApprovalRequest;
import io.berth.core.model.Caller;
import io.berth.core.model.Source;
import io.berth.core.service.CommandService;
import io.berth.core.engine.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
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
 * Requests held by the two-person rule, on one chat platform, whatever surface asked or decided: a
 * new one is posted (Approve/Reject) in the channel it was asked in (when asked on this platform)
 * and in the platform's {@code policy.approvals.channels.<platform>}; every later change (an
 * approval, the run, a rejection, expiry) edits those messages, so the requester sees where it
 * ended. Changes are shown in order on one thread, so an edit never overtakes the post it edits.
 * A platform supplies only the {@link Surface}: how to post and edit a {@link Reply}.
 *
 * <p>With several replicas every board hears every request, whichever replica holds it (the shared approval store
 * tells them all), and the leader's Discord board may start after a request was held. So a board posts a request
 * only after claiming its announcement on its platform ({@link CommandService#announceApproval}, once across
 * replicas), posts the request's current state (still pending: an approval given before it was posted shows), and
 * edits what it posted itself. The messages it posted are kept with the claim in the shared approval store
 * ({@link CommandService#approvalAnnounced}), so a platform's sole board (the Discord leader's) edits, once a request
 * changes, what another replica's board posted (the old leader's) too. A post that fails is tried again
 * ({@link #POST_TRIES} times, with backoff) before one WARN line gives it up.
 * {@link #announcePending} catches up with what was held while it did not listen.
 * The claim comes before the post, as alerts are recorded before they are sent: a replica that dies in between
 * loses that announcement (the request stays on the console's Approvals page), it never posts twice.
 *
 * @param <M> the platform's handle of a posted message (e.g. channel and ts)
 */
public final class ApprovalBoard<M> implements Consumer<ApprovalRequest> {
  private static final Logger log = LoggerFactory.getLogger(ApprovalBoard.class);

  /** How one platform posts a reply to a channel and edits it later; may block (the board has its own thread). */
  public interface Surface<M> {
    /** The platform's name, as its callers carry it ({@code slack}, {@code discord}). */
    Source platform();

    M post(String channel, Reply reply) throws Exception;

    void edit(M posted, Reply reply) throws Exception;

    /**
     * False while the platform cannot post (not connected yet): the board then leaves the announcement to a later
     * {@link #announcePending} rather than claim it and lose it.
     */
    default boolean ready() {
      return true;
    }

    /** A posted message as text, kept in the shared approval store (channel and message id: no secret). */
    String keep(M posted);

    /** The message {@link #keep} made text of, null when it is not one of this platform's. */
    M kept(String text);

    /** {@code CHANNEL/ID}, the form every platform keeps a posted message in. */
    static String keepText(String channel, String id) {
      return channel + "/" + id;
    }

    /**
     * {@code CHANNEL/ID} read back: {@code make(channel, id)} when both parts pass the platform's {@code valid}
     * check (ids from the store may name a REST path), else null.
     */
    static <M> M keptText(String text, java.util.function.Predicate<String> valid,
        java.util.function.BiFunction<String, String, M> make) {
      String[] parts = text.split("/", -1);
      return parts.length == 2 && valid.test(parts[0]) && valid.test(parts[1]) ? make.apply(parts[0], parts[1]) : null;
    }

    /**
     * True when one board of this platform runs across all replicas (Discord: the leader's bot), so it also edits
     * the messages another replica's board posted (the old leader's); false when every replica runs one (Slack), so
     * each edits only its own posts rather than all of them editing every message.
     */
    default boolean soleBoard() {
      return false;
    }
  }

  /** How often, and after what pauses, a post that failed is tried again before the announcement is given up. */
  static final int POST_TRIES = 3;
  static final Duration FIRST_RETRY = Duration.ofMillis(500);

  /** What this board posted of one request, and the version shown there (an older one is never shown after it). */
  private record Shown<M>(long version, List<M> messages) {}

  private final Conversation conversation;
  private final Surface<M> surface;
  private final List<String> channels;
  private final ExecutorService inOrder;
  private final Map<String, Shown<M>> posted = new ConcurrentHashMap<>();

  /**
   * @param channels {@code policy.approvals.channels.<platform>}
   * @param inOrder a single-thread executor: changes are shown in the order they happened
   */
  public ApprovalBoard(Conversation conversation, Surface<M> surface, List<String> channels, ExecutorService inOrder) {
    this.conversation = conversation;
    this.surface = surface;
    this.channels = List.copyOf(channels);
    this.inOrder = inOrder;
  }

  /**
   * True for the prompt of a request just held for approval: the board posts it in the asking
   * channel, so the platform's answer to the asker only says where it went ({@link #heldNote}).
   */
  public static boolean postedByBoard(Reply reply) {
    return reply instanceof Reply.Prompt p && p.buttons().stream().anyMatch(b -> b.action() == Button.Action.APPROVE);
  }

  /** What the asker is told instead of the prompt, when a board shows it. */
  public static Reply heldNote() {
    return new Reply.Notice(Tone.INFO, "Held for approval: the request is posted in this channel with Approve/Reject,"
        + " and updated there when it is decided.", Audience.CALLER, false);
  }

  @Override
  public void accept(ApprovalRequest r) {
    try {
      inOrder.execute(() -> show(r)); // never hold up the approver's request on the chat platform
    } catch (RejectedExecutionException e) {
      log.warn("approval {} not shown in {}: shutting down", r.id(), surface.platform().id());
    }
  }

  /**
   * Shows every request pending now that no board of this platform announced yet (on any replica): what was held
   * while this board was not listening or its platform not connected. Call when the platform is ready.
   */
  public void announcePending() {
    try {
      conversation.service().allPendingApprovals().forEach(this);
    } catch (RuntimeException e) {
      log.warn("pending approval requests not read for {}: {}", surface.platform().id(), e.toString());
    }
  }

  private void show(ApprovalRequest r) {
    Shown<M> shown = posted.get(r.id());
    if (shown == null && announce(r)) return;
    if (shown == null) shown = postedElsewhere(r);
    if (shown == null) return;
    if (r.version() <= shown.version()) return; // told twice (a catch-up and the watch): shown already
    // while it may still change, keep the messages; once it has ended, this is their last edit
    boolean more = r.open() || r.state() == ApprovalRequest.State.RUNNING;
    if (more) posted.put(r.id(), new Shown<>(r.version(), shown.messages()));
    else posted.remove(r.id());
    Reply reply = reply(r);
    for (M m : shown.messages()) {
      try {
        surface.edit(m, reply);
      } catch (Exception e) {
        log.warn("could not update approval request {} in {}: {}", r.id(), surface.platform().id(), e.getMessage());
      }
    }
  }

  /**
   * Posts a request nobody announced on this platform yet, once across replicas: only an open one needs deciding.
   * True when this board claimed it (posted, or gave up), false when it was not this board's to post.
   */
  private boolean announce(ApprovalRequest r) {
    if (!r.open() || !surface.ready()) return false;
    try {
      if (!conversation.service().announceApproval(r, surface.platform().id())) return false; // another board did
    } catch (RuntimeException e) {
      log.warn("approval request {} not announced in {}: {}", r.id(), surface.platform().id(), e.toString());
      return true;
    }
    Caller asker = r.requestedBy();
    Set<String> where = new LinkedHashSet<>();
    if (asker != null && asker.source().equals(surface.platform()) && asker.where().channel() != null) {
      where.add(asker.where().channel());
    }
    where.addAll(channels);
    Reply reply = reply(r);
    List<M> out = new ArrayList<>();
    for (String channel : where) {
      M m = postRetrying(r, channel, reply);
      if (m != null) out.add(m);
    }
    posted.put(r.id(), new Shown<>(r.version(), out));
    try {
      conversation.service().approvalAnnounced(r, surface.platform().id(), out.stream().map(surface::keep).toList());
    } catch (RuntimeException e) {
      log.warn("approval request {}: its {} messages not kept for other replicas: {}", r.id(), surface.platform().id(),
          e.toString());
    }
    return true;
  }

  /** One post, tried again after a failure (the platform's 500, a dropped connection): the claim is spent already. */
  private M postRetrying(ApprovalRequest r, String channel, Reply reply) {
    Backoff backoff = new Backoff(FIRST_RETRY, FIRST_RETRY.multipliedBy(1L << POST_TRIES));
    for (int tried = 1; ; tried++) {
      try {
        return surface.post(channel, reply);
      } catch (Exception e) {
        if (tried >= POST_TRIES) {
          log.warn("could not post approval request {} to {} channel {} ({} tries): {}", r.id(),
              surface.platform().id(), channel, tried, e.getMessage());
          return null;
        }
      }
      try {
        Thread.sleep(backoff.next().toMillis());
      } catch (InterruptedException stop) {
        Thread.currentThread().interrupt(); // shutting down: the board's executor is going away
        return null;
      }
    }
  }

  /**
   * The messages another replica's board posted for {@code r} (the old leader's), for a platform's sole board to edit;
   * null when there are none to edit here.
   */
  private Shown<M> postedElsewhere(ApprovalRequest r) {
    if (!surface.soleBoard() || !surface.ready()) return null;
    List<M> messages;
    try {
      messages = conversation.service().approvalAnnouncements(r.id(), surface.platform().id()).stream()
          .map(surface::kept).filter(Objects::nonNull).toList();
    } catch (RuntimeException e) {
      log.warn("approval request {}: its {} messages not read: {}", r.id(), surface.platform().id(), e.toString());
      return null;
    }
    return messages.isEmpty() ? null : new Shown<>(-1, messages);
  }

  private Reply reply(ApprovalRequest r) {
    Caller asker = r.requestedBy();
    boolean fromHere = asker != null && asker.source().equals(surface.platform());
    return conversation.approval(r, fromHere ? asker.platformUserId() : null);
  }
}
