package org.edgewise.uitests;

import static com.codeborne.selenide.CollectionCondition.itemWithText;
import static com.codeborne.selenide.Condition.attribute;
import static com.codeborne.selenide.Condition.matchText;
import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.value;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.edgewise.uitests.pages.HomePage;
import org.edgewise.uitests.pages.LoginPage;
import org.edgewise.uitests.pages.MyServicesPage;
import org.edgewise.uitests.pages.ReleasePage;
import org.edgewise.uitests.pages.TestResultPage;
import org.edgewise.uitests.pages.UpgradeDecisionListPage;
import org.edgewise.uitests.pages.UpgradeDecisionPage;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;

import com.codeborne.selenide.Selenide;

/**
 * Upgrades as operations and a customer live them: two new versions of the web server are published and tested on
 * the local cloud's test node; the operator reads in the console why the broken one failed, down to the log of its
 * failing test, and accepts for one of the customer's services the upgrade to the one that passed; the customer
 * sees that upgrade proposed on another service of theirs and rejects it.
 */
class UpgradeStoriesTest extends BrowserTest {

    /** A test run builds the release on the test node, starts a scratch instance and runs its tests. */
    private static final Duration TEST_RUN = Duration.ofMinutes(6);
    private static final Duration PROPOSAL = Duration.ofMinutes(1);
    private static final Pattern TREE = Pattern.compile("\"tree\":\"([^\"]+)\"");
    private static final Pattern RELEASE = Pattern.compile("\"reference\":\"([^\"]+)\"[^}]*\"state\":\"([a-z_]+)\"");
    private static final Pattern RESULT = Pattern.compile("\"reference\":\"(TR-[^\"]+)\",\"state\":\"([a-z_]+)\"");
    private static final Pattern PROPOSED = Pattern.compile("\"reference\":\"(UD-[^\"]+)\",\"state\":\"proposed\"");

    @Test
    void anOperatorReadsWhyTheBrokenVersionFailedAndAcceptsTheOneThatPassedAndTheCustomerRejectsItForAnotherService() {
        MasterApi operations = new MasterApi(master, RunningMaster.ADMIN_API_TOKEN);
        MasterApi customer = new MasterApi(master, master.demoApiToken());
        String shop = unique("shop");
        String shopTree = requestWeb(customer, shop);
        String blog = unique("blog");
        String blogTree = requestWeb(customer, blog);
        HomePage operator = LoginPage.open().signInAs("admin", RunningMaster.ADMIN_PASSWORD);
        String passing = publish(operations, "web-2");
        String broken = publish(operations, "web-broken");
        String passed = awaitVerdict(operations, passing);
        String failed = awaitVerdict(operations, broken);
        String shopDecision = awaitProposal(customer, shopTree);
        awaitProposal(customer, blogTree);

        ReleasePage release = ReleasePage.open(broken);
        release.declaredTests().shouldHave(text("2 test commands: answers, suite"));
        release.testHistory().shouldHave(itemWithText(failed), itemWithText("failed"));
        screenshot("upgrades-release-tests");
        TestResultPage run = release.openTestRun(failed);
        run.state().shouldHave(text("failed"));
        run.counts().shouldHave(value("1 failed"));
        run.message().shouldHave(text("1 of"));
        run.openLine("WebTest.answersWithTheGreeting");
        run.lineLog().shouldHave(text("expected the answer \"Hello from"));
        screenshot("upgrades-test-line-log");
        run.closeLine();
        release = ReleasePage.open(broken);
        release.openProduct();
        $("#product-test-trend").shouldBe(visible);
        $("#product-test-history").shouldHave(text(passed), text(failed));
        screenshot("upgrades-product-tests");

        UpgradeDecisionPage decision = UpgradeDecisionListPage.openProposed().filter(shop).open(shop);
        assertEquals(shopDecision, decision.reference());
        decision.to().shouldHave(value("web 2"));
        decision.from().shouldHave(value("web 1"));
        decision.testResult().shouldHave(text(passed));
        decision.state().shouldHave(text("proposed"));
        decision.take("accept");
        decision.confirmation().shouldHave(text("goes back to 1 by itself"));
        decision.confirm();
        // the Master takes an accepted decision further within seconds
        decision.state().shouldHave(matchText("accepted|upgrading|done"));
        decision.timeline().findBy(text("accept: proposed → accepted")).shouldHave(text("admin"));
        screenshot("upgrades-decision-accepted");
        operator.signOut();

        LoginPage.open().signInAs("demo", master.demoPassword());
        MyServicesPage service = MyServicesPage.open(blogTree).shouldShowOne();
        service.upgrade().shouldHave(text("web 2 is proposed for this service (tests passed: " + passed + ")"));
        service.upgradeState().shouldHave(attribute("data-state", "proposed"));
        screenshot("upgrades-customer-proposal");
        service.rejectUpgrade();
        service.upgradeState().shouldHave(attribute("data-state", "rejected"));
        service.upgrade().shouldHave(text("web 2 was rejected for this service: it stays on web 1"));
        screenshot("upgrades-customer-rejected");
        MyServicesPage.open(shopTree).shouldShowOne().upgradeState().shouldHave(matchText("accepted|upgrading|done"));
    }

