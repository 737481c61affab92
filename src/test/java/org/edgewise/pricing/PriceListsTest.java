package org.edgewise.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.edgewise.Fixtures;
import org.edgewise.MasterTest;
import org.edgewise.TestClock;
import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.catalog.Catalog;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.FieldChange;
import org.edgewise.document.TimelineEntry;
import org.edgewise.document.ValidationException;
import org.edgewise.document.WorkflowException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/**
 * Price lists: drafted with their prices, activated only from a moment still to come, then in force for
 * their customer (or everyone without a list of their own) until a later list takes over or they are retired.
 */
class PriceListsTest extends MasterTest {

    private static final Actor FINANCE = new Actor("fiona", EnumSet.of(Role.BILLING), null);

    @Autowired
    PriceLists lists;

    @Autowired
    DocumentEngine engine;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Catalog catalog;

    @Autowired
    TestClock clock;

    private long product() {
        return catalog.releaseByUrl(fixtures.release()).orElseThrow().productId();
    }

    private static PriceLists.ItemDetails item(long product, String type, String charge, String price) {
        return new PriceLists.ItemDetails(product, type, charge, new BigDecimal(price), new BigDecimal("20"));
    }

    private Document list(Long customer, Instant validFrom, PriceLists.ItemDetails... items) {
        Document list = lists.create(new PriceLists.Details(unique("prices"), customer, "EUR", validFrom, null), FINANCE);
        for (PriceLists.ItemDetails i : items) {
            lists.addItem(list.id(), i, FINANCE);
        }
        return list;
    }

    private Document active(Long customer, Instant validFrom, PriceLists.ItemDetails... items) {
        return engine.apply(list(customer, validFrom, items).id(), PricingWorkflows.ACTIVATE, FINANCE, null);
    }

    private BigDecimal monthly(Long customer, long product, String type, Instant at) {
        return lists.price(customer, product, type, PriceLists.MONTH, at).map(PriceLists.Price::unitPrice)
                .map(BigDecimal::stripTrailingZeros).orElse(null);
    }

