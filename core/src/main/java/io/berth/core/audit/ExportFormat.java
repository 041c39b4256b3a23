package io.berth.core.audit;

/** Streaming export formats. */
public enum ExportFormat { CSV, JSONL }
