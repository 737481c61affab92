package org.edgewise.uitests;

import static com.codeborne.selenide.CollectionCondition.itemWithText;
import static com.codeborne.selenide.CollectionCondition.size;
import static com.codeborne.selenide.Condition.exist;
import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.value;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.edgewise.uitests.pages.HomePage;
import org.edgewise.uitests.pages.LoginPage;
import org.edgewise.uitests.pages.MyServicesPage;
import org.edgewise.uitests.pages.TicketListPage;
import org.edgewise.uitests.pages.TicketPage;
import org.junit.jupiter.api.Test;

/**
 * Support as a customer and support staff live it: a customer asks for help with a service, support takes the
 * ticket from the queue, notes for themselves and answers, and resolves it; the customer is told by mail, reads
 * the answer (never the note) and closes the ticket; no other customer can open it.
 */
class SupportStoriesTest extends BrowserTest {

    private static final String DEMO_CUSTOMER = "Demo Customer";
    private static final String DEMO_EMAIL = "demo@example.com";
    private static final Pattern TREE = Pattern.compile("\"tree\":\"([^\"]+)\"");

    @Test
    void aCustomerAsksForHelpWithAServiceSupportAnswersAndResolvesItAndTheCustomerReadsTheAnswerAndClosesIt() {
        String service = requestWebServiceOfTheDemoCustomer(unique("shop-site"));
        HomePage admin = LoginPage.open().signInAs("admin", RunningMaster.ADMIN_PASSWORD);
        String agent = unique("sue").toLowerCase();
        admin.users().createStaff(agent, "Sue Support", "sue-password-1", "Support");
        String rivalOrganisation = unique("Rival");
        admin.organisations().create(rivalOrganisation, "it@rival.example");
        String rival = unique("rob").toLowerCase();
        admin.users().createCustomer(rival, "Rob Rival", "rob-password-1", rivalOrganisation);
        admin.signOut();

        HomePage customer = LoginPage.open().signInAs("demo", master.demoPassword());
        TicketListPage askingForHelp = MyServicesPage.open(service).shouldShowOne().askForHelp();
        askingForHelp.about().shouldHave(value(service));
        String subject = unique("The shop answers slowly");
        TicketPage ticket = askingForHelp
                .describe(subject, "High", "Since this morning every page of our shop takes ten seconds.")
                .openTheTicket();
        String reference = ticket.reference();
        ticket.title().shouldHave(text(subject));
        ticket.state().shouldHave(text("new"));
        ticket.related().shouldHave(text("About " + service));
        ticket.severity().shouldHave(value("high"));
        ticket.assignee().shouldHave(value("nobody yet"));
        ticket.messages().first().shouldHave(text("every page of our shop takes ten seconds"));
        ticket.assignToMeButton().shouldNot(exist);
        customer.signOut();

        HomePage support = LoginPage.open().signInAs(agent, "sue-password-1");
        TicketListPage queue = support.tickets();
        queue.assignedToMe().shouldBe(visible);
        // filtered, since alarms of other stories may fill the queue's first rows
        queue.filter(subject).cells().shouldHave(itemWithText(reference), itemWithText(subject),
                itemWithText(DEMO_CUSTOMER), itemWithText("nobody yet"));
        ticket = queue.open(subject);
        ticket.customer().shouldHave(value(DEMO_CUSTOMER));
        ticket.firstResponse().shouldHave(value("due "));

        ticket.assignToMe();
        ticket.assignee().shouldHave(value(agent));
        ticket.state().shouldHave(text("assigned"));
        String note = "The node of " + service + " was swapping: moved the service, watch it for a day.";
        ticket.note(note);
        ticket.notes().findBy(text(note)).shouldBe(visible);
        String answer = "We moved your service to a computer with more memory: pages answer in a second again.";
        ticket.comment(answer);
        ticket.messages().first().shouldHave(text(answer));
        ticket.firstResponse().shouldHave(value("done "));
        ticket.take("resolve");
        ticket.state().shouldHave(text("resolved"));
        ticket.resolution().shouldHave(value("done "));
        TicketListPage.openAssignedToMe().cells().shouldHave(itemWithText(reference));
        support.signOut();

        Mailbox mailbox = new Mailbox(master, DEMO_EMAIL);
        String mail = mailbox.awaitText("New message on " + reference + ": " + subject);
        assertTrue(mail.contains(answer), "the mail carries the answer:\n" + mail);
        assertFalse(mail.contains(note), "the mail keeps the internal note to staff:\n" + mail);
        String link = mailbox.awaitLink("New message on " + reference + ": " + subject);
        assertEquals(master.url() + "/tickets/" + reference, link, "the mail links to the ticket");

        LoginPage.open().signInAs("demo", master.demoPassword());
        open(link);
        ticket = new TicketPage().shouldBeShown();
        ticket.state().shouldHave(text("resolved"));
        ticket.messages().first().shouldHave(text(answer));
        ticket.messages().shouldHave(size(2));
        ticket.notes().shouldHave(size(0));
        $("body").shouldNotHave(text(note));
        ticket.take("close");
        ticket.state().shouldHave(text("closed"));
        ticket.timeline().findBy(text("close: resolved → closed")).shouldHave(text("demo"));

        LoginPage.open().signInAs(rival, "rob-password-1");
        TicketPage.open(reference).notFound().shouldBe(visible).shouldHave(text("Ticket not found"));
        $("#document-reference").shouldNot(exist);
        TicketListPage.open().cells().findBy(text(subject)).shouldNot(exist);
    }

    /** The demo customer asks for the local cloud's web server through the API; answers the service's reference. */
    private static String requestWebServiceOfTheDemoCustomer(String title) {
        String release = Path.of(System.getProperty("edgewise.releases", "../releases")).toAbsolutePath().normalize()
                .resolve("web").toUri().toString().replaceAll("/$", "");
        HttpResponse<String> requested = new MasterApi(master, master.demoApiToken()).post("/api/v1/trees",
                "{\"title\": \"" + title + "\", \"releaseUrl\": \"" + release + "\"}");
        assertEquals(200, requested.statusCode(), requested.body());
        Matcher tree = TREE.matcher(requested.body());
        assertTrue(tree.find(), "the answer names the service: " + requested.body());
        return tree.group(1);
    }
}
