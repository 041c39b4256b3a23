package io.berth.core.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throw-away {@link PostgresCluster} for one test class: started before its first test, stopped and deleted after
 * its last (also when starting failed half-way). Register it as
 * {@code @RegisterExtension static final PostgresForClass postgres = new PostgresForClass();}.
 */
public final class PostgresForClass implements BeforeAllCallback, AfterAllCallback {
  private PostgresCluster cluster;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    cluster = PostgresCluster.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (cluster != null) cluster.close();
  }

  /** The running cluster (from the class's first test on). */
  public PostgresCluster cluster() {
    if (cluster == null) throw new IllegalStateException("the cluster starts before the test class's first test");
    return cluster;
  }
}
