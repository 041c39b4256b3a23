package io.berth.bot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.request.files.FilesUploadV2Request;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few Web API calls Berth makes on its own (progress messages, alerts, file uploads), each
 * retried after a 429 for as long as Slack's Retry-After says.
 */
final class SlackWebApi {
  private static final Logger log = LoggerFactory.getLogger(SlackWebApi.class);
  static final int MAX_ATTEMPTS = 5;
  static final Duration MAX_WAIT = Duration.ofSeconds(60);

  /** One Web API call. */
  @FunctionalInterface
  interface Call<T extends SlackApiTextResponse> {
    T run(MethodsClient client) throws IOException, SlackApiException;
  }

  /** Waits between attempts; replaceable so tests need not sleep. */
  @FunctionalInterface
  interface Pause {
    void pause(Duration d) throws InterruptedException;
  }

  /** Slack answered, and said no ({@code ok: false}): as opposed to not answering at all. */
  static final class Refused extends IOException {
    Refused(String message) {
      super(message);
    }
  }

  private final MethodsClient client;
  private final Pause pause;

  SlackWebApi(MethodsClient client) {
    this(client, d -> Thread.sleep(d.toMillis()));
  }

  SlackWebApi(MethodsClient client, Pause pause) {
    this.client = client;
    this.pause = pause;
  }

  /** Runs the call; on 429 waits Retry-After (default 1 s) and tries again. Throws when not ok. */
  <T extends SlackApiTextResponse> T call(String method, Call<T> call) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        T response = call.run(client);
        if (!response.isOk()) {
          throw new Refused(method + " failed: " + response.getError());
        }
        return response;
      } catch (SlackApiException e) {
        int status = e.getResponse().code();
        if (status != 429 || attempt >= MAX_ATTEMPTS) {
          throw new IOException(method + " failed with HTTP " + status, e);
        }
        Duration wait = retryAfter(e.getResponse().header("Retry-After"));
        log.info("{} rate-limited; retrying in {} s (attempt {})", method, wait.toSeconds(), attempt);
        try {
          pause.pause(wait);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IOException(method + " interrupted while backing off", ie);
        }
      }
    }
  }

  static Duration retryAfter(String header) {
    try {
      long s = header == null ? 1 : Long.parseLong(header.trim());
      Duration d = Duration.ofSeconds(Math.max(0, s));
      return d.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : d;
    } catch (NumberFormatException e) {
      return Duration.ofSeconds(1);
    }
  }

  String postMessage(String channel, SlackMessage m) throws IOException {
    ChatPostMessageResponse r = call("chat.postMessage",
        c -> c.chatPostMessage(b -> b.channel(channel).text(m.text()).blocks(m.blocks())));
    return r.getTs();
  }

  void updateMessage(String channel, String ts, SlackMessage m) throws IOException {
    call("chat.update", c -> c.chatUpdate(b -> b.channel(channel).ts(ts).text(m.text()).blocks(m.blocks())));
  }

  /** A direct-message channel with the user, for files that only they should see. */
  String openDirectMessage(String userId) throws IOException {
    return call("conversations.open", c -> c.conversationsOpen(b -> b.users(java.util.List.of(userId))))
        .getChannel().getId();
  }

  /** The user ids in a user group ({@code usergroups.users.list}; needs {@code usergroups:read}). */
  java.util.List<String> groupMembers(String groupId) throws IOException {
    java.util.List<String> users = call("usergroups.users.list", c -> c.usergroupsUsersList(b -> b.usergroup(groupId))).getUsers();
    return users == null ? java.util.List.of() : users;
  }

  /** files.uploadV2: getUploadURLExternal, upload, completeUploadExternal (shared to the channel). */
  void uploadFile(String channel, SlackMessage.FileAttachment file) throws IOException {
    call("files.uploadV2", c -> c.filesUploadV2(FilesUploadV2Request.builder()
        .channel(channel).filename(file.filename()).title(file.title()).content(file.content())
        .requestFileInfo(false).build()));
  }
}
