package io.berth.core.language;

import io.berth.core.audit.AuditFilter;
import io.berth.core.command.AuditQuery;
import io.berth.core.command.Build;
import io.berth.core.command.DockerRequest;
import io.berth.core.command.Exec;
import io.berth.core.command.Help;
import io.berth.core.command.Images;
import io.berth.core.command.Inspect;
import io.berth.core.command.Logs;
import io.berth.core.command.Ps;
import io.berth.core.command.Pull;
import io.berth.core.command.Restart;
import io.berth.core.command.Rm;
import io.berth.core.command.Rmi;
import io.berth.core.command.Run;
import io.berth.core.command.Start;
import io.berth.core.command.Stats;
import io.berth.core.command.Stop;
import java.util.ArrayList;
import java.util.List;

/** Canonical docker-like text for a request (buttons, forms): env values masked, parses back the same. */
final class RequestDescriber {
  private RequestDescriber() {}

  static String describe(DockerRequest r) {
    List<String> w = new ArrayList<>();
    w.add(r.action());
    if (r instanceof Ps p) {
      if (p.all()) w.add("-a");
      p.filters().forEach(f -> add(w, "--filter", f.key() + "=" + f.value()));
    } else if (r instanceof Run run) {
      if (run.detach()) w.add("-d");
      if (run.name() != null) add(w, "--name", run.name());
      for (Run.PortBinding b : run.ports()) {
        String host = b.hostPort() == null ? "" : b.hostPort() + ":";
        String ip = b.hostIp() == null ? "" : (b.hostIp().contains(":") ? "[" + b.hostIp() + "]" : b.hostIp()) + ":";
        if (!ip.isEmpty() && host.isEmpty()) host = ":";
        add(w, "-p", ip + host + b.containerPort() + (b.protocol().equals("tcp") ? "" : "/" + b.protocol()));
      }
      run.env().forEach(e -> add(w, "-e", SecretMasking.maskAssignment(e.key() + "=")));
      run.labels().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
          .forEach(e -> add(w, "-l", e.getKey() + "=" + e.getValue()));
      run.volumes().forEach(v -> add(w, "-v", v.source() + ":" + v.containerPath() + (v.readOnly() ? ":ro" : "")));
      if (!run.restartPolicy().equals("no")) add(w, "--restart", run.restartPolicy());
      if (run.autoRemove()) w.add("--rm");
      Run.HostAccess h = run.hostAccess();
      if (h.privileged()) w.add("--privileged");
      if (h.network() != null) add(w, "--network", h.network());
      if (h.pid() != null) add(w, "--pid", h.pid());
      if (h.ipc() != null) add(w, "--ipc", h.ipc());
      h.capAdd().forEach(c -> add(w, "--cap-add", c));
      h.devices().forEach(d -> add(w, "--device", d));
      w.add(run.image());
      w.addAll(run.command());
    } else if (r instanceof Exec e) {
      e.env().forEach(v -> add(w, "-e", SecretMasking.maskAssignment(v.key() + "=")));
      if (e.workdir() != null) add(w, "-w", e.workdir());
      w.add(e.container());
      w.addAll(e.command());
    } else if (r instanceof Logs l) {
      if (l.tail() != null) add(w, "--tail", String.valueOf(l.tail()));
      if (l.since() != null) add(w, "--since", l.since().toString());
      if (l.timestamps()) w.add("-t");
      w.add(l.container());
    } else if (r instanceof Stop s) {
      if (s.timeoutSeconds() != null) add(w, "-t", String.valueOf(s.timeoutSeconds()));
      w.add(s.container());
    } else if (r instanceof Restart s) {
      if (s.timeoutSeconds() != null) add(w, "-t", String.valueOf(s.timeoutSeconds()));
      w.add(s.container());
    } else if (r instanceof Rm rm) {
      if (rm.force()) w.add("-f");
      if (rm.volumes()) w.add("-v");
      w.add(rm.container());
    } else if (r instanceof Rmi rmi) {
      if (rmi.force()) w.add("-f");
      w.add(rmi.image());
    } else if (r instanceof Images i) {
      if (i.all()) w.add("-a");
    } else if (r instanceof Build b) {
      add(w, "-t", b.tag());
      w.add(b.context() instanceof Build.Directory d ? d.path() : "(uploaded archive)");
    } else if (r instanceof AuditQuery q) {
      AuditFilter f = q.filter();
      if (f.user() != null) add(w, "--user", f.user());
      if (f.source() != null) add(w, "--source", f.source().id());
      if (f.action() != null) add(w, "--action", f.action());
      if (f.target() != null) add(w, "--target", f.target());
      if (f.outcome() != null) add(w, "--outcome", f.outcome().id());
      if (f.from() != null) add(w, "--since", f.from().toString());
      if (q.limit() != 20) add(w, "--limit", String.valueOf(q.limit()));
      if (f.text() != null) w.add(f.text());
    } else if (r instanceof Help h) {
      if (h.topic() != null) w.add(h.topic());
    } else if (r instanceof Start || r instanceof Inspect || r instanceof Stats || r instanceof Pull) {
      w.add(r.target());
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < w.size(); i++) {
      if (i > 0) sb.append(' ');
      // the first word is the action; a "--" before a command word that looks like a flag keeps it parsing back
      sb.append(i == 0 ? w.get(i) : PicocliCommandLanguage.quote(w.get(i)));
    }
    return sb.toString();
  }

  private static void add(List<String> w, String flag, String value) {
    w.add(flag);
    w.add(value);
  }
}