    @Test
    void aPriceListIsActivatedOnlyWithPricesAndFromAMomentStillToCome() {
        long product = product();
        long customer = fixtures.organisation();
        Instant now = clock.instant();
        Document past = list(customer, now.minus(Duration.ofHours(1)), item(product, "", "month", "5"));
        Document empty = list(customer, now.plus(Duration.ofDays(1)));

        assertThatThrownBy(() -> engine.apply(past.id(), PricingWorkflows.ACTIVATE, FINANCE, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("validFrom");
                    assertThat(e.getMessage()).contains("never changes retroactively");
                });
        assertThatThrownBy(() -> engine.apply(empty.id(), PricingWorkflows.ACTIVATE, FINANCE, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("items"));
        assertThat(engine.get(past.id(), FINANCE).state()).isEqualTo(PricingWorkflows.DRAFT);
        assertThat(lists.price(customer, product, "default", "month", now)).isEmpty();

        lists.update(past.id(), new PriceLists.Details("Prices of tomorrow", customer, "EUR", now.plus(Duration.ofDays(1)),
                null), FINANCE);
        Document activated = engine.apply(past.id(), PricingWorkflows.ACTIVATE, FINANCE, null);

        assertThat(activated.state()).isEqualTo(PricingWorkflows.ACTIVE);
        assertThatThrownBy(() -> lists.addItem(past.id(), item(product, "", "cpu_hour", "1"), FINANCE))
                .isInstanceOf(WorkflowException.class);
        assertThatThrownBy(() -> lists.update(past.id(), new PriceLists.Details("Cheaper", customer, "EUR",
                now.plus(Duration.ofDays(1)), null), FINANCE)).isInstanceOf(WorkflowException.class);
    }

    @Test
    void theCustomersOwnListWinsOverTheGeneralOneAndALaterListTakesOverFromItsStart() {
        long product = product();
        long customer = fixtures.organisation();
        long other = fixtures.organisation();
        // far ahead, where no other test's general list starts after this one's
        Instant start = clock.instant().plus(Duration.ofDays(36_500 + ThreadLocalRandom.current().nextInt(1_000)))
                .truncatedTo(ChronoUnit.SECONDS);
        Instant later = start.plus(Duration.ofDays(10));
        Document general = active(null, start, item(product, "", "month", "10"), item(product, "", "cpu_hour", "0.05"));
        active(customer, start, item(product, "", "month", "7"), item(product, "frontend", "month", "6"));
        Document newer = active(customer, later, item(product, "", "month", "8"));

        assertThat(monthly(customer, product, "default", start)).isEqualByComparingTo("7");
        assertThat(monthly(customer, product, "frontend", start)).as("a type's own price before every type's")
                .isEqualByComparingTo("6");
        assertThat(lists.price(customer, product, "default", "cpu_hour", start)).as("the customer's list decides")
                .isEmpty();
        assertThat(monthly(other, product, "default", start)).isEqualByComparingTo("10");
        assertThat(monthly(null, product, "default", start)).isEqualByComparingTo("10");
        assertThat(lists.price(other, product, "default", "month", start)).get()
                .extracting(PriceLists.Price::priceListId, PriceLists.Price::currency, PriceLists.Price::taxRate)
                .containsExactly(general.id(), "EUR", new BigDecimal("20.00"));
        assertThat(monthly(customer, product, "default", start.minusSeconds(1))).isNull();
        assertThat(monthly(customer, product, "default", later.minusSeconds(1))).isEqualByComparingTo("7");
        assertThat(monthly(customer, product, "default", later)).isEqualByComparingTo("8");
        assertThat(monthly(customer, product, "frontend", later)).as("the later list has no price of its own for it")
                .isEqualByComparingTo("8");
        assertThat(lists.changesBetween(customer, product, "default", start.minusSeconds(60), later.plusSeconds(60)))
                .containsExactly(start, later);
        assertThat(lists.changesBetween(other, product, "default", start.minusSeconds(60), later.plusSeconds(60)))
                .containsExactly(start);

        assertThatThrownBy(() -> engine.apply(newer.id(), PricingWorkflows.RETIRE, FINANCE, null))
                .as("not in force yet: withdrawn, not retired").isInstanceOf(ValidationException.class);
        engine.apply(newer.id(), PricingWorkflows.DISCARD, FINANCE, "sent by mistake");

        assertThat(monthly(customer, product, "default", later)).isEqualByComparingTo("7");
    }

    @Test
    void retiringEndsAListNowAndAListInForceCannotBeWithdrawn() {
        long product = product();
        long customer = fixtures.organisation();
        Instant start = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(60);
        Document list = active(customer, start, item(product, "", "month", "12.5"));
        clock.stop();
        clock.advance(Duration.between(clock.instant(), start.plus(Duration.ofDays(3)).plusMillis(300)));
        Instant retiredAt = clock.instant();

        assertThatThrownBy(() -> engine.apply(list.id(), PricingWorkflows.DISCARD, FINANCE, null))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.getMessage()).contains("retire it instead"));
        engine.apply(list.id(), PricingWorkflows.RETIRE, FINANCE, null);

