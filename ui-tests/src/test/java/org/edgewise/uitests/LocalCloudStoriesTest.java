package org.edgewise.uitests;

import static com.codeborne.selenide.Condition.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.edgewise.uitests.pages.HomePage;
import org.edgewise.uitests.pages.LoginPage;
import org.edgewise.uitests.pages.ServicePage;
import org.junit.jupiter.api.Test;

/** Stories that need the nodes of the local cloud, not only the Master. */
class LocalCloudStoriesTest extends BrowserTest {

    private static final Duration STARTING = Duration.ofSeconds(120);

    @Test
    void aCustomerRequestsAWebServiceWatchesItStartAndItsPublishedUrlAnswers() throws Exception {
        HomePage home = LoginPage.open().signInAs("demo", master.demoPassword());
        String title = unique("hello");

        ServicePage service = home.services().requestService()
                .title(title)
                .release("web 1.0")
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
    }
}
