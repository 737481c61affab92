package org.edgewise.uitests;

import static com.codeborne.selenide.CollectionCondition.exactTexts;
import static com.codeborne.selenide.CollectionCondition.itemWithText;
import static com.codeborne.selenide.CollectionCondition.size;
import static com.codeborne.selenide.Condition.attribute;
import static com.codeborne.selenide.Condition.exactText;
import static com.codeborne.selenide.Condition.exist;
import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.value;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.open;

import java.util.UUID;

import org.edgewise.uitests.pages.AccountPage;
import org.edgewise.uitests.pages.ComputerPage;
import org.edgewise.uitests.pages.DocumentPage;
import org.edgewise.uitests.pages.HomePage;
import org.edgewise.uitests.pages.InstancePage;
import org.edgewise.uitests.pages.LoginPage;
import org.edgewise.uitests.pages.ReleasePage;
import org.edgewise.uitests.pages.RequestServiceForm;
import org.edgewise.uitests.pages.ServiceListPage;
import org.edgewise.uitests.pages.ServicePage;
import org.junit.jupiter.api.Test;

/** The catalogue, software on computers, and customers requesting services, through the console. */
class ServiceRequestStoriesTest extends BrowserTest {

    @Test
    void anOperatorPublishesAReleaseSuppliesItOnANewComputerAndMakesAnEnrolmentToken() {
        HomePage admin = LoginPage.open().signInAs("admin", RunningMaster.ADMIN_PASSWORD);
        String operator = unique("olivia").toLowerCase();
        admin.users().createStaff(operator, "Olivia Operator", "olivia-password-1", "Operator");
        admin.signOut();

        HomePage home = LoginPage.open().signInAs(operator, "olivia-password-1");
        String product = unique("Web server");
        home.products().create(product, "Serves static sites").title().shouldHave(text(product));
        String url = "https://releases.example/" + UUID.randomUUID() + "/web-server-1.0";
        DocumentPage release = home.releases().create(product, url, "1.0", "default, frontend");
        release.state().shouldHave(text("draft"));
        release.take("publish");
        release.state().shouldHave(text("published"));
        release.actions().shouldHave(itemWithText("Deprecate"));

        String computerName = unique("edge-lyon");
        home.computers().create(computerName, computerName, "eu-west");
        ComputerPage computer = new ComputerPage().shouldBeShown();
        computer.title().shouldHave(text(computerName));

        computer.supply(url);

        computer.installationCells().shouldHave(itemWithText(url));
        computer.stateBadges().shouldHave(size(1));
        computer.stateBadges().first().shouldHave(exactText("available"));
        computer.installationStatuses().shouldHave(exactTexts("waiting for its node to build it"));
        computer.installationCells().shouldHave(itemWithText("not reported yet"));
        computer.partitions().shouldBe(visible);

        computer.createEnrolmentToken().enrolmentCommand()
                .shouldHave(text("edgewise-node enrol --master " + master.url() + " --token enrol-"));
        computer.closeEnrolmentToken().timeline().first().shouldHave(text("enrolment token"));
    }

    @Test
    void aCustomerRequestsAServiceSeesWhyItIsStillPendingThenDestroysIt() {
        HomePage admin = LoginPage.open().signInAs("admin", RunningMaster.ADMIN_PASSWORD);
        String organisation = unique("Shopco");
        admin.organisations().create(organisation, "ops@shopco.example");
        String customer = unique("cora").toLowerCase();
        admin.users().createCustomer(customer, "Cora Customer", "cora-password-1", organisation);
        String product = unique("Key value store");
        admin.products().create(product, "A small key-value database");
        DocumentPage release = admin.releases().create(product,
                "https://releases.example/" + UUID.randomUUID() + "/kv-2.1", "2.1", "");
        release.take("publish");
        release.state().shouldHave(text("published"));
        admin.signOut();

        HomePage home = LoginPage.open().signInAs(customer, "cora-password-1");
        home.attentionCount("services-pending").shouldHave(exactText("0"));
        ServiceListPage services = home.services();
        RequestServiceForm form = services.requestService()
                .title("sessions")
                .release(product + " 2.1")
                .parameters("{\"memory\": 256,")
                .submit();
        form.parametersError().shouldHave(text("not valid JSON"));

        ServicePage service = form.parameters("{\"memory\": 256}").submitAndOpen();

        service.title().shouldHave(text("sessions"));
        String reference = service.reference();
        service.state().shouldHave(text("started"));
        service.instances().shouldHave(size(1));
        service.rootPlace().shouldHave(text("Waiting for a place:"), text("computer"));
        service.rootConnectionParameters().shouldHave(text("Nothing published yet"));
        service.rootParameters().shouldHave(text("\"memory\" : 256"));

        ServiceListPage list = home.services();
        list.cells().shouldHave(itemWithText("sessions"));
        list.cells().findBy(text("Waiting for a place:")).shouldBe(visible);
        home.home().attentionCount("services-pending").shouldHave(exactText("1"));

        open("/services/" + reference);
        service.take("destroy").confirmation().shouldHave(text("deleted with its data"));
        service.confirm();
        service.state().shouldHave(text("archived"));
        service.timeline().findBy(text("destroy: started → destroyed")).shouldBe(visible);
        service.rootPlace().shouldHave(text("not placed"));
    }

