package org.edgewise.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edgewise.jooq.Tables.CREDIT_NOTE;
import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INVOICE;
import static org.edgewise.jooq.Tables.INVOICE_LINE;
import static org.edgewise.jooq.Tables.USAGE_BATCH;
import static org.edgewise.jooq.Tables.USAGE_RECORD;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.edgewise.Fixtures;
import org.edgewise.MasterTest;
import org.edgewise.document.Document;
import org.edgewise.instance.InstanceInfo;
import org.edgewise.instance.InstanceRequests;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The monthly report's figures, from documents and usage written straight into the tables (in 2019, a
 * year no other test bills in): issued invoices less issued credit notes per month, drafts left out, and
 * usage in hours by the month its period ended in the billing zone.
 */
class MonthlyFiguresTest extends MasterTest {

    @Autowired
    MonthlyFigures figures;

    @Autowired
    DSLContext db;

    @Autowired
    Fixtures fixtures;

    @Autowired
    InstanceRequests requests;

    @Test
    void revenueIsWhatIssuedInvoicesChargedLessIssuedCreditNotesPerMonth() {
        long customer = fixtures.organisation();
        long march = invoice(customer, "2019-03-31", "100.00", true);
        invoice(customer, "2019-03-02", "23.45", true);
        invoice(customer, "2019-03-15", "999.00", false);
        invoice(customer, "2019-05-01", "10.00", true);
        creditNote(customer, march, "2019-05-20", "40.00");

        List<MonthlyFigures.Revenue> rows = figures.revenue(YearMonth.of(2019, 2), YearMonth.of(2019, 5));

        assertThat(rows).extracting(r -> r.month().toString(), r -> r.invoiced().toPlainString(),
                r -> r.credited().toPlainString(), r -> r.net().toPlainString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2019-02", "0.00", "0.00", "0.00"),
                        org.assertj.core.groups.Tuple.tuple("2019-03", "123.45", "0.00", "123.45"),
                        org.assertj.core.groups.Tuple.tuple("2019-04", "0.00", "0.00", "0.00"),
                        org.assertj.core.groups.Tuple.tuple("2019-05", "10.00", "40.00", "-30.00"));
        assertThat(figures.revenueByProduct(YearMonth.of(2019, 3)))
                .containsExactly(new MonthlyFigures.ProductRevenue("Other", "EUR", new BigDecimal("123.45")));
    }

    @Test
    void usageIsSummedInHoursByTheMonthItsPeriodEndedInTheBillingZone() {
        Document computer = fixtures.openComputer("report-" + UUID.randomUUID(), 10, 1, List.of());
        String release = fixtures.release();
        fixtures.supply(computer, release);
        long customer = fixtures.organisation();
        InstanceInfo tree = requests.requestTree(Fixtures.request("reported " + UUID.randomUUID(), release, Map.of()),
                Fixtures.customer(customer));
        db.insertInto(USAGE_BATCH).set(USAGE_BATCH.COMPUTER_ID, computer.id()).set(USAGE_BATCH.BATCH_ID, "b-2019")
                .set(USAGE_BATCH.RECEIVED_AT, OffsetDateTime.now()).set(USAGE_BATCH.RECORD_COUNT, 3).execute();
        // 22:30 UTC on 31 July is 00:30 on 1 August in Paris: it counts for August.
        usage(computer, tree, "cpu_seconds", "7200", "2019-07-31T21:30:00Z", "2019-07-31T22:30:00Z");
        usage(computer, tree, "cpu_seconds", "1800", "2019-07-10T10:00:00Z", "2019-07-10T11:00:00Z");
        usage(computer, tree, "uptime_seconds", "5400", "2019-07-10T10:00:00Z", "2019-07-10T11:30:00Z");

        List<MonthlyFigures.Usage> rows = figures.usage(YearMonth.of(2019, 7), YearMonth.of(2019, 8));

        assertThat(rows.get(0).cpuHours()).isEqualByComparingTo("0.5");
        assertThat(rows.get(0).uptimeHours()).isEqualByComparingTo("1.5");
        assertThat(rows.get(1).cpuHours()).isEqualByComparingTo("2");
        assertThat(rows.get(1).uptimeHours()).isEqualByComparingTo("0");
    }

