package io.berth.core.result;

/** What a successful command produced; surfaces render these, the core never formats for one. */
public sealed interface Result
    permits ContainerList, RunOutput, ContainerChanged, LogOutput, ExecOutput, BuildOutput,
        PullOutput, ContainerDetails, ImageList, StatsSnapshot, ImageRemoved, HelpText,
        AuditPage {}
