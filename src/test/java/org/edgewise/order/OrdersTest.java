package org.edgewise.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.SUBSCRIPTION;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.edgewise.Fixtures;
import org.edgewise.MasterTest;
import org.edgewise.TestClock;
import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.catalog.Catalog;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.PageRequest;
import org.edgewise.document.TimelineEntry;
import org.edgewise.document.ValidationException;
import org.edgewise.instance.Trees;
import org.edgewise.payment.Payments;
import org.edgewise.pricing.PriceLists;
import org.edgewise.pricing.PricingWorkflows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

class OrdersTest extends MasterTest {

    private static final Actor SALES = new Actor("sam", EnumSet.of(Role.SALES), null);
    private static final Actor BILLING = new Actor("bill", EnumSet.of(Role.BILLING), null);

    @Autowired
    Orders orders;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Catalog catalog;

    @Autowired
    DocumentEngine engine;

    @Autowired
    Trees trees;

    @Autowired
    PriceLists prices;

    @Autowired
    Payments payments;

    @Autowired
    TestClock clock;

    @Autowired
    org.jooq.DSLContext db;

    @AfterEach
    void noCheck() {
        orders.checkWith(Orders.Check.NONE, new BigDecimal("100"));
    }

    private Catalog.Release release() {
        return catalog.releaseByUrl(fixtures.release()).orElseThrow();
    }

    /**
     * A price list of the customer's own, in force from a few seconds from now on (a list never applies from the
     * past), waited for on the real time, which the charges of other tests run on: the month costs {@code month}
     * plus 20 % tax.
     */
    private void priced(long customer, Catalog.Release release, String month) {
        Instant from = clock.instant().plusSeconds(3);
        Document list = prices.create(new PriceLists.Details("Prices " + UUID.randomUUID(), customer, "EUR", from, null),
                BILLING);
        prices.addItem(list.id(), new PriceLists.ItemDetails(release.productId(), "", PriceLists.MONTH,
                new BigDecimal(month), new BigDecimal("20")), BILLING);
        engine.apply(list.id(), PricingWorkflows.ACTIVATE, BILLING, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> clock.instant().isAfter(from));
    }

    /** Destroys the services the orders became: a priced service left running would be charged by other tests' runs. */
    private void destroyServices(Actor customer, Orders.Order... placed) {
        for (Orders.Order order : placed) {
            orders.get(order.id(), customer).lines().stream().map(Orders.Line::tree).filter(java.util.Objects::nonNull)
                    .forEach(tree -> trees.destroy(tree, customer));
        }
    }

    private static Orders.NewLine line(Catalog.Release release, String title, Map<String, Object> parameters) {
        return new Orders.NewLine(null, release.reference(), "frontend", title, parameters);
    }

    @Test
    void anOrderWithNoCheckIsConfirmedAtOnceAndEachServiceBecomesATreeOfTheCustomer() {
        Catalog.Release release = release();
        long customer = fixtures.organisation();
        Actor carl = Fixtures.customer(customer);

        Orders.Order order = orders.orderNow(List.of(line(release, "site", Map.of("greeting", "Bonjour")),
                new Orders.NewLine(release.productName(), null, null, "second", Map.of())), carl);

        assertThat(order.state()).isEqualTo(OrderWorkflows.CONFIRMED);
        assertThat(order.orderedBy()).isEqualTo(carl.name());
        assertThat(order.lines()).extracting(Orders.Line::tree).doesNotContainNull();
        assertThat(order.lines()).extracting(Orders.Line::softwareType).containsExactly("frontend", "default");
        Trees.Tree tree = trees.get(order.lines().get(0).tree(), carl);
        assertThat(tree.title()).isEqualTo("site");
        assertThat(tree.instances().get(0).parameters().get("greeting").asText()).isEqualTo("Bonjour");
        assertThat(engine.timeline(engine.get(order.id(), carl), carl)).extracting(TimelineEntry::toState)
                .containsSubsequence(OrderWorkflows.SUBMITTED, OrderWorkflows.CONFIRMED);
    }