        Instant end = retiredAt.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        assertThat(lists.get(engine.get(list.id(), FINANCE).reference(), FINANCE).validTo()).isEqualTo(end);
        assertThat(monthly(customer, product, "default", retiredAt)).as("the past keeps its price")
                .isEqualByComparingTo("12.5");
        assertThat(monthly(customer, product, "default", end)).isNull();
        assertThat(engine.timeline(engine.get(list.id(), FINANCE), FINANCE)).extracting(TimelineEntry::changes)
                .contains(List.of(new FieldChange("valid to", null, lists.when(end))));
    }

    @Test
    void pricesAreCheckedAndEveryChangeOfADraftIsOnItsTimeline() {
        long product = product();
        long customer = fixtures.organisation();
        Instant start = clock.instant().plus(Duration.ofDays(2));
        Document list = list(customer, start);

        assertThatThrownBy(() -> lists.addItem(list.id(), item(product, "", "hourly", "1"), FINANCE))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("charge"));
        assertThatThrownBy(() -> lists.addItem(list.id(), item(product, "", "month", "1.1234567"), FINANCE))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("unitPrice"));
        assertThatThrownBy(() -> lists.addItem(list.id(), item(product, "", "month", "-1"), FINANCE))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("unitPrice"));
        assertThatThrownBy(() -> lists.addItem(list.id(), new PriceLists.ItemDetails(product, "", "month",
                BigDecimal.ONE, new BigDecimal("100")), FINANCE))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("taxRate"));
        assertThatThrownBy(() -> lists.addItem(list.id(), item(product, "no spaces", "month", "1"), FINANCE))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("softwareType"));
        assertThatThrownBy(() -> lists.addItem(list.id(), item(list.id(), "", "month", "1"), FINANCE))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("product"));
        assertThatThrownBy(() -> lists.create(new PriceLists.Details("Euros", null, "EURO", start, null), FINANCE))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("currency"));
        assertThatThrownBy(() -> lists.create(new PriceLists.Details("Backwards", null, "EUR", start,
                start.minusSeconds(1)), FINANCE))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("validTo"));

        PriceLists.Item monthly = lists.addItem(list.id(), item(product, "", "month", "9.9"), FINANCE);
        assertThatThrownBy(() -> lists.addItem(list.id(), item(product, "", "month", "8"), FINANCE))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.getMessage()).contains("already has a price"));
        lists.changeItem(monthly.id(), item(product, "", "month", "10.5"), FINANCE);
        PriceLists.Item requests = lists.addItem(list.id(), item(product, "", "counter:requests", "0.00001"), FINANCE);
        lists.removeItem(requests.id(), FINANCE);

        assertThat(lists.items(list.id(), FINANCE)).singleElement()
                .satisfies(i -> assertThat(i.unitPrice()).isEqualByComparingTo("10.5"));
        String month = "price " + PriceLists.Item.describe(monthly.productName(), "", "month");
        String counter = "price " + PriceLists.Item.describe(monthly.productName(), "", "counter:requests");
        assertThat(engine.timeline(list, FINANCE)).flatExtracting(TimelineEntry::changes).containsSubsequence(
                new FieldChange(month, null, "9.90 EUR, tax 20.00 %"),
                new FieldChange(month, "9.90 EUR, tax 20.00 %", "10.50 EUR, tax 20.00 %"),
                new FieldChange(counter, null, "0.00001 EUR, tax 20.00 %"),
                new FieldChange(counter, "0.00001 EUR, tax 20.00 %", null));
    }

    @Test
    void aCustomerSeesItsOwnListsOnlyAndCreatesNone() {
        long product = product();
        long customer = fixtures.organisation();
        Document own = list(customer, clock.instant().plus(Duration.ofDays(1)), item(product, "", "month", "1"));
        Document general = list(null, clock.instant().plus(Duration.ofDays(1)), item(product, "", "month", "2"));
        Document another = list(fixtures.organisation(), clock.instant().plus(Duration.ofDays(1)));
        Actor carl = Fixtures.customer(customer);

        assertThat(lists.get(own.reference(), carl).customerId()).isEqualTo(customer);
        assertThat(lists.items(own.id(), carl)).hasSize(1);
        assertThatThrownBy(() -> lists.get(general.reference(), carl)).isInstanceOf(DocumentNotFoundException.class);
        assertThatThrownBy(() -> lists.get(another.reference(), carl)).isInstanceOf(DocumentNotFoundException.class);
        assertThatThrownBy(() -> lists.create(new PriceLists.Details("Mine", customer, "EUR",
                clock.instant().plus(Duration.ofDays(1)), null), carl)).isInstanceOf(AccessDeniedException.class);
    }
}
