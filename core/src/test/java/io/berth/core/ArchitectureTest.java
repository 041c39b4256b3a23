package io.berth.core;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.berth.core.command.DockerRequest;

/** The core's centre stays free of Docker, JDBC and surface frameworks; only adapters may use them. */
@AnalyzeClasses(packages = "io.berth.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  /** Any class whose package or name mentions a chat platform this repository ships. */
  private static final String PLATFORM_NAMED = "(?i).*(slack|discord).*";

  @ArchTest
  static final ArchRule centreUsesNoInfrastructure = noClasses()
      .that().resideInAPackage("io.berth.core..")
      .and().resideOutsideOfPackage("io.berth.core.adapter..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "com.github.dockerjava..", "java.sql..", "javax.sql..", "org.sqlite..", "org.postgresql..", "com.slack..",
          "net.dv8tion..", "io.javalin..");

  @ArchTest
  static final ArchRule onlyTheLanguageAndTheCatalogUsePicocli = noClasses()
      .that().resideInAPackage("io.berth.core..")
      .and().resideOutsideOfPackages("io.berth.core.language..", "io.berth.core.command..")
      .should().dependOnClassesThat().resideInAPackage("picocli..");

  /**
   * A chat platform is a module outside core (bot's own package, its own settings section): no core
   * class is named for one, lives in a package named for one, or uses a class that is. The full name
   * covers package and class.
   */
  @ArchTest
  static final ArchRule coreKnowsNoChatPlatform = noClasses()
      .that().resideInAPackage("io.berth.core..")
      .should().haveNameMatching(PLATFORM_NAMED)
      .orShould().dependOnClassesThat().haveNameMatching(PLATFORM_NAMED);

  /**
   * The one authorize-and-audit step and the use cases built on it know no particular command: what
   * a command targets and reaches is declared by its spec in the catalog ({@code CommandSpec#reach}),
   * so there is no {@code instanceof Run} to forget for the next command that reaches something.
   */
  @ArchTest
  static final ArchRule theAuthorizeStepKnowsNoCommandType = noClasses()
      .that().haveNameMatching("io\\.berth\\.core\\.service\\.(AuditedStep|Attempt|Commands|Confirmations|Approvals)(\\$.*)?")
      .should().dependOnClassesThat(assignableTo(DockerRequest.class).and(not(equivalentTo(DockerRequest.class))));
}
