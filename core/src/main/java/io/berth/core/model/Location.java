package io.berth.core.model;

/**
 * Where a request was made: Slack team + channel, Discord guild + channel, or a remote address.
 * Any part may be null when the surface has no such notion.
 */
public record Location(String workspace, String channel, String remoteAddress) {
  public static final Location NOWHERE = new Location(null, null, null);

  public static Location channel(String workspace, String channel) {
    return new Location(workspace, channel, null);
  }

  public static Location remote(String address) {
    return new Location(null, null, address);
  }

  /** Compact form for the audit trail, e.g. {@code T123/C456} or {@code 127.0.0.1}. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    if (workspace != null) sb.append(workspace);
    if (channel != null) sb.append(sb.length() > 0 ? "/" : "").append(channel);
    if (remoteAddress != null) sb.append(sb.length() > 0 ? "@" : "").append(remoteAddress);
    return sb.toString();
  }
}
