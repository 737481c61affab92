package org.edgewise.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.edgewise.payment.PaymentFixtures.BILLING;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.edgewise.MasterTest;
import org.edgewise.TestClock;
import org.edgewise.payment.PaymentFixtures.Invoice;
import org.edgewise.payment.Receivables.Aged;
import org.edgewise.payment.Receivables.Bucket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** Balances are invoiced less credited less paid; aged receivables count days past due in the billing time zone. */
class ReceivablesTest extends MasterTest {

    @Autowired
    Receivables receivables;

    @Autowired
    Payments payments;

    @Autowired
    PaymentFixtures billing;

    @Autowired
    TestClock clock;

    @Test
    void eachDayPastDueFallsInItsBucketCountedInTheBillingTimeZone() {
        // at 23:30 UTC it is already the next day in Paris: the days are counted there
        clock.stop();
        Instant now = clock.instant();
        Instant lateEvening = LocalDate.ofInstant(now, ZoneOffset.UTC).atTime(23, 30).toInstant(ZoneOffset.UTC);
        clock.advance(Duration.between(now, lateEvening.isBefore(now) ? lateEvening.plus(Duration.ofDays(1))
                : lateEvening));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/Paris"));
        assertThat(today).isEqualTo(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1));
        assertThat(receivables.today()).isEqualTo(today);

        long customer = billing.customer(PaymentFixtures.uniqueReference());
        Map<Integer, String> dueDaysAgo = new LinkedHashMap<>();
        dueDaysAgo.put(-1, "1.00");
        dueDaysAgo.put(0, "2.00");
        dueDaysAgo.put(30, "4.00");
        dueDaysAgo.put(31, "8.00");
        dueDaysAgo.put(60, "16.00");
        dueDaysAgo.put(61, "32.00");
        dueDaysAgo.put(90, "64.00");
        dueDaysAgo.put(91, "128.00");
        dueDaysAgo.put(400, "256.00");
        dueDaysAgo.forEach((days, gross) -> billing.issuedInvoice(customer, "EUR", gross, today.minusDays(days)));
        Invoice paid = billing.issuedInvoice(customer, "EUR", "512.00", today.minusDays(500));
        payments.register(new Payments.NewPayment(new BigDecimal("568.00"), "EUR", today, "", customer), BILLING);

        Receivables.AgedReceivables aged = receivables.agedReceivables(BILLING);

        assertThat(billing.state(paid.id())).isEqualTo(InvoiceStates.PAID);
        Aged mine = aged.customers().stream().filter(a -> a.currency().equals("EUR")
                && a.customerReference().equals(reference(customer))).findFirst().orElseThrow();
        assertThat(mine.in(Bucket.NOT_YET_DUE)).isEqualByComparingTo("1");
        assertThat(mine.in(Bucket.DAYS_0_30)).isEqualByComparingTo("6");
        assertThat(mine.in(Bucket.DAYS_31_60)).isEqualByComparingTo("24");
        assertThat(mine.in(Bucket.DAYS_61_90)).isEqualByComparingTo("96");
        assertThat(mine.in(Bucket.OVER_90)).isEqualByComparingTo("328");
        assertThat(mine.total()).isEqualByComparingTo("455");
        assertThat(aged.items()).filteredOn(i -> i.customerReference().equals(reference(customer)))
                .extracting(Receivables.OpenItem::daysPastDue).containsExactlyInAnyOrder(-1L, 0L, 30L, 31L, 60L, 61L,
                        90L, 91L, 400L);
        Aged total = aged.totals().stream().filter(t -> t.currency().equals("EUR")).findFirst().orElseThrow();
        for (Bucket bucket : Bucket.values()) {
            BigDecimal sum = aged.customers().stream().filter(a -> a.currency().equals("EUR")).map(a -> a.in(bucket))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(total.in(bucket)).as(bucket.label()).isEqualByComparingTo(sum);
        }
        assertThat(receivables.agedReceivables(customerOf(customer)).customers()).singleElement()
                .satisfies(a -> assertThat(a.total()).isEqualByComparingTo("455"));
    }

    @Test
    void aBalanceIsWhatWasInvoicedLessWhatWasCreditedAndPaidAndAPaymentLeftOverIsCredit() {
        String reference = PaymentFixtures.uniqueReference();
        long customer = billing.customer(reference);
        LocalDate day = receivables.today();
        Invoice first = billing.issuedInvoice(customer, "EUR", "100.00", day.minusDays(40));
        Invoice second = billing.issuedInvoice(customer, "EUR", "80.00", day.minusDays(10));
        billing.issuedCreditNote(first, "20.00");

        payments.register(new Payments.NewPayment(new BigDecimal("150.00"), "EUR", day, reference, null), BILLING);

        assertThat(billing.state(first.id())).isEqualTo(InvoiceStates.PAID);
        assertThat(receivables.stillDue(second.id())).isEqualByComparingTo("10.00");
        assertThat(balance(customer)).isEqualTo(new Receivables.Balance(customer, reference(customer), name(customer),
                "EUR", amount("180.00"), amount("20.00"), amount("150.00"), amount("0.00"), amount("10.00")));

        payments.register(new Payments.NewPayment(new BigDecimal("25.00"), "EUR", day, "for " + reference, null),
                BILLING);

        assertThat(billing.state(second.id())).isEqualTo(InvoiceStates.PAID);
        assertThat(balance(customer)).isEqualTo(new Receivables.Balance(customer, reference(customer), name(customer),
                "EUR", amount("180.00"), amount("20.00"), amount("175.00"), amount("15.00"), amount("-15.00")));
        assertThat(receivables.balances(customerOf(customer))).singleElement()
                .satisfies(b -> assertThat(b.balance()).isEqualByComparingTo("-15"));
        assertThatThrownBy(() -> receivables.balances(operator())).isInstanceOf(AccessDeniedException.class);
    }

    private Receivables.Balance balance(long customer) {
        return receivables.balances(BILLING).stream().filter(b -> b.customerId() == customer).findFirst().orElseThrow();
    }

    private String reference(long customer) {
        return payments.customers(null, 0, Integer.MAX_VALUE, BILLING).stream().filter(c -> c.id() == customer)
                .findFirst().orElseThrow().reference();
    }

    private String name(long customer) {
        return payments.customers(null, 0, Integer.MAX_VALUE, BILLING).stream().filter(c -> c.id() == customer)
                .findFirst().orElseThrow().name();
    }

    private static BigDecimal amount(String value) {
        return new BigDecimal(value);
    }
}
