package io.billhook;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.Singleton;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionManagement;
import jakarta.transaction.Transactional;
import org.junit.jupiter.api.Test;

/**
 * The shape of the billing module, checked on its compiled classes: the pipeline never imports a feature,
 * features plug in through the handling contract, no two packages import each other, and transactions start at
 * boundaries only. See docs/architecture.md.
 */
class ArchitectureTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.billhook");

    /** The business: what the pipeline must never know. */
    static final String[] FEATURES = {"io.billhook.companies..", "io.billhook.billing..", "io.billhook.payments..",
            "io.billhook.calls..", "io.billhook.bookings..", "io.billhook.records.."};

    static final String[] PIPELINE = {"io.billhook.handling..", "io.billhook.inbox..", "io.billhook.quarantine..",
            "io.billhook.processing..", "io.billhook.statistics..", "io.billhook.stripe.."};

    @Test
    void thePipelineImportsNoFeature() {
        noClasses().that().resideInAnyPackage(PIPELINE)
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .because("features plug into the pipeline by implementing the handling contract")
                .check(MAIN);
    }

    @Test
    void noTwoPackagesImportEachOther() {
        slices().matching("io.billhook.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theHandlingContractStandsOnNothingOfBillhook() {
        noClasses().that().resideInAPackage("io.billhook.handling..")
                .should().dependOnClassesThat(resideInAPackage("io.billhook.*..")
                        .and(not(resideInAPackage("io.billhook.handling.."))))
                .because("every other package stands on it")
                .check(MAIN);
    }

    @Test
    void controlAndEntityClassesStartNoTransaction() {
        noClasses().that().resideInAnyPackage("..control..", "..entity..")
                .should().beAnnotatedWith(Stateless.class)
                .orShould().beAnnotatedWith(Singleton.class)
                .orShould().beAnnotatedWith(MessageDriven.class)
                .orShould().beAnnotatedWith(TransactionAttribute.class)
                .orShould().beAnnotatedWith(TransactionManagement.class)
                .orShould().beAnnotatedWith(Transactional.class)
                .because("transactions start at boundaries")
                .check(MAIN);
        noMethods().that().areDeclaredInClassesThat().resideInAnyPackage("..control..", "..entity..")
                .should().beAnnotatedWith(TransactionAttribute.class)
                .orShould().beAnnotatedWith(Transactional.class)
                .check(MAIN);
    }
}
