package io.berth.web.view;

import java.time.Instant;

/**
 * One line of a container's timeline: a Docker event ({@code docker}) or a person's action
 * through Berth ({@code berth}), so "who restarted web at 03:12?" has an answer.
 */
public record TimelineEntry(Instant time, String kind, String who, String what, String outcome) {}
