package io.ncwatch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job's packages are the pipeline's stages, in data-flow order: records, rules, decode, context,
 * correlate, sequence, alert, and the job that wires them. A stage may use the stages before it, never
 * one after it; the connectors know nothing of ncwatch and only the job uses them; the EQL engine knows
 * nothing of Flink or of the job.
 */
class LayeringTest {
    private static final String[] STAGES = {"record", "rules", "decode", "context", "correlate", "sequence", "alert", "job"};

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // Test code reaches the classpath as test-classes folders and, between modules, as test jars.
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.ncwatch");
    }

    @Test
    void noStageUsesALaterStage() {
        var layers = layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true);
        for (String stage : STAGES) {
            layers = layers.layer(stage).definedBy("io.ncwatch." + stage + "..");
        }
        layers = layers.layer("connector").definedBy("io.ncwatch.connector..");
        for (int i = 0; i < STAGES.length - 1; i++) {
            String[] later = java.util.Arrays.copyOfRange(STAGES, i + 1, STAGES.length);
            layers = layers.whereLayer(STAGES[i]).mayOnlyBeAccessedByLayers(later);
        }
        layers.whereLayer("job").mayNotBeAccessedByAnyLayer()
                .whereLayer("record").mayNotAccessAnyLayer()
                .whereLayer("connector").mayOnlyBeAccessedByLayers("job")
                .whereLayer("connector").mayNotAccessAnyLayer()
                .check(classes);
    }

    @Test
    void connectorsAreIndependentOfEachOther() {
        slices().matching("io.ncwatch.connector.(*)..").should().notDependOnEachOther().check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.ncwatch.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theEqlEngineKnowsNeitherFlinkNorTheJob() {
        // Lucene for regular expressions, Jackson for index mappings.
        noClasses().that().resideInAPackage("io.ncwatch.eql..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.flink..")
                .orShould().dependOnClassesThat().resideOutsideOfPackages("io.ncwatch.eql..", "java..", "org.apache.lucene..", "com.fasterxml.jackson..")
                .check(classes);
    }
}
