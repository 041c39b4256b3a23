package io.berth.bot.discord;

import net.dv8tion.jda.api.utils.ConcurrentSessionController;

/** JDA's session controller, but connecting to the configured gateway URL instead of asking Discord. */
final class ConfiguredGatewaySessionController extends ConcurrentSessionController {
  private final String gatewayUrl;

  ConfiguredGatewaySessionController(String gatewayUrl) {
    this.gatewayUrl = gatewayUrl;
  }

  @Override
  public String getGateway() {
    return gatewayUrl;
  }
}
