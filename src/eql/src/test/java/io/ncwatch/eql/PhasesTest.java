package io.ncwatch.eql;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's packages are Elasticsearch's phases: parser, analysis, planner. A phase may use the
 * phases before it, never one after it. The runtime is what the planner builds and what callers run per
 * event, so the planner and the facade use it, and it uses no phase. Only the facade uses every package,
 * and no package uses the facade.
 */
class PhasesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.ncwatch.eql");
    }

    @Test
    void noPhaseUsesALaterPhaseAndTheRuntimeUsesNone() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("facade").definedBy("io.ncwatch.eql")
                .layer("parser").definedBy("io.ncwatch.eql.parser..")
                .layer("analysis").definedBy("io.ncwatch.eql.analysis..")
                .layer("planner").definedBy("io.ncwatch.eql.planner..")
                .layer("runtime").definedBy("io.ncwatch.eql.runtime..")
                .whereLayer("facade").mayNotBeAccessedByAnyLayer()
                .whereLayer("parser").mayOnlyBeAccessedByLayers("analysis", "planner", "facade")
                .whereLayer("analysis").mayOnlyBeAccessedByLayers("planner", "facade")
                .whereLayer("planner").mayOnlyBeAccessedByLayers("facade")
                .whereLayer("runtime").mayOnlyBeAccessedByLayers("planner", "facade")
                .whereLayer("runtime").mayNotAccessAnyLayer()
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.ncwatch.(**)").should().beFreeOfCycles().check(classes);
    }
}
