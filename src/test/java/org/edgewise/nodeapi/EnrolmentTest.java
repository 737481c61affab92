package org.edgewise.nodeapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edgewise.Fixtures.OPERATOR;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.edgewise.Fixtures;
import org.edgewise.Http;
import org.edgewise.MasterTest;
import org.edgewise.TestClock;
import org.edgewise.document.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An enrolment token is good for {@link Enrolment#TOKEN_LIFETIME} from when it was made, by the Master's clock. */
class EnrolmentTest extends MasterTest {

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Enrolment enrolment;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        clock.stop();
    }

    @Test
    void aTokenWorksUntilItsLifetimeEndsThenIsRefusedWhileAFreshOneWorks() {
        Document early = fixtures.openComputer("enrolment", 1, 0, List.of());
        Document late = fixtures.openComputer("enrolment", 1, 0, List.of());
        String usedInTime = enrolment.createToken(early.id(), OPERATOR);
        String usedTooLate = enrolment.createToken(late.id(), OPERATOR);

        clock.advance(Enrolment.TOKEN_LIFETIME.minus(Duration.ofSeconds(1)));
        var inTime = enrol(usedInTime);
        clock.advance(Duration.ofSeconds(2));
        var tooLate = enrol(usedTooLate);
        var fresh = enrol(enrolment.createToken(late.id(), OPERATOR));

        assertThat(inTime.status()).as(inTime.body()).isEqualTo(200);
        assertThat(inTime.json().get("computer").asText()).isEqualTo(early.reference());
        assertThat(tooLate.status()).isEqualTo(403);
        assertThat(tooLate.json().get("detail").asText()).isEqualTo(
                "This enrolment token has expired; ask an operator for a new one.");
        assertThat(fresh.status()).as(fresh.body()).isEqualTo(200);
        assertThat(fresh.json().get("credential").asText()).startsWith(late.reference() + ".");
    }

    private Http.Response enrol(String token) {
        return http.post("/api/node/v1/enrol", null, Map.of("token", token));
    }
}