    @Test
    void aCustomerOpensAnInstanceOfTheirServiceChangesItsParametersAndOthersCannotOpenIt() {
        HomePage admin = LoginPage.open().signInAs("admin", RunningMaster.ADMIN_PASSWORD);
        String organisation = unique("Bakery");
        admin.organisations().create(organisation, "ops@bakery.example");
        String customer = unique("bea").toLowerCase();
        admin.users().createCustomer(customer, "Bea Baker", "bea-password-1", organisation);
        String otherOrganisation = unique("Rival");
        admin.organisations().create(otherOrganisation, "it@rival.example");
        String rival = unique("rob").toLowerCase();
        admin.users().createCustomer(rival, "Rob Rival", "rob-password-1", otherOrganisation);
        String product = unique("Web server");
        admin.products().create(product, "Serves a greeting");
        admin.releases().create(product, "https://releases.example/" + UUID.randomUUID() + "/web-3.0", "3.0", "")
                .take("publish").state().shouldHave(text("published"));
        admin.signOut();

        HomePage home = LoginPage.open().signInAs(customer, "bea-password-1");
        ServicePage service = home.services().requestService()
                .title("storefront")
                .release(product + " 3.0")
                .parameters("{\"greeting\": \"Hello\"}")
                .submitAndOpen();
        String tree = service.reference();

        InstancePage instance = service.openRootInstance();
        instance.title().shouldHave(text("storefront"));
        String reference = instance.reference();
        instance.serviceLink().shouldHave(text(tree));
        instance.place().shouldHave(text("Waiting for a place: The release"), text("not supplied"));
        instance.reported().shouldHave(text("nothing reported yet"));
        instance.parameters().shouldHave(value("\"greeting\" : \"Hello\""));

        instance.changeParameters("{\"greeting\": \"Bonjour\",");
        instance.parametersError().shouldHave(text("not valid JSON"));
        instance.timeline().findBy(text("parameters:")).shouldNot(exist);

        instance.changeParameters("{\"greeting\": \"Bonjour\"}");
        instance.timeline().first().shouldHave(text(customer), text("changed"),
                text("parameters: {\"greeting\":\"Hello\"} → {\"greeting\":\"Bonjour\"}"));
        instance.parameters().shouldHave(value("\"greeting\" : \"Bonjour\""));
        instance.take("stop");
        instance.state().shouldHave(text("stopped"));

        instance.serviceLink().click();
        new ServicePage().shouldBeShown().rootParameters().shouldHave(text("Bonjour"));
        home.signOut();

        LoginPage.open().signInAs(rival, "rob-password-1");
        open("/instances/" + reference);
        $("#not-found").shouldBe(visible).shouldHave(text("Instance not found"));
        $("#document-reference").shouldNot(exist);
    }

    @Test
    void anOperatorCorrectsADraftReleaseThenPublishesItAsItStands() {
        HomePage admin = LoginPage.open().signInAs("admin", RunningMaster.ADMIN_PASSWORD);
        String operator = unique("otto").toLowerCase();
        admin.users().createStaff(operator, "Otto Operator", "otto-password-1", "Operator");
        admin.signOut();

        HomePage home = LoginPage.open().signInAs(operator, "otto-password-1");
        String product = unique("Cache");
        home.products().create(product, "A memory cache");
        ReleasePage release = home.releases().create(product,
                "https://releases.example/" + UUID.randomUUID() + "/cache-1.0", "1.0", "default");
        release.state().shouldHave(text("draft"));

        release.edit("1.1", "default, replica", "Adds a replica type");

        release.title().shouldHave(text(product + " 1.1"));
        release.timeline().first().shouldHave(text(operator), text("version: 1.0 → 1.1"),
                text("software types: default → default, replica"), text("description: (empty) → Adds a replica type"));
        release.version().shouldHave(value("1.1"));

        release.take("publish");
        release.state().shouldHave(text("published"));
        release.saveButton().shouldNot(exist);
        release.version().shouldHave(attribute("readonly"));
        release.description().shouldHave(attribute("readonly"));
    }

    @Test
    void aUserMakesAnApiTokenThatIsShownOnceAndRevokesIt() {
        HomePage home = LoginPage.open().signInAs("admin", RunningMaster.ADMIN_PASSWORD);
        String name = unique("deploy script");

        AccountPage account = home.account().createToken(name);

        account.newToken().shouldHave(value("ew-"));
        account.tokenCells().shouldHave(itemWithText(name));
        $("#api-tokens-grid .state-badge").shouldHave(exactText("active"));
        account.revokeFirstToken();
        $("#api-tokens-grid .state-badge").shouldHave(exactText("revoked"));
        home.home();
        home.account().newToken().shouldNotBe(visible);
    }
}
