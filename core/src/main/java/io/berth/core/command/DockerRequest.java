package io.berth.core.command;

import java.util.List;

/**
 * Every command Berth understands, one record each. Surfaces build these through the
 * {@code CommandLanguage} (text) or directly (buttons, forms); either way they go through
 * {@code CommandService}, which authorizes and audits them. What a command means — grammar,
 * permission class, targets, execution, canonical text — is its {@link CommandSpec}.
 *
 * <p>This file is the registration: a new command's record joins {@code permits} and its spec
 * joins {@link Registry#SPECS} (a test checks that the two lists agree).
 */
public sealed interface DockerRequest
    permits Ps, Logs, Inspect, Stats, Images, Start, Stop, Restart, Kill, Run, Exec, Rm, Pull, Build, Rmi,
        AuditQuery, Help,
        NetworkLs, NetworkInspect, NetworkCreate, NetworkRm, VolumeLs, VolumeInspect, VolumeCreate, VolumeRm, VolumePrune, Cp, CpInto,
        Pause, Unpause, Top, Port, Rename, Wait, Tag, Push, Events, SystemDf, ContainerPrune, ImagePrune,
        NodeLs, NodeInspect, NodeUpdate, ServiceCreate, ServiceLs, ServicePs, ServiceInspect, ServiceLogs, ServiceScale,
        ServiceUpdate, ServiceRollback, ServiceRm, StackDeploy, StackLs, StackPs, StackServices, StackRm {

  /** Every command's spec, in help order. */
  final class Registry {
    static final List<CommandSpec<?>> SPECS = List.of(
        Ps.SPEC, Logs.SPEC, Inspect.SPEC, Stats.SPEC, Images.SPEC, Start.SPEC, Stop.SPEC, Restart.SPEC, Kill.SPEC,
        Run.SPEC, Exec.SPEC, Rm.SPEC, Pull.SPEC, Build.SPEC, Rmi.SPEC,
        AuditQuery.SPEC, Help.SPEC,
        NetworkLs.SPEC, NetworkInspect.SPEC, NetworkCreate.SPEC, NetworkRm.SPEC,
        VolumeLs.SPEC, VolumeInspect.SPEC, VolumeCreate.SPEC, VolumeRm.SPEC, VolumePrune.SPEC, Cp.SPEC, CpInto.SPEC,
        Pause.SPEC, Unpause.SPEC, Top.SPEC, Port.SPEC, Rename.SPEC, Wait.SPEC, Tag.SPEC, Push.SPEC, Events.SPEC,
        SystemDf.SPEC, ContainerPrune.SPEC, ImagePrune.SPEC,
        NodeLs.SPEC, NodeInspect.SPEC, NodeUpdate.SPEC, ServiceCreate.SPEC, ServiceLs.SPEC, ServicePs.SPEC, ServiceInspect.SPEC,
        ServiceLogs.SPEC, ServiceScale.SPEC, ServiceUpdate.SPEC, ServiceRollback.SPEC, ServiceRm.SPEC,
        StackDeploy.SPEC, StackLs.SPEC, StackPs.SPEC, StackServices.SPEC, StackRm.SPEC);

    private Registry() {}
  }

  /** Normalized action name, as used in roles and the audit trail ({@code run}, {@code rm}, ...). */
  default String action() {
    return Catalog.bind(this).name();
  }

  /** What the request acts on (container, image, tag) or empty for list-like requests. */
  default String target() {
    return Catalog.bind(this).target();
  }

  /** True when the request changes engine state; such requests fail closed if audit is down. */
  default boolean mutates() {
    return Catalog.bind(this).permission().mutates();
  }

  /** The containers this request acts on, each subject to scope. */
  default List<String> containers() {
    return Catalog.bind(this).containers();
  }
}
