package io.berth.web.live;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Background jobs by id; each is visible only to the person who started it, for a while. */
public final class JobBoard implements AutoCloseable {
  private static final Duration KEEP = Duration.ofMinutes(15);
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final Clock clock;
  private final ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
    Thread t = new Thread(r, "berth-web-job");
    t.setDaemon(true);
    return t;
  });

  public JobBoard(Clock clock) {
    this.clock = clock;
  }

  public Job start(String owner, java.util.function.Consumer<Job> work) {
    jobs.values().removeIf(j -> j.created().plus(KEEP).isBefore(clock.instant()));
    Job job = new Job(UUID.randomUUID().toString(), owner, clock.instant());
    jobs.put(job.id(), job);
    workers.submit(() -> work.accept(job));
    return job;
  }

  public Optional<Job> find(String id, String owner) {
    Job j = id == null ? null : jobs.get(id);
    return j != null && j.owner().equals(owner) ? Optional.of(j) : Optional.empty();
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
