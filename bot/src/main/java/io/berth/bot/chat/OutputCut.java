package io.berth.bot.chat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Long command output in a chat message: the whole lines that fit the platform's room (the end for
 * logs, the start otherwise), a note saying what is shown, and the whole output as an attachment.
 * The one copy for every platform; each passes its room and how long a piece becomes once escaped
 * for its markup.
 */
public final class OutputCut {
  /** Attachments keep at most this much (the end): under Discord's 10 MiB per upload, plenty for Slack. */
  public static final int MAX_ATTACHMENT_BYTES = 8 * 1024 * 1024;

  private OutputCut() {}

  /**
   * What is shown of a cut output.
   *
   * @param shown whole lines (an over-long single line is cut by characters)
   * @param note e.g. "Output is 10000 lines; showing the last 40. The whole of it is attached as logs-web.txt."
   */
  public record Cut(String shown, String note) {}

  /** A file sent next to a cut message. */
  public record Attachment(String fileName, byte[] data, boolean truncated) {
    public String text() {
      return new String(data, StandardCharsets.UTF_8);
    }
  }

  /**
   * The lines of {@code text} that fit in {@code room} characters once measured by {@code measure}
   * (the platform's escaping), from the end when {@code keepEnd}.
   */
  public static Cut fit(String text, int room, boolean keepEnd, String fileName, ToIntFunction<String> measure) {
    List<String> lines = text.lines().toList();
    StringBuilder sb = new StringBuilder();
    int used = 0;
    int shown = 0;
    for (int k = 0; k < lines.size(); k++) {
      String line = lines.get(keepEnd ? lines.size() - 1 - k : k);
      int size = measure.applyAsInt(line) + 1;
      if (used + size > room) {
        if (shown == 0) { // one line longer than the room: show a piece of it
          int keep = Math.max(0, Math.min(line.length(), room - 1));
          sb.append(keepEnd ? line.substring(line.length() - keep) : line.substring(0, keep));
          shown = 1;
        }
        break;
      }
      if (keepEnd) sb.insert(0, line + "\n");
      else sb.append(line).append('\n');
      used += size;
      shown++;
    }
    String note = "Output is " + lines.size() + " lines; showing the " + (keepEnd ? "last " : "first ") + shown
        + ". The whole of it is attached as " + fileName + ".";
    return new Cut(sb.toString(), note);
  }

  /** The whole output as a file; over {@link #MAX_ATTACHMENT_BYTES} its end is kept and the name says so. */
  public static Attachment attachment(String fileName, String text) {
    byte[] all = text.getBytes(StandardCharsets.UTF_8);
    if (all.length <= MAX_ATTACHMENT_BYTES) return new Attachment(fileName, all, false);
    int from = all.length - MAX_ATTACHMENT_BYTES;
    while (from < all.length && (all[from] & 0xC0) == 0x80) from++; // do not split a UTF-8 character
    return new Attachment(fileName, Arrays.copyOfRange(all, from, all.length), true);
  }
}