    @Test
    void chartsAreImagesOfTheRequestedSize() throws IOException {
        byte[] png = Charts.bars("Net revenue", List.of("Jan 2019", "Feb 2019"),
                Map.of("EUR", List.of(new BigDecimal("10.00"), new BigDecimal("-2.50"))));

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));

        assertThat(image.getWidth()).isEqualTo(Charts.WIDTH);
        assertThat(image.getHeight()).isEqualTo(Charts.HEIGHT);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theReportShowsThreeChartsWhenAMonthHadInvoices() {
        long customer = fixtures.organisation();
        invoice(customer, "2019-09-30", "12.00", true);
        org.edgewise.TestClock clock = new org.edgewise.TestClock();
        // The charts' images are served by the UI they are shown in.
        com.vaadin.flow.component.UI.setCurrent(new com.vaadin.flow.component.UI());
        try {
            MonthlyReportView view = new MonthlyReportView(figures, clock);
            view.getChildren().filter(com.vaadin.flow.component.select.Select.class::isInstance)
                    .map(c -> (com.vaadin.flow.component.select.Select<YearMonth>) c).findFirst().orElseThrow()
                    .setValue(YearMonth.of(2019, 9));

            assertThat(org.edgewise.ComponentTree.all(view)
                    .filter(com.vaadin.flow.component.html.Image.class::isInstance).map(c -> c.getId().orElseThrow()))
                    .containsExactly("revenue-chart", "usage-chart", "product-chart");
        } finally {
            com.vaadin.flow.component.UI.setCurrent(null);
        }
    }

    private long invoice(long customer, String issuedOn, String net, boolean issued) {
        long id = document("invoice", issued ? "INV-T-" + UUID.randomUUID().toString().substring(0, 8) : null, customer);
        db.insertInto(INVOICE).set(INVOICE.ID, id).set(INVOICE.CUSTOMER_ID, customer).set(INVOICE.CURRENCY, "EUR")
                .set(INVOICE.ISSUED_ON, LocalDate.parse(issuedOn)).set(INVOICE.PAYMENT_REFERENCE, "RF00")
                .set(INVOICE.NET_TOTAL, new BigDecimal(net)).set(INVOICE.GROSS_TOTAL, new BigDecimal(net)).execute();
        db.insertInto(INVOICE_LINE).set(INVOICE_LINE.INVOICE_ID, id).set(INVOICE_LINE.POSITION, 1)
                .set(INVOICE_LINE.DESCRIPTION, "manual").set(INVOICE_LINE.QUANTITY, BigDecimal.ONE)
                .set(INVOICE_LINE.UNIT, "piece").set(INVOICE_LINE.UNIT_PRICE, new BigDecimal(net))
                .set(INVOICE_LINE.NET_AMOUNT, new BigDecimal(net)).set(INVOICE_LINE.TAX_RATE, BigDecimal.ZERO).execute();
        return id;
    }

    private void creditNote(long customer, long invoice, String issuedOn, String net) {
        long id = document("credit_note", "CN-T-" + UUID.randomUUID().toString().substring(0, 8), customer);
        db.insertInto(CREDIT_NOTE).set(CREDIT_NOTE.ID, id).set(CREDIT_NOTE.INVOICE_ID, invoice)
                .set(CREDIT_NOTE.CUSTOMER_ID, customer).set(CREDIT_NOTE.CURRENCY, "EUR")
                .set(CREDIT_NOTE.ISSUED_ON, LocalDate.parse(issuedOn)).set(CREDIT_NOTE.NET_TOTAL, new BigDecimal(net))
                .execute();
    }

    private long document(String type, String number, long owner) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return db.insertInto(DOCUMENT).set(DOCUMENT.DOC_TYPE, type)
                .set(DOCUMENT.REFERENCE, "T-" + UUID.randomUUID().toString().substring(0, 12))
                .set(DOCUMENT.TITLE, type).set(DOCUMENT.STATE, number == null ? "draft" : "issued")
                .set(DOCUMENT.OWNER_ID, owner).set(DOCUMENT.NUMBER, number)
                .set(DOCUMENT.CREATED_AT, now).set(DOCUMENT.UPDATED_AT, now)
                .returning(DOCUMENT.ID).fetchOne(DOCUMENT.ID);
    }

    private void usage(Document computer, InstanceInfo tree, String metric, String quantity, String start, String end) {
        db.insertInto(USAGE_RECORD).set(USAGE_RECORD.COMPUTER_ID, computer.id()).set(USAGE_RECORD.BATCH_ID, "b-2019")
                .set(USAGE_RECORD.INSTANCE_ID, tree.id()).set(USAGE_RECORD.TREE_ID, tree.treeId())
                .set(USAGE_RECORD.METRIC, metric).set(USAGE_RECORD.QUANTITY, new BigDecimal(quantity))
                .set(USAGE_RECORD.PERIOD_START, OffsetDateTime.parse(start)).set(USAGE_RECORD.PERIOD_END,
                        OffsetDateTime.parse(end))
                .set(USAGE_RECORD.RECEIVED_AT, OffsetDateTime.now()).execute();
    }
}
