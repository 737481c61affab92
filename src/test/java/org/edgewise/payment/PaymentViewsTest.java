package org.edgewise.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edgewise.payment.PaymentFixtures.BILLING;

import java.time.LocalDate;

import org.edgewise.ComponentTree;
import org.edgewise.MasterTest;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.Attention;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;

import jakarta.servlet.ServletContext;

/** The payment pages are routes of the console; Receivables shows each customer's aged dues and the totals. */
class PaymentViewsTest extends MasterTest {

    @Autowired
    ServletContext servletContext;

    @Autowired
    Receivables receivables;

    @Autowired
    PaymentFixtures billing;

    @Autowired
    CurrentUser currentUser;

    @Autowired
    Payments payments;

    @Autowired
    PaymentAttention attention;

    @Test
    void thePaymentPagesAreRoutesOfTheConsole() {
        ApplicationRouteRegistry routes = ApplicationRouteRegistry.getInstance(new VaadinServletContext(servletContext));

        assertThat(routes.getNavigationTarget("payments")).contains(PaymentListView.class);
        assertThat(routes.getNavigationTarget("payments/PAY-000001")).contains(PaymentView.class);
        assertThat(routes.getNavigationTarget("bank-statements")).contains(BankStatementsView.class);
        assertThat(routes.getNavigationTarget("receivables")).contains(ReceivablesView.class);
        assertThat(routes.getNavigationTarget("balance")).contains(BalanceView.class);
    }

    @Test
    void receivablesShowWhatEachCustomerOwesByAgeAndTheTotalsLast() {
        long customer = billing.customer(PaymentFixtures.uniqueReference());
        LocalDate today = receivables.today();
        billing.issuedInvoice(customer, "EUR", "33.00", today.minusDays(45));
        billing.issuedInvoice(customer, "EUR", "7.00", today.plusDays(10));
        signIn(BILLING);

        ReceivablesView view = new ReceivablesView(receivables, currentUser);

        @SuppressWarnings("unchecked")
        Grid<Receivables.Aged> aged = (Grid<Receivables.Aged>) ComponentTree.byId(view, "aged-receivables")
                .orElseThrow();
        var rows = aged.getListDataView().getItems().toList();
        Receivables.Aged mine = rows.stream().filter(r -> r.customerReference() != null
                && r.customerReference().equals(reference(customer))).findFirst().orElseThrow();
        assertThat(mine.in(Receivables.Bucket.DAYS_31_60)).isEqualByComparingTo("33");
        assertThat(mine.in(Receivables.Bucket.NOT_YET_DUE)).isEqualByComparingTo("7");
        assertThat(rows.get(rows.size() - 1).customerName()).isEqualTo("Total");
        assertThat(aged.getColumnByKey(Receivables.Bucket.DAYS_31_60.name()).getHeaderText()).isEqualTo("31–60 days");
        assertThat(ComponentTree.byId(view, "balances")).isPresent();
    }

    @Test
    void billingStaffFindThePaymentsToMatchOnTheirHomePage() {
        long before = count("payments-registered");

        payments.register(new Payments.NewPayment(new java.math.BigDecimal("5.00"), "EUR", receivables.today(),
                "no reference at all", null), BILLING);

        assertThat(count("payments-registered")).isEqualTo(before + 1);
        assertThat(attention.itemsFor(BILLING)).extracting(Attention.Item::link)
                .containsExactly("payments?state=registered", "bank-statements");
        assertThat(attention.itemsFor(operator())).isEmpty();
    }

    private long count(String item) {
        return attention.itemsFor(BILLING).stream().filter(i -> i.id().equals(item)).findFirst().orElseThrow().count();
    }

    private String reference(long customer) {
        return receivables.balances(BILLING).stream().filter(b -> b.customerId() == customer).findFirst()
                .orElseThrow().customerReference();
    }
}
