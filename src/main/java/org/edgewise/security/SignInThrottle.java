package org.edgewise.security;

import static org.edgewise.jooq.Tables.SIGN_IN_BUCKET;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.edgewise.web.Problems;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.CustomColumnProvider;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Slows down whoever guesses passwords or API credentials. Failures are counted in token buckets
 * (Bucket4j) per account and per source address, kept in PostgreSQL so that every Master on the database
 * refuses the same guesser. Each limit ({@code edgewise.sign-in.*}, e.g. "5 per 5m") lets that many
 * failures through at once and gives them back slowly; several limits together make the wait grow with
 * the failures, up to about a day, unless an administrator unlocks the account.
 *
 * <p>An account's attempt is counted before its password is checked, so that attempts sent in parallel
 * get no more tries than attempts sent one after the other. An address's failures are counted after
 * the check, so that successful sign-ins (a whole office behind one address) cost it nothing; attempts
 * that raced past a full address put it into debt, which lengthens its wait.
 *
 * <p>Bearer credentials (API tokens, node credentials) are counted per address only: filters ask
 * {@link #bearerAttemptWait} before they look a credential up, report {@link #bearerAttemptFailed},
 * and answer a refusal with {@link #refuseBearerAttempt}.
 */
@Component
public class SignInThrottle {

    private static final String ACCOUNT = "account:";
    private static final String SIGN_IN_ADDRESS = "sign-in-address:";
    private static final String BEARER_ADDRESS = "bearer-address:";
    /** Longer names belong to no account (see Users), so they are kept as a hash of bounded length. */
    private static final int LONGEST_USERNAME = 64;

    private final ProxyManager<String> buckets;
    private final BucketConfiguration perAccount;
    private final BucketConfiguration perSignInAddress;
    private final BucketConfiguration perBearerAddress;
    private final DSLContext db;
    private final Clock clock;

    SignInThrottle(DataSource dataSource, DSLContext db, Clock clock,
            @Value("${edgewise.sign-in.account-limits:5 per 5m, 10 per 1h, 20 per 1d}") String accountLimits,
            @Value("${edgewise.sign-in.address-limits:30 per 5m, 100 per 1h, 500 per 1d}") String addressLimits,
            @Value("${edgewise.sign-in.bearer-address-limits:20 per 1m, 100 per 1h}") String bearerLimits) {
        this.db = db;
        this.clock = clock;
        this.perAccount = limits("edgewise.sign-in.account-limits", accountLimits);
        this.perSignInAddress = limits("edgewise.sign-in.address-limits", addressLimits);
        this.perBearerAddress = limits("edgewise.sign-in.bearer-address-limits", bearerLimits);
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(SIGN_IN_BUCKET.getName())
                .idColumn(SIGN_IN_BUCKET.ID.getName())
                .stateColumn(SIGN_IN_BUCKET.STATE.getName())
                .addCustomColumn(new FullAtColumn())
                .clientClock(new ClockTime(clock))
                .build();
    }

    /**
     * Counts an attempt at the account's password from the address, before the password is checked.
     *
     * @throws TooManySignInsException when the address or the account failed too often lately; the
     *                                 password must then not be checked at all
     */
    void startPasswordAttempt(String username, String address) {
        Optional<Duration> addressWait = remainingWait(signInAddressKey(address), perSignInAddress);
        if (addressWait.isPresent()) {
            throw TooManySignInsException.fromAddress(addressWait.get());
        }
        var probe = bucket(accountKey(username), perAccount).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw TooManySignInsException.forAccount(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    /** The password was wrong (or the account unknown or disabled): the address pays for it too. */
    void passwordFailed(String address) {
        bucket(signInAddressKey(address), perSignInAddress).consumeIgnoringRateLimits(1);
    }

    /** The account was signed in to: its earlier failures are forgiven. */
    void passwordAccepted(String username) {
        forget(accountKey(username));
    }

    /**
     * How long the address must wait before it may present another bearer credential; empty while it
     * has not failed too often. For an address without recent failures this is one primary-key read.
     */
    public Optional<Duration> bearerAttemptWait(String address) {
        return remainingWait(bearerAddressKey(address), perBearerAddress);
    }

    /** The address presented a bearer credential that opened nothing (unknown, revoked, of a disabled user). */
    public void bearerAttemptFailed(String address) {
        bucket(bearerAddressKey(address), perBearerAddress).consumeIgnoringRateLimits(1);
    }

    /** Answers 429 Too Many Requests, problem+json, with a Retry-After in whole seconds. */
    public static void refuseBearerAttempt(HttpServletResponse response, Duration wait) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, ceilDiv(wait.toMillis(), 1000))));
        Problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many unknown or revoked credentials came from "
                + "this address: try again in " + inWords(wait) + ".");
    }

    /** How long the account stays locked by failed sign-ins; empty when a password may be tried now. */
    public Optional<Duration> accountLockedFor(String username) {
        return remainingWait(accountKey(username), perAccount);
    }

    /** Forgets the account's failed sign-ins, so that its password may be tried again at once. */
    public void unlockAccount(String username) {
        forget(accountKey(username));
    }

    /** A full bucket is what a missing one means; deleting them keeps guessed names from piling up. */
    @Scheduled(fixedDelayString = "${edgewise.sign-in.cleanup-interval:PT10M}")
    void forgetFullBuckets() {
        db.deleteFrom(SIGN_IN_BUCKET).where(SIGN_IN_BUCKET.FULL_AT.le(OffsetDateTime.now(clock))).execute();
    }

    private Optional<Duration> remainingWait(String key, BucketConfiguration limits) {
        OffsetDateTime fullAt = db.select(SIGN_IN_BUCKET.FULL_AT).from(SIGN_IN_BUCKET).where(SIGN_IN_BUCKET.ID.eq(key))
                .fetchOne(SIGN_IN_BUCKET.FULL_AT);
        if (fullAt == null || !fullAt.isAfter(OffsetDateTime.now(clock))) {
            return Optional.empty();
        }
        var estimate = bucket(key, limits).estimateAbilityToConsume(1);
        return estimate.canBeConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(estimate.getNanosToWaitForRefill()));
    }

    private BucketProxy bucket(String key, BucketConfiguration limits) {
        Supplier<BucketConfiguration> configuration = () -> limits;
        return buckets.builder().build(key, configuration);
    }

    private void forget(String key) {
        db.deleteFrom(SIGN_IN_BUCKET).where(SIGN_IN_BUCKET.ID.eq(key)).execute();
    }

    static String accountKey(String username) {
        String name = username == null ? "" : username.strip().toLowerCase();
        return ACCOUNT + (name.length() > LONGEST_USERNAME ? Secrets.sha256(name) : name);
    }

    private static String signInAddressKey(String address) {
        return SIGN_IN_ADDRESS + network(address);
    }

    private static String bearerAddressKey(String address) {
        return BEARER_ADDRESS + network(address);
    }

    /**
     * The address as counted: an IPv4 address as it is, an IPv6 address by its /64 network, since one
     * machine is commonly given a whole /64 and could otherwise change address with every attempt.
     */
    static String network(String address) {
        if (address == null || address.isBlank()) {
            return "unknown";
        }
        String literal = address.strip();
        // only literals are parsed: a name would be looked up in DNS
        if (!literal.matches("[0-9A-Fa-f:.%]+") || literal.length() > 64) {
            return "unknown";
        }
        try {
            byte[] bytes = InetAddress.getByName(literal).getAddress();
            if (bytes.length == 16) {
                Arrays.fill(bytes, 8, 16, (byte) 0);
                return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
            }
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    /** "5 per 5m, 10 per 1h": five failures at once, given back at five per five minutes; and so on. */
    static BucketConfiguration limits(String property, String text) {
        ConfigurationBuilder builder = BucketConfiguration.builder();
        int count = 0;
        for (String limit : text.split(",")) {
            String[] parts = limit.strip().split("\\s+per\\s+");
            try {
                if (parts.length != 2) {
                    throw new IllegalArgumentException("not attempts per period");
                }
                long attempts = Long.parseLong(parts[0].strip());
                Duration period = DurationStyle.detectAndParse(parts[1].strip());
                if (attempts < 1 || period.isNegative() || period.isZero()) {
                    throw new IllegalArgumentException("not positive");
                }
                builder.addLimit(bandwidth -> bandwidth.capacity(attempts).refillGreedy(attempts, period));
                count++;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(property + ": write each limit as attempts per period, e.g. "
                        + "\"5 per 5m, 10 per 1h\"; \"" + limit.strip() + "\" is not one.", e);
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException(property + " needs at least one limit, e.g. \"5 per 5m\".");
        }
        return builder.build();
    }

    /** "40 seconds", "4 minutes", "3 hours": rounded up, so that trying again then succeeds. */
    public static String inWords(Duration wait) {
        long seconds = Math.max(1, ceilDiv(wait.toMillis(), 1000));
        if (seconds < 60) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        long minutes = ceilDiv(seconds, 60);
        if (minutes < 120) {
            return minutes + (minutes == 1 ? " minute" : " minutes");
        }
        return ceilDiv(minutes, 60) + " hours";
    }

    private static long ceilDiv(long dividend, long divisor) {
        return (dividend + divisor - 1) / divisor;
    }

    /** Bucket4j measures time with the injected clock, the same on every Master. */
    private record ClockTime(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }

    /** Writes, with each state, when the bucket will be full again: see {@link #remainingWait} and the clean-up. */
    private static final class FullAtColumn implements CustomColumnProvider<String> {
        @Override
        public void setCustomField(String key, int index, PreparedStatement statement, RemoteBucketState state,
                long nowNanos) throws SQLException {
            long refill = state.calculateFullRefillingTime(nowNanos);
            long fullNanos = refill > Long.MAX_VALUE - nowNanos ? Long.MAX_VALUE : nowNanos + refill;
            statement.setObject(index, OffsetDateTime.ofInstant(Instant.ofEpochSecond(0, fullNanos), ZoneOffset.UTC));
        }

        @Override
        public String getCustomFieldName() {
            return SIGN_IN_BUCKET.FULL_AT.getName();
        }
    }
}
