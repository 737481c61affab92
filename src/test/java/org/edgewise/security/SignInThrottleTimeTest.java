package org.edgewise.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.edgewise.jooq.Tables.SIGN_IN_BUCKET;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.edgewise.MasterTest;
import org.edgewise.TestClock;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The throttle on the real database, with the Master's clock stopped and moved by the test, so waits run out. */
class SignInThrottleTimeTest extends MasterTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    DSLContext db;

    @Autowired
    TestClock clock;

    /** Waits are read to the nanosecond: no time may pass but what the test adds. */
    @BeforeEach
    void stopTheClock() {
        clock.stop();
    }

    private SignInThrottle throttle() {
        return new SignInThrottle(dataSource, db, clock, "2 per 1m, 3 per 1h", "100 per 1m", "2 per 10m");
    }

    @Test
    void theWaitGrowsWithTheFailuresAndEndsByItself() {
        SignInThrottle throttle = throttle();
        String user = "timed-" + UUID.randomUUID();
        String address = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255);

        throttle.startPasswordAttempt(user, address);
        throttle.startPasswordAttempt(user, address);
        assertThatThrownBy(() -> throttle.startPasswordAttempt(user, address))
                .isInstanceOf(TooManySignInsException.class).hasMessageContaining("try again in 30 seconds");
        assertThat(throttle.accountLockedFor(user)).hasValueSatisfying(about(Duration.ofSeconds(30)));

        clock.advance(Duration.ofSeconds(30));
        assertThat(throttle.accountLockedFor(user)).isEmpty();
        throttle.startPasswordAttempt(user, address);
        // the third failure within the hour leaves only the hourly limit's slow refill: 20 minutes a try
        assertThat(throttle.accountLockedFor(user)).hasValueSatisfying(
                wait -> assertThat(wait).isGreaterThan(Duration.ofMinutes(15)).isLessThanOrEqualTo(Duration.ofMinutes(20)));

        clock.advance(Duration.ofMinutes(20));
        assertThat(throttle.accountLockedFor(user)).isEmpty();
        throttle.passwordAccepted(user);
        assertThat(db.fetchExists(SIGN_IN_BUCKET, SIGN_IN_BUCKET.ID.eq(SignInThrottle.accountKey(user)))).isFalse();
    }

    @Test
    void bearerFailuresRacingPastTheLimitLengthenTheWaitAndFullBucketsAreForgotten() {
        SignInThrottle throttle = throttle();
        String address = "2001:db8:" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1, 0xffff)) + "::1";
        String neighbour = address.replace("::1", "::ffff:7");

        assertThat(throttle.bearerAttemptWait(address)).isEmpty();
        for (int i = 0; i < 4; i++) {
            throttle.bearerAttemptFailed(address);
        }

        // two over the limit of 2 per 10 minutes: the address waits for three to come back
        assertThat(throttle.bearerAttemptWait(address)).hasValueSatisfying(about(Duration.ofMinutes(15)));
        assertThat(throttle.bearerAttemptWait(neighbour)).as("same /64").hasValueSatisfying(about(Duration.ofMinutes(15)));

        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.bearerAttemptWait(address)).isEmpty();
        clock.advance(Duration.ofMinutes(5));
        throttle.forgetFullBuckets();
        assertThat(db.fetchExists(SIGN_IN_BUCKET, SIGN_IN_BUCKET.ID.eq("bearer-address:" + SignInThrottle.network(address))))
                .isFalse();
    }

    @Test
    void limitsAreReadFromTheirProperties() {
        assertThat(SignInThrottle.limits("p", "5 per 5m, 10 per 1h").getBandwidths()).hasSize(2);
        assertThatThrownBy(() -> SignInThrottle.limits("edgewise.sign-in.account-limits", "5/5m"))
                .hasMessageContaining("edgewise.sign-in.account-limits").hasMessageContaining("\"5/5m\"");
        assertThat(SignInThrottle.network("::ffff:203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(SignInThrottle.network("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(SignInThrottle.network("evil.example")).isEqualTo("unknown");
    }

    /** Bucket4j computes refills in whole nanoseconds per token, so a wait may fall short by a few. */
    private static Consumer<Duration> about(Duration expected) {
        return wait -> assertThat(wait).isBetween(expected.minusMillis(1), expected);
    }
}
