package io.berth.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The core's centre stays free of Docker, JDBC and surface frameworks; only adapters may use them. */
@AnalyzeClasses(packages = "io.berth.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
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
}