    /** The demo customer asks for the local cloud's first web server; answers the service's reference. */
    private static String requestWeb(MasterApi customer, String title) {
        HttpResponse<String> requested = customer.post("/api/v1/trees", "{\"title\": \"" + title + "\", \"releaseUrl\": \""
                + releaseUrl("web") + "\"}");
        assertEquals(200, requested.statusCode(), requested.body());
        Matcher tree = TREE.matcher(requested.body());
        assertTrue(tree.find(), "the answer names the service: " + requested.body());
        return tree.group(1);
    }

    /** Publishes the example release, a draft since the local cloud started (once, should another story have). */
    private static String publish(MasterApi operations, String example) {
        HttpResponse<byte[]> listed = operations.get("/api/v1/releases?url="
                + URLEncoder.encode(releaseUrl(example), StandardCharsets.UTF_8));
        String body = new String(listed.body(), StandardCharsets.UTF_8);
        assertEquals(200, listed.statusCode(), body);
        Matcher release = RELEASE.matcher(body);
        assertTrue(release.find(), "the local cloud has " + example + ": " + body);
        if (release.group(2).equals("draft")) {
            HttpResponse<String> published = operations.post("/api/v1/documents/" + release.group(1)
                    + "/actions/publish", "{}");
            assertEquals(200, published.statusCode(), published.body());
        }
        return release.group(1);
    }

    /** Waits for the latest run of the release's tests to end; answers its reference. */
    private static String awaitVerdict(MasterApi operations, String release) {
        String[] verdict = new String[1];
        Selenide.Wait().withTimeout(TEST_RUN).pollingEvery(Duration.ofSeconds(2))
                .withMessage("no verdict on the tests of " + release)
                .until(driver -> {
                    Matcher latest = RESULT.matcher(new String(operations.get("/api/v1/test-results?limit=1&release="
                            + release).body(), StandardCharsets.UTF_8));
                    if (latest.find() && latest.group(2).matches("passed|failed|error")) {
                        verdict[0] = latest.group(1);
                    }
                    return verdict[0] != null;
                });
        return verdict[0];
    }

    /** Waits for the upgrade of the customer's service to be proposed; answers the decision's reference. */
    private static String awaitProposal(MasterApi customer, String tree) {
        String[] proposed = new String[1];
        Selenide.Wait().withTimeout(PROPOSAL).pollingEvery(Duration.ofSeconds(1))
                .withMessage("no upgrade proposed for " + tree)
                .until(driver -> {
                    Matcher decision = PROPOSED.matcher(new String(customer.get("/api/v1/upgrade-decisions?tree=" + tree)
                            .body(), StandardCharsets.UTF_8));
                    proposed[0] = decision.find() ? decision.group(1) : null;
                    return proposed[0] != null;
                });
        return proposed[0];
    }

    private static String releaseUrl(String example) {
        return Path.of(System.getProperty("edgewise.releases", "../releases")).toAbsolutePath().normalize()
                .resolve(example).toUri().toString().replaceAll("/$", "");
    }

    /** Keeps what the browser shows now as NAME.png in the folder edgewise.screens names (target/screens by default). */
    private static void screenshot(String name) {
        File shot = Selenide.screenshot(OutputType.FILE);
        try {
            Path screens = Path.of(System.getProperty("edgewise.screens", "target/screens"));
            Files.createDirectories(screens);
            Files.copy(shot.toPath(), screens.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
