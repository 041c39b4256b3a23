package io.berth.core.result;

/** {@code help} result: generated from the same definitions the parser uses. */
public record HelpText(String text) implements Result {}
