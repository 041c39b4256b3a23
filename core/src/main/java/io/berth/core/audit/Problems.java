package io.berth.core.audit;

import java.util.ArrayList;
import java.util.List;

/** Problems found by a verification, capped so a wholly rewritten trail still gives a readable report. */
final class Problems {
  private static final int MAX = 100;
  private final List<String> list = new ArrayList<>();
  private int dropped;

  void add(String problem) {
    if (list.size() < MAX) list.add(problem);
    else dropped++;
  }

  List<String> list() {
    List<String> out = new ArrayList<>(list);
    if (dropped > 0) out.add("... and " + dropped + " more problems");
    return out;
  }
}
