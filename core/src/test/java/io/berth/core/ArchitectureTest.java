package io.berth.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

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
}
