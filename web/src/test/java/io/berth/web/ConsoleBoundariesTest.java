package io.berth.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The console reaches Docker and the audit trail only through CommandService: no controller may
 * hold the engine or the trail, or any adapter, so no route can skip the core's checks.
 */
class ConsoleBoundariesTest {
  private final JavaClasses console = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.berth.web");

  @Test
  void consoleNeverTouchesTheEngineTheTrailOrTheAdapters() {
    noClasses().that().resideInAPackage("io.berth.web..")
        .should().dependOnClassesThat().resideInAnyPackage("io.berth.core.engine..", "io.berth.core.adapter..",
            "com.github.dockerjava..", "java.sql..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("io.berth.core.audit.AuditTrail")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("io.berth.core.policy.AccessPolicy")
        .check(console);
  }

  @Test
  void consoleDoesNotDependOnTheChatBots() {
    noClasses().that().resideInAPackage("io.berth.web..")
        .should().dependOnClassesThat().resideInAnyPackage("io.berth.bot..", "com.slack..", "net.dv8tion..")
        .check(console);
  }
}
