package org.edgewise.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class RequesterTest {

    private static JsonNode instance(String requested, String reported) throws Exception {
        return Master.JSON.readTree("""
                {"reference": "INST-000007", "title": "hello", "requestedState": "%s", "reportedState": "%s",
                 "computer": "COMP-000001", "partition": "part0",
                 "connectionParameters": {"url": "http://127.1.0.1:8080/", "port": 8080}}
                """.formatted(requested, reported));
    }

    @Test
    void aRunningInstancesConnectionParametersAreShownAsTheyAre() throws Exception {
        assertEquals(List.of("  INST-000007  hello  requested started, reported started  COMP-000001 part0",
                "      url = http://127.1.0.1:8080/", "      port = 8080"),
                Requester.instanceLines(instance("started", "started")));
    }

    @Test
    void aDestroyedInstancesConnectionParametersAreShownAsWhatTheyWere() throws Exception {
        assertEquals(List.of("  INST-000007  hello  requested destroyed, reported started  COMP-000001 part0",
                "      url (was) = http://127.1.0.1:8080/", "      port (was) = 8080"),
                Requester.instanceLines(instance("destroyed", "started")));
        assertEquals("      url (was) = http://127.1.0.1:8080/",
                Requester.instanceLines(instance("started", "destroyed")).get(1));
    }
}