    @Test
    void aServiceNameTheCustomerAlreadyUsesIsRefusedAndNothingIsOrdered() {
        Catalog.Release release = release();
        long customer = fixtures.organisation();
        Actor carl = Fixtures.customer(customer);
        orders.orderNow(List.of(line(release, "blog", Map.of())), carl);
        int before = orders.count(new PageRequest(null, null, List.of(), 0, 100), carl);

        assertThatThrownBy(() -> orders.orderNow(List.of(line(release, "shop", Map.of()), line(release, "blog", Map.of())),
                carl)).isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("services[1].title");
                    assertThat(e.getMessage()).contains("already have a service named \"blog\"");
                });
        assertThat(orders.count(new PageRequest(null, null, List.of(), 0, 100), carl)).isEqualTo(before);
    }

    @Test
    void anUnknownProductOrPlanIsRefusedNamingTheField() {
        Catalog.Release release = release();
        Actor carl = Fixtures.customer(fixtures.organisation());

        assertThatThrownBy(() -> orders.orderNow(List.of(new Orders.NewLine("no such product", null, null, "x", Map.of())),
                carl)).isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("services[0].product"));
        assertThatThrownBy(() -> orders.orderNow(List.of(new Orders.NewLine(null, release.reference(), "gold", "x",
                Map.of())), carl)).isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("services[0].plan");
                    assertThat(e.getMessage()).contains("default, frontend");
                });
    }

    @Test
    void salesStaffSendAQuotationThatTheCustomerAcceptsAndAnotherCustomerCannotSee() {
        Catalog.Release release = release();
        long customer = fixtures.organisation();
        Actor carl = Fixtures.customer(customer);
        Actor other = Fixtures.customer(fixtures.organisation());
        priced(customer, release, "9.90");

        Document quotation = orders.create(customer, "Proposal", SALES);
        orders.addLine(quotation.id(), line(release, "edge-site", Map.of()), SALES);
        engine.apply(quotation.id(), OrderWorkflows.QUOTE, SALES, null);

        assertThatThrownBy(() -> orders.addLine(quotation.id(), line(release, "more", Map.of()), SALES))
                .isInstanceOf(org.edgewise.document.WorkflowException.class);
        assertThatThrownBy(() -> orders.get(quotation.reference(), other)).isInstanceOf(DocumentNotFoundException.class);
        assertThatThrownBy(() -> engine.apply(quotation.id(), OrderWorkflows.ACCEPT, other, null))
                .isInstanceOf(DocumentNotFoundException.class);
        assertThatThrownBy(() -> engine.apply(quotation.id(), OrderWorkflows.ACCEPT, SALES, null))
                .isInstanceOf(AccessDeniedException.class);
        Orders.Order shown = orders.get(quotation.reference(), carl);
        assertThat(shown.lines().get(0).monthPriceWithTax()).isEqualByComparingTo("11.88");

        engine.apply(quotation.id(), OrderWorkflows.ACCEPT, carl, null);

        Orders.Order accepted = orders.get(quotation.reference(), carl);
        assertThat(accepted.state()).isEqualTo(OrderWorkflows.CONFIRMED);
        assertThat(accepted.orderedBy()).isEqualTo(carl.name());
        assertThat(trees.get(accepted.lines().get(0).tree(), carl).title()).isEqualTo("edge-site");
        assertThat(orders.page(new PageRequest(null, null, List.of(), 0, 100), other))
                .extracting(Orders.Row::reference).doesNotContain(quotation.reference());
        destroyServices(carl, accepted);
    }

    @Test
    void overTheCreditLimitAnOrderWaitsForSalesStaffWhoConfirmIt() {
        Catalog.Release release = release();
        long customer = fixtures.organisation();
        Actor carl = Fixtures.customer(customer);
        priced(customer, release, "50");
        orders.checkWith(Orders.Check.CREDIT_LIMIT, new BigDecimal("100"));

        Orders.Order within = orders.orderNow(List.of(line(release, "small", Map.of())), carl);
        Orders.Order over = orders.orderNow(List.of(line(release, "big-1", Map.of()), line(release, "big-2", Map.of())),
                carl);

        assertThat(within.state()).isEqualTo(OrderWorkflows.CONFIRMED);
        assertThat(over.state()).isEqualTo(OrderWorkflows.SUBMITTED);
        assertThat(over.checkNote()).contains("over the credit limit").contains("120.00");
        assertThat(over.lines()).extracting(Orders.Line::tree).containsOnlyNulls();

        engine.apply(over.id(), OrderWorkflows.CONFIRM, SALES, "Known customer");

        assertThat(orders.get(over.id(), carl).lines()).extracting(Orders.Line::tree).doesNotContainNull();
        destroyServices(carl, within, over);
    }

    @Test
    void withADepositTheOrderIsConfirmedWhenItsDepositInvoiceIsPaid() {
        Catalog.Release release = release();
        long customer = fixtures.organisation();
        Actor carl = Fixtures.customer(customer);
        priced(customer, release, "10");
        orders.checkWith(Orders.Check.DEPOSIT, new BigDecimal("100"));

        Orders.Order waiting = orders.orderNow(List.of(line(release, "paid-first", Map.of())), carl);

        assertThat(waiting.state()).isEqualTo(OrderWorkflows.SUBMITTED);
        assertThat(waiting.depositInvoice()).startsWith("INV-");
        assertThat(waiting.checkNote()).contains(waiting.depositInvoice()).contains("12.00");

        payments.register(new Payments.NewPayment(new BigDecimal("12.00"), "EUR",
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), "deposit", customer), BILLING);

        Orders.Order confirmed = orders.get(waiting.id(), carl);
        assertThat(confirmed.state()).isEqualTo(OrderWorkflows.CONFIRMED);
        assertThat(confirmed.lines().get(0).tree()).isNotNull();
        // the deposit paid the first month: the monthly price is charged from a month after the start on
        var subscription = db.select(SUBSCRIPTION.STARTED_AT, SUBSCRIPTION.BILLED_UNTIL).from(SUBSCRIPTION)
                .join(DOCUMENT).on(DOCUMENT.ID.eq(SUBSCRIPTION.TREE_ID))
                .where(DOCUMENT.REFERENCE.eq(confirmed.lines().get(0).tree())).fetchSingle();
        assertThat(subscription.value2()).isEqualTo(subscription.value1().atZoneSameInstant(prices.zone()).plusMonths(1)
                .toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC));
        destroyServices(carl, confirmed);
    }

    @Test
    void onlyACustomerOrdersInTheShop() {
        Catalog.Release release = release();
        assertThatThrownBy(() -> orders.orderNow(List.of(line(release, "x", Map.of())), SALES))
                .isInstanceOf(AccessDeniedException.class);
    }
}
