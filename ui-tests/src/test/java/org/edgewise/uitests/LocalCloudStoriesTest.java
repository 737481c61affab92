package org.edgewise.uitests;

import static com.codeborne.selenide.CollectionCondition.size;
import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.visible;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.edgewise.uitests.pages.HomePage;
import org.edgewise.uitests.pages.InstancePage;
import org.edgewise.uitests.pages.LoginPage;
import org.edgewise.uitests.pages.ServicePage;
import org.junit.jupiter.api.Test;

import com.codeborne.selenide.Selenide;

/** Stories that need the nodes of the local cloud, not only the Master. */
class LocalCloudStoriesTest extends BrowserTest {

    private static final Duration STARTING = Duration.ofSeconds(120);

    @Test
    void aCustomerRequestsAWebServiceWatchesItStartItsPublishedUrlAnswersAndOnceDestroyedTheUrlIsAFormerValue()
            throws Exception {
        HomePage home = LoginPage.open().signInAs("demo", master.demoPassword());
        String title = unique("hello");

        ServicePage service = home.services().requestService()
                .title(title)
                .release("web 1")
                .parameters("{\"greeting\": \"Bonjour\"}")
                .submitAndOpen();

        service.state().shouldHave(text("started"));
        service.rootReported().shouldHave(text("reported: started"), STARTING);
        service.rootConnectionParameters().shouldHave(text("url"), STARTING);
        String url = service.rootUrl();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        assertEquals("Hello from " + title + ": Bonjour\n", answer.body());

        service.take("destroy").confirm();
        service.state().shouldHave(text("destroyed"));
        // the address may soon serve another service: shown struck out, as what it was, never as a link
        service.rootConnectionParameters().shouldHave(text("no longer in use"), text("was " + url));
        service.rootConnectionLinks().shouldHave(size(0));
    }

    @Test
    void aCustomerChangesTheGreetingOfARunningWebServiceAndItAnswersWithTheNewOne() {
        HomePage home = LoginPage.open().signInAs("demo", master.demoPassword());
        String title = unique("greeter");
        ServicePage service = home.services().requestService()
                .title(title)
                .release("web 1")
                .parameters("{\"greeting\": \"Bonjour\"}")
                .submitAndOpen();
        service.rootConnectionParameters().shouldHave(text("url"), STARTING);
        String url = service.rootUrl();
        awaitAnswer(url, "Hello from " + title + ": Bonjour\n");

        InstancePage instance = service.openRootInstance();
        instance.reported().shouldHave(text("started, at "), STARTING);
        instance.place().shouldHave(text("COMP-"), text("127."));
        instance.changeParameters("{\"greeting\": \"Hallo\"}");
        instance.timeline().findBy(text("→ {\"greeting\":\"Hallo\"}")).shouldBe(visible);

        awaitAnswer(url, "Hello from " + title + ": Hallo\n");
    }

    /** Asks the service until it answers {@code expected}, within the time a node takes to apply a change. */
    private static void awaitAnswer(String url, String expected) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Selenide.Wait().withTimeout(STARTING).withMessage(url + " did not answer \"" + expected.strip() + "\"")
                .until(driver -> expected.equals(body(client, url)));
    }

    private static String body(HttpClient client, String url) {
        try {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? answer.body() : null;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
