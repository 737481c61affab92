package org.edgewise;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.vaadin.flow.component.Component;

/**
 * The Master's packages stay layered: the shared machinery (who acts, the database, the document engine,
 * the web edge, security, the console shell) below the features that use it, with no package reaching back
 * up through another; and a view asks a service for what it shows, never the database.
 */
@AnalyzeClasses(packages = "org.edgewise", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("org.edgewise.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule viewsDoNotQueryTheDatabase = noClasses().that(areViews())
            .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "org.edgewise.jooq..")
            .because("a view composes components and calls a service, which owns the queries");

    /** Components, the classes nested in them (listeners, renderers), and everything of the console shell. */
    private static DescribedPredicate<JavaClass> areViews() {
        return DescribedPredicate.describe("are views", view -> isView(view));
    }

    private static boolean isView(JavaClass type) {
        return type.getPackageName().startsWith("org.edgewise.ui")
                || type.isAssignableTo(Component.class)
                || type.getEnclosingClass().map(ArchitectureTest::isView).orElse(false);
    }
}
