package org.edgewise.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.edgewise.Fixtures;
import org.edgewise.MasterTest;
import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.billing.BillingWorkflows;
import org.edgewise.billing.Invoices;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.instance.InstanceInfo;
import org.edgewise.instance.InstanceRequests;
import org.edgewise.instance.InstanceWorkflows;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A customer's portal shows their own services and invoices only, through the very methods its views call,
 * and acts on no other customer's service; the release's URL is never among what it shows.
 */
class PortalIsolationTest extends MasterTest {

    private static final Actor BILLING = new Actor("bea", EnumSet.of(Role.BILLING), null);

    @Autowired
    Fixtures fixtures;

    @Autowired
    InstanceRequests requests;

    @Autowired
    Invoices invoices;

    @Autowired
    DocumentEngine engine;

    @Autowired
    MyServices services;

    @Autowired
    MyInvoices myInvoices;

    @Test
    void aCustomerSeesAndActsOnTheirOwnServicesOnly() {
        String url = fixtures.release();
        // an open computer without the release: the allocator's explanation then names the release's URL
        fixtures.openComputer(unique("portal"), 1, 1, List.of());
        long mine = fixtures.organisation();
        long theirs = fixtures.organisation();
        Actor me = Fixtures.customer(mine);
        InstanceInfo myRoot = requests.requestTree(Fixtures.request(unique("mine"), url, Map.of()), me);
        InstanceInfo theirRoot = requests.requestTree(Fixtures.request(unique("theirs"), url, Map.of()),
                Fixtures.customer(theirs));

        List<MyServices.MyService> shown = services.page(me, 0, 50);

        assertThat(shown).extracting(MyServices.MyService::reference).containsExactly(myRoot.tree());
        assertThat(services.count(me)).isEqualTo(1);
        MyServices.MyService service = shown.get(0);
        assertThat(service.product()).startsWith("Product ");
        assertThat(service.plan()).isEqualTo("default");
        assertThat(service.version()).isEqualTo("1.0");
        assertThat(service.toString()).doesNotContain(url);
        assertThat(service.status().text()).startsWith("Waiting for a place").contains("this version");
        assertThat(service.actions()).containsExactly(InstanceWorkflows.STOP, InstanceWorkflows.DESTROY);

        assertThatThrownBy(() -> services.get(theirRoot.tree(), me)).isInstanceOf(DocumentNotFoundException.class);
        assertThatThrownBy(() -> services.act(theirRoot.tree(), InstanceWorkflows.STOP, me))
                .isInstanceOf(DocumentNotFoundException.class);
        assertThat(services.get(theirRoot.tree(), Fixtures.customer(theirs)).state())
                .isEqualTo(InstanceWorkflows.STARTED);

        assertThat(services.act(myRoot.tree(), InstanceWorkflows.STOP, me).state()).isEqualTo(InstanceWorkflows.STOPPED);
        assertThat(services.get(myRoot.tree(), me).actions())
                .containsExactly(InstanceWorkflows.START, InstanceWorkflows.DESTROY);
    }

    @Test
    void aCustomerSeesTheirOwnInvoicesOnly() {
        long mine = fixtures.organisation();
        long theirs = fixtures.organisation();
        Document myInvoice = issued(mine, "80");
        Document theirInvoice = issued(theirs, "120");
        Actor me = Fixtures.customer(mine);

        List<MyInvoices.MyInvoice> shown = myInvoices.invoices(me, 0, 50);

        assertThat(shown).extracting(i -> i.invoice().reference()).containsExactly(myInvoice.reference())
                .doesNotContain(theirInvoice.reference());
        assertThat(myInvoices.invoiceCount(me)).isEqualTo(1);
        // 80 + 20 % tax, none of it paid yet
        assertThat(shown.get(0).due()).isEqualByComparingTo("96.00");
        assertThat(myInvoices.balances(me)).singleElement().satisfies(b -> {
            assertThat(b.customerId()).isEqualTo(mine);
            assertThat(b.balance()).isEqualByComparingTo("96.00");
        });
        assertThat(myInvoices.howToPay(me).orElseThrow().paymentReference()).endsWith("EW" + mine);
    }

    private Document issued(long customer, String price) {
        Document draft = invoices.createDraft(customer, "Services", "EUR", BILLING);
        invoices.addLine(draft.id(), new Invoices.NewLine("Setup", BigDecimal.ONE, "piece", new BigDecimal(price),
                new BigDecimal("20")), BILLING);
        return engine.apply(draft.id(), BillingWorkflows.ISSUE, BILLING, null);
    }
}
