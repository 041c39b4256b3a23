package io.berth.web.auth;

/** A signed-in browser: its id (the cookie), who, and the CSRF token its pages carry. */
public record Session(String id, String login, String csrfToken) {}
