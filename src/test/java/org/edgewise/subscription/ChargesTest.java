package org.edgewise.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.edgewise.jooq.Tables.USAGE_CHARGE;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.edgewise.Fixtures;
import org.edgewise.instance.InstanceInfo;
import org.edgewise.pricing.PriceLists;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Charges turn subscriptions and usage into invoice candidates: the recurring price prorated to the second
 * by the real length of the month in Europe/Paris, cut where the price changes and where the subscription
 * was suspended; usage priced once, whenever it arrives. Every expected figure is worked out by hand here.
 */
class ChargesTest extends SubscriptionScenarios {

    /**
     * A subscription started inside a month, charged to the month's end at 9.90 a month. Each case: its
     * start, its month [start, end), and the amount and share of the month worked out below.
     */
    static Stream<Arguments> partsOfMonths() {
        return Stream.of(
                // December 2026, 31 days without a clock change: 31 × 86,400 = 2,678,400 s.
                // 11 Dec 00:00 → 1 Jan 00:00 is 21 × 86,400 = 1,814,400 s.
                // 9.90 × 1,814,400 / 2,678,400 = 9.90 × 21 / 31 = 207.9 / 31 = 6.706451612903|2258… ; 21/31 = 0.677419|35…
                Arguments.of("31 days", paris(2026, 12, 11, 0, 0, 0), paris(2026, 12, 1, 0, 0, 0),
                        paris(2027, 1, 1, 0, 0, 0), "6.706451612903", "0.677419", "21.00 of 31 days"),
                // February 2027, 28 days: 2,419,200 s. 10 Feb 00:00 → 1 Mar 00:00 is 19 days = 1,641,600 s.
                // 9.90 × 19 / 28 = 188.1 / 28 = 6.717857142857|1428… ; 19/28 = 0.678571|428…
                Arguments.of("28 days", paris(2027, 2, 10, 0, 0, 0), paris(2027, 2, 1, 0, 0, 0),
                        paris(2027, 3, 1, 0, 0, 0), "6.717857142857", "0.678571", "19.00 of 28 days"),
                // February 2028, 29 days: 2,505,600 s. 20 Feb 06:30:15 → 1 Mar 00:00 is 9 days 17:29:45
                // = 777,600 + 62,985 = 840,585 s. 9.90 × 840,585 = 8,321,791.5; / 2,505,600 = 3.321276939655|1724…
                // 840,585 / 2,505,600 = 0.335482|519…: rounded 0.335483
                Arguments.of("29 days", paris(2028, 2, 20, 6, 30, 15), paris(2028, 2, 1, 0, 0, 0),
                        paris(2028, 3, 1, 0, 0, 0), "3.321276939655", "0.335483", "9.73 of 29 days"),
                // November 2027, 30 days: 2,592,000 s. 16 Nov 12:00 → 1 Dec 00:00 is 14.5 days = 1,252,800 s.
                // 9.90 × 1,252,800 = 12,402,720; / 2,592,000 = 4.785 exactly; 14.5 / 30 = 0.483333|33…
                Arguments.of("30 days", paris(2027, 11, 16, 12, 0, 0), paris(2027, 11, 1, 0, 0, 0),
                        paris(2027, 12, 1, 0, 0, 0), "4.785000000000", "0.483333", "14.50 of 30 days"),
                // March 2027: on Sunday 28 March at 02:00 the clocks go forward to 03:00, so the month is one
                // hour short: 31 × 86,400 − 3,600 = 2,674,800 s. 15 Mar 00:00 CET → 1 Apr 00:00 CEST is
                // 17 × 86,400 − 3,600 = 1,465,200 s. 9.90 × 1,465,200 = 14,505,480; / 2,674,800
                // = 5.423014804845|2220… ; 1,465,200 / 2,674,800 = 0.547779|…
                Arguments.of("March, an hour short", paris(2027, 3, 15, 0, 0, 0), paris(2027, 3, 1, 0, 0, 0),
                        paris(2027, 4, 1, 0, 0, 0), "5.423014804845", "0.547779", "16.96 of 31 days"),
                // October 2027: on Sunday 31 October at 03:00 the clocks go back to 02:00, so the month is one
                // hour long: 31 × 86,400 + 3,600 = 2,682,000 s. 21 Oct 00:00 CEST → 1 Nov 00:00 CET is
                // 11 × 86,400 + 3,600 = 954,000 s. 9.90 × 954,000 = 9,444,600; / 2,682,000 = 3.521476510067|1140…
                // 954,000 / 2,682,000 = 0.355704|69…: rounded 0.355705
                Arguments.of("October, an hour long", paris(2027, 10, 21, 0, 0, 0), paris(2027, 10, 1, 0, 0, 0),
                        paris(2027, 11, 1, 0, 0, 0), "3.521476510067", "0.355705", "11.04 of 31 days"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("partsOfMonths")
    void theMonthlyPriceIsProratedToTheSecondByTheRealLengthOfTheMonth(String month, Instant start,
            Instant periodStart, Instant periodEnd, String amount, String quantity, String days) {
        long customer = customer();
        Product product = product();
        activeList(customer, List.of(price(product, PriceLists.MONTH, "9.90")));
        moveTo(start);
        Subscriptions.Row subscription = subscriptionOf(service(customer, product));
        moveTo(periodEnd.plusSeconds(3600));

        int made = charges.prepareFor(customer, periodStart, periodEnd);

        assertThat(made).isEqualTo(1);
        assertThat(candidates(subscription)).singleElement().satisfies(c -> {
            assertThat(c.periodStart()).isEqualTo(start);
            assertThat(c.periodEnd()).isEqualTo(periodEnd);
            assertThat(c.amount()).isEqualByComparingTo(amount);
            assertThat(c.amount().scale()).isEqualTo(12);
            assertThat(c.quantity()).isEqualByComparingTo(quantity);
            assertThat(c.unit()).isEqualTo("month");
            assertThat(c.unitPrice()).isEqualByComparingTo("9.90");
            assertThat(c.currency()).isEqualTo("EUR");
            assertThat(c.taxRate()).isEqualByComparingTo("20");
            assertThat(c.invoice()).isNull();
            assertThat(c.description()).startsWith(product.name() + " (default), ").endsWith("(" + days + ")");
        });
        assertThat(subscriptions.get(subscription.reference(), FINANCE).billedUntil()).isEqualTo(periodEnd);
    }

    @Test
    void aPriceChangeInsideTheMonthSplitsTheChargeAtTheNewListsStart() {
        long customer = customer();
        Product product = product();
        activeList(customer, List.of(price(product, PriceLists.MONTH, "10.00")));
        Instant change = paris(2027, 1, 16, 0, 0, 0);
        activeList(customer, change, List.of(price(product, PriceLists.MONTH, "20.00")));
        Instant start = paris(2027, 1, 1, 0, 0, 0);
        Instant end = paris(2027, 2, 1, 0, 0, 0);
        moveTo(start);
        Subscriptions.Row subscription = subscriptionOf(service(customer, product));
        moveTo(end.plusSeconds(60));

        int made = charges.prepareFor(customer, start, end);

        // January 2027: 31 days = 2,678,400 s.
        // 1 → 16 Jan is 15 days = 1,296,000 s at 10.00: 10 × 15 / 31 = 4.838709677419|35…; 15/31 = 0.483871
        // 16 Jan → 1 Feb is 16 days = 1,382,400 s at 20.00: 20 × 16 / 31 = 10.322580645161|29…; 16/31 = 0.516129
        assertThat(made).isEqualTo(2);
        assertThat(candidates(subscription))
                .extracting(c -> c.periodStart(), c -> c.periodEnd(), c -> c.unitPrice(), c -> c.amount(),
                        c -> c.quantity())
                .containsExactly(
                        tuple(start, change, new BigDecimal("10.000000"), new BigDecimal("4.838709677419"),
                                new BigDecimal("0.483871")),
                        tuple(change, end, new BigDecimal("20.000000"), new BigDecimal("10.322580645161"),
                                new BigDecimal("0.516129")));
    }

    @Test
    void theTimeASubscriptionIsSuspendedIsNotCharged() {
        long customer = customer();
        Product product = product();
        activeList(customer, List.of(price(product, PriceLists.MONTH, "9.90")));
        moveTo(paris(2027, 2, 1, 0, 0, 0));
        Subscriptions.Row subscription = subscriptionOf(service(customer, product));
        moveTo(paris(2027, 2, 8, 0, 0, 0));
        engine.apply(subscription.id(), SubscriptionWorkflows.SUSPEND, FINANCE, "unpaid invoice");
        moveTo(paris(2027, 2, 15, 0, 0, 0));
        engine.apply(subscription.id(), SubscriptionWorkflows.RESUME, FINANCE, "paid");
        moveTo(paris(2027, 3, 2, 0, 0, 0));

        charges.prepareFor(customer, paris(2027, 2, 1, 0, 0, 0), paris(2027, 3, 1, 0, 0, 0));

        // February 2027 has 28 days; 1 → 8 Feb is 7 days: 9.90 × 7 / 28 = 2.475; 15 Feb → 1 Mar is 14 days:
        // 9.90 × 14 / 28 = 4.95. The 7 days suspended in between cost nothing.
        assertThat(candidates(subscription)).extracting(c -> c.periodStart(), c -> c.periodEnd(), c -> c.amount())
                .containsExactly(
                        tuple(paris(2027, 2, 1, 0, 0, 0), paris(2027, 2, 8, 0, 0, 0), new BigDecimal("2.475000000000")),
                        tuple(paris(2027, 2, 15, 0, 0, 0), paris(2027, 3, 1, 0, 0, 0),
                                new BigDecimal("4.950000000000")));
    }

    @Test
    void aClosedSubscriptionIsChargedUpToItsEndAndNothingIsChargedForTimeStillToCome() {
        long customer = customer();
        Product product = product();
        activeList(customer, List.of(price(product, PriceLists.MONTH, "31.00")));
        moveTo(paris(2026, 12, 5, 0, 0, 0));
        InstanceInfo root = service(customer, product);
        Subscriptions.Row subscription = subscriptionOf(root);
        moveTo(paris(2026, 12, 10, 0, 0, 0));
        Instant monthEnd = paris(2027, 1, 1, 0, 0, 0);

        charges.prepareFor(customer, paris(2026, 12, 1, 0, 0, 0), monthEnd);
        moveTo(paris(2026, 12, 12, 12, 0, 0));
        trees.destroy(root.tree(), Fixtures.customer(customer));
        moveTo(monthEnd.plusSeconds(1));
        charges.prepareFor(customer, paris(2026, 12, 1, 0, 0, 0), monthEnd);

        // 31.00 a month of 31 days is 1.00 a day: the first run, on 10 Dec, charges 5 → 10 Dec (5.00), the
        // second the time to the end on 12 Dec 12:00 (2.50), and nothing after it
        assertThat(candidates(subscription)).extracting(c -> c.periodStart(), c -> c.periodEnd(), c -> c.amount())
                .containsExactly(
                        tuple(paris(2026, 12, 5, 0, 0, 0), paris(2026, 12, 10, 0, 0, 0), new BigDecimal("5.000000000000")),
                        tuple(paris(2026, 12, 10, 0, 0, 0), paris(2026, 12, 12, 12, 0, 0),
                                new BigDecimal("2.500000000000")));
        assertThat(subscriptions.get(subscription.reference(), FINANCE).state()).isEqualTo(SubscriptionWorkflows.CLOSED);
    }

    @Test
    void preparingTwiceMakesNothingNew() {
        long customer = customer();
        Product product = product();
        activeList(customer, List.of(price(product, PriceLists.MONTH, "9.90"), price(product, PriceLists.CPU_HOUR,
                "0.05")));
        moveTo(paris(2027, 4, 3, 0, 0, 0));
        InstanceInfo root = service(customer, product);
        usage(root, customer, "cpu_seconds", "3600", paris(2027, 4, 3, 0, 0, 0), paris(2027, 4, 3, 1, 0, 0));
        moveTo(paris(2027, 5, 1, 1, 0, 0));
        Instant start = paris(2027, 4, 1, 0, 0, 0);
        Instant end = paris(2027, 5, 1, 0, 0, 0);

        int first = charges.prepareFor(customer, start, end);
        int again = charges.prepareFor(customer, start, end);
        charges.prepare(start, end);
        int everyoneAgain = charges.prepare(start, end);

        assertThat(first).isEqualTo(2);
        assertThat(again).isZero();
        assertThat(everyoneAgain).isZero();
        assertThat(candidates(subscriptionOf(root))).hasSize(2);
    }

    @Test
    void usageIsPricedOnceWhenItArrivesAndARowReceivedAfterARunIsPricedByTheNextRun() {
        long customer = customer();
        Product product = product();
        activeList(customer, List.of(price(product, PriceLists.CPU_HOUR, "0.05"),
                price(product, PriceLists.DISK_GB_MONTH, "0.10"), price(product, "counter:requests", "0.000010")));
        moveTo(paris(2026, 12, 20, 0, 0, 0));
        InstanceInfo root = service(customer, product);
        Subscriptions.Row subscription = subscriptionOf(root);
        Instant day = paris(2026, 12, 20, 0, 0, 0);
        Instant nextDay = paris(2026, 12, 21, 0, 0, 0);
        long cpu = usage(root, customer, "cpu_seconds", "5400", day, nextDay);
        long moreCpu = usage(root, customer, "cpu_seconds", "1800", day, nextDay);
        long disk = usage(root, customer, "disk_bytes", "50000000000", day, nextDay);
        long requestsServed = usage(root, customer, "counter:requests", "1234567", day, nextDay);
        long memory = usage(root, customer, "memory_peak_bytes", "800000000", day, nextDay);
        moveTo(paris(2027, 1, 1, 0, 30, 0));
        Instant start = paris(2026, 12, 1, 0, 0, 0);
        Instant end = paris(2027, 1, 1, 0, 0, 0);

        int made = charges.prepareFor(customer, start, end);

        // CPU: (5,400 + 1,800) s / 3,600 = 2 hours × 0.05 = 0.10
        // disk: 50 GB for one day of a 31-day month: 5 × 10^10 × 86,400 / (10^9 × 2,678,400) = 50 / 31
        //       = 1.612903|2… GB-months; 1.612903 × 0.10 = 0.1612903
        // requests: 1,234,567 × 0.000010 = 12.34567
        // memory is shown, never priced
        assertThat(made).isEqualTo(3);
        assertThat(candidates(subscription))
                .extracting(c -> c.unit(), c -> c.quantity(), c -> c.amount())
                .containsExactlyInAnyOrder(
                        tuple("hour", new BigDecimal("2.000000"), new BigDecimal("0.100000000000")),
                        tuple("GB-month", new BigDecimal("1.612903"), new BigDecimal("0.161290300000")),
                        tuple("requests", new BigDecimal("1234567.000000"), new BigDecimal("12.345670000000")));
        assertThat(candidates(subscription)).filteredOn(c -> c.unit().equals("hour")).singleElement()
                .satisfies(c -> assertThat(c.description()).isEqualTo(product.name()
                        + " (default), CPU time, 20 Dec 2026 00:00 – 21 Dec 2026 00:00 (2 records)"));
        assertThat(pricedBy(cpu)).isEqualTo(pricedBy(moreCpu)).isNotNull();
        assertThat(pricedBy(disk)).isNotNull();
        assertThat(pricedBy(requestsServed)).isNotNull();
        assertThat(pricedBy(memory)).isNull();

        long late = usage(root, customer, "cpu_seconds", "900", day, nextDay);
        int next = charges.prepareFor(customer, start, end);
        int after = charges.prepareFor(customer, start, end);

        // 900 s = 0.25 hour × 0.05 = 0.0125, in a candidate of its own, since the first is already made
        assertThat(next).isEqualTo(1);
        assertThat(after).isZero();
        assertThat(pricedBy(late)).isNotNull().isNotEqualTo(pricedBy(cpu));
        assertThat(candidates(subscription)).filteredOn(c -> c.unit().equals("hour"))
                .extracting(c -> c.quantity(), c -> c.amount())
                .containsExactlyInAnyOrder(tuple(new BigDecimal("2.000000"), new BigDecimal("0.100000000000")),
                        tuple(new BigDecimal("0.250000"), new BigDecimal("0.012500000000")));
        assertThat(db.fetchCount(USAGE_CHARGE, USAGE_CHARGE.USAGE_RECORD_ID.in(cpu, moreCpu, disk, requestsServed,
                late))).isEqualTo(5);
        assertThat(subscriptions.unpricedUsage(subscription.id(), FINANCE)).isEmpty();
    }

    @Test
    void usageMeasuredAfterTheMonthIsLeftToTheNextMonthsCharges() {
        long customer = customer();
        Product product = product();
        activeList(customer, List.of(price(product, PriceLists.CPU_HOUR, "0.05")));
        moveTo(paris(2027, 9, 30, 12, 0, 0));
        InstanceInfo root = service(customer, product);
        Subscriptions.Row subscription = subscriptionOf(root);
        long september = usage(root, customer, "cpu_seconds", "3600", paris(2027, 9, 30, 12, 0, 0),
                paris(2027, 9, 30, 13, 0, 0));
        long october = usage(root, customer, "cpu_seconds", "7200", paris(2027, 10, 2, 8, 0, 0),
                paris(2027, 10, 2, 9, 0, 0));
        // September is invoiced on the 2nd of October, when October's usage is already arriving
        moveTo(paris(2027, 10, 2, 10, 0, 0));

        charges.prepareFor(customer, paris(2027, 9, 1, 0, 0, 0), paris(2027, 10, 1, 0, 0, 0));

        assertThat(pricedBy(september)).isNotNull();
        assertThat(pricedBy(october)).isNull();
        assertThat(candidates(subscription)).filteredOn(c -> c.unit().equals("hour"))
                .extracting(c -> c.quantity(), c -> c.periodEnd())
                .containsExactly(tuple(new BigDecimal("1.000000"), paris(2027, 9, 30, 13, 0, 0)));

        moveTo(paris(2027, 11, 1, 0, 30, 0));
        charges.prepareFor(customer, paris(2027, 10, 1, 0, 0, 0), paris(2027, 11, 1, 0, 0, 0));

        assertThat(pricedBy(october)).isNotNull().isNotEqualTo(pricedBy(september));
        assertThat(candidates(subscription)).filteredOn(c -> c.unit().equals("hour"))
                .extracting(c -> c.quantity(), c -> c.periodStart())
                .containsExactly(tuple(new BigDecimal("1.000000"), paris(2027, 9, 30, 12, 0, 0)),
                        tuple(new BigDecimal("2.000000"), paris(2027, 10, 2, 8, 0, 0)));
    }

    @Test
    void usageWithoutAPriceInForceStaysUnpricedAndIsShownAsSuch() {
        long customer = customer();
        Product product = product();
        activeList(customer, List.of(price(product, PriceLists.CPU_HOUR, "0.05")));
        moveTo(paris(2027, 6, 10, 0, 0, 0));
        InstanceInfo root = service(customer, product);
        Subscriptions.Row subscription = subscriptionOf(root);
        long disk = usage(root, customer, "disk_bytes", "1000000000", paris(2027, 6, 10, 0, 0, 0),
                paris(2027, 6, 10, 1, 0, 0));
        long cpu = usage(root, customer, "cpu_seconds", "60", paris(2027, 6, 10, 0, 0, 0), paris(2027, 6, 10, 1, 0, 0));
        moveTo(paris(2027, 7, 1, 0, 0, 1));
        Instant start = paris(2027, 6, 1, 0, 0, 0);
        Instant end = paris(2027, 7, 1, 0, 0, 0);

        assertThat(subscriptions.unpricedUsage(subscription.id(), FINANCE))
                .extracting(Subscriptions.UnpricedUsage::metric, Subscriptions.UnpricedUsage::priceInForce,
                        Subscriptions.UnpricedUsage::records)
                .containsExactly(tuple("cpu_seconds", true, 1), tuple("disk_bytes", false, 1));

        charges.prepareFor(customer, start, end);
        charges.prepareFor(customer, start, end);

        assertThat(pricedBy(cpu)).isNotNull();
        assertThat(pricedBy(disk)).isNull();
        assertThat(candidates(subscription)).extracting(Subscriptions.Candidate::unit).containsExactly("hour");
        assertThat(subscriptions.unpricedUsage(subscription.id(), FINANCE)).singleElement().satisfies(u -> {
            assertThat(u.metric()).isEqualTo("disk_bytes");
            assertThat(u.priceInForce()).isFalse();
            assertThat(u.from()).isEqualTo(paris(2027, 6, 10, 0, 0, 0));
        });
    }

    private Long pricedBy(long usageRecordId) {
        return db.select(USAGE_CHARGE.CANDIDATE_ID).from(USAGE_CHARGE)
                .where(USAGE_CHARGE.USAGE_RECORD_ID.eq(usageRecordId)).fetchOne(USAGE_CHARGE.CANDIDATE_ID);
    }
}
