package io.berth.web.swarm;

import io.berth.core.result.Outcome;
import io.berth.core.result.SwarmListing;
import io.berth.core.result.SwarmRow;
import io.berth.web.http.Outcomes;
import io.berth.web.view.Flash;
import java.util.List;
import java.util.Optional;

/** What a Swarm listing answered: its rows, or the refusal or failure to show instead. */
record Listed<T extends SwarmRow>(List<T> rows, Optional<Flash> flash) {
  static <T extends SwarmRow> Listed<T> of(Outcome o, Class<T> kind) {
    if (o instanceof Outcome.Succeeded s && s.result() instanceof SwarmListing l) return new Listed<>(l.rows(kind), Optional.empty());
    return new Listed<>(List.of(), Optional.of(Outcomes.flash(o)));
  }
}
