package org.edgewise.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A billing month lived through in minutes on a whole local cloud: the demo customer's web service runs on a
 * real node, which reports its usage; the administrator moves the Master's clock past the month's end,
 * invoices the month, issues and prints the invoice; a month run again bills nothing twice, and usage that
 * arrives late goes once into the next month; an invoice left unpaid stops the customer's services on the
 * nodes, a payment starts them again, and a next one left unpaid destroys them.
 *
 * <p>Nodes date their usage by the real time while the Master's clock is moved, so the month invoiced is the
 * real current month of the billing time zone, and the clock is moved into the months after it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BillingMonthIT {

    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    /** The web product's monthly price in the local cloud's "Standard prices", and their one tax rate. */
    private static final BigDecimal WEB_MONTHLY = new BigDecimal("9.90");
    private static final BigDecimal TAX_RATE = new BigDecimal("20");
    private static final int REQUESTS = 25;
    /** Requests in the late batch: far more than the service answers during the test, so its line is told apart. */
    private static final BigDecimal LATE_REQUESTS = new BigDecimal("100000");
    private static final String DEMO_CUSTOMER = "Demo Customer";

    private LocalCloudHarness cloud;
    private Master customer;
    private Master admin;
    /** The real month of the billing time zone: the nodes date their usage in it. */
    private YearMonth month;
    private String tree;
    private String root;
    private int node;
    private String url;
    /** When the service answered first, by the real time the nodes date usage with. */
    private Instant servedFrom;
    private JsonNode firstRun;
    private String firstInvoice;
    private String nextDraft;

    @BeforeAll
    void start() throws IOException {
        month = YearMonth.now(ZONE);
        Assumptions.assumeTrue(Instant.now().plus(Duration.ofMinutes(30)).isBefore(startOf(month.plusMonths(1))),
                "the nodes' usage must stay in this month while the test runs: not in its last half hour");
        // dunning looks every second; a reminder stops services 20 s after it is sent, announced at once; a
        // destruction waits a day of the Master's clock, which the test moves
        cloud = new LocalCloudHarness(7, List.of("--edgewise.clock.adjustable=true",
                "--edgewise.dunning.interval=PT1S", "--db-scheduler.polling-interval=PT1S",
                "--edgewise.dunning.stop-after=PT20S", "--edgewise.dunning.notice=PT0S",
                "--edgewise.dunning.destroy-after=P1D"), 0);
        cloud.start();
        customer = cloud.customer();
        admin = cloud.admin();
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    @Order(1)
    void aMonthOfAWebServiceIsInvoicedIssuedAndPrintedWithItsProratedSubscriptionAndItsUsage() throws Exception {
        cloud.awaitStandardPrices();
        Instant requestedFrom = masterNow().truncatedTo(ChronoUnit.SECONDS);
        tree = customer.post("/api/v1/trees", Map.of("title", "billed", "releaseUrl", cloud.releaseUrl("web")))
                .body().get("tree").asText();
        Instant requestedBy = masterNow();
        JsonNode web = started(tree, "billed");
        root = web.get("reference").asText();
        node = web.get("computer").asText().equals("COMP-000001") ? 1 : 2;
        url = web.get("connectionParameters").get("url").asText();
        servedFrom = Instant.now();
        for (int i = 0; i < REQUESTS; i++) {
            assertNotNull(cloud.fetch(url));
        }
        await("the node reports the service's usage").atMost(LocalCloudHarness.DEADLINE)
                .pollInterval(Duration.ofSeconds(1)).until(() -> {
                    Map<String, BigDecimal> usage = usage(tree, month);
                    return positive(usage, "cpu_seconds") && positive(usage, "disk_bytes")
                            && usage.getOrDefault("counter:requests", BigDecimal.ZERO).intValue() >= REQUESTS;
                });

        // billing staff invoice the month on the second day of the next
        moveClockTo(startOf(month.plusMonths(1).atDay(2)).plus(Duration.ofMinutes(1)));
        JsonNode preview = admin.get("/api/v1/invoice-runs/" + month + "/preview").body();
        JsonNode previewed = demoRow(preview.get("customers"));
        assertEquals("EUR", previewed.get("currency").asText());
        assertTrue(previewed.get("lines").asInt() >= 4, previewed.toString());

        Master.Answer started = admin.post("/api/v1/invoice-runs", Map.of("month", month.toString()));
        assertEquals(202, started.status());
        firstRun = runDone(month);
        assertEquals(firstRun.get("customersTotal").asInt(), firstRun.get("customersDone").asInt());
        assertEquals(1, firstRun.get("invoicesCreated").asInt(), firstRun.toString());

        List<JsonNode> invoices = demoInvoices();
        assertEquals(1, invoices.size(), invoices.toString());
        assertEquals("draft", invoices.get(0).get("state").asText());
        assertEquals(month.atDay(1).toString(), invoices.get(0).get("periodFrom").asText());
        JsonNode draft = admin.get("/api/v1/invoices/" + invoices.get(0).get("reference").asText()).body();

        JsonNode subscription = single(draft, "month");
        Instant from = OffsetDateTime.parse(subscription.get("periodStart").asText()).toInstant();
        Instant to = OffsetDateTime.parse(subscription.get("periodEnd").asText()).toInstant();
        assertTrue(!from.isBefore(requestedFrom) && !from.isAfter(requestedBy),
                "the subscription is charged from the request, " + requestedFrom + " – " + requestedBy + ": " + from);
        assertEquals(startOf(month.plusMonths(1)), to);
        assertEquals(0, WEB_MONTHLY.compareTo(subscription.get("unitPrice").decimalValue()));
        assertEquals(0, TAX_RATE.compareTo(subscription.get("taxRate").decimalValue()));
        long seconds = Duration.between(from, to).getSeconds();
        long monthSeconds = Duration.between(startOf(month), startOf(month.plusMonths(1))).getSeconds();
        BigDecimal prorated = WEB_MONTHLY.multiply(BigDecimal.valueOf(seconds))
                .divide(BigDecimal.valueOf(monthSeconds), 2, RoundingMode.HALF_UP);
        assertAmount(prorated, subscription.get("net"), subscription.toString());
        assertTrue(sum(draft, "hour", "net").signum() >= 0 && !lines(draft, "hour").isEmpty(), "a CPU time line");
        assertTrue(!lines(draft, "GB-month").isEmpty(), "a disk space line");
        assertTrue(sum(draft, "requests", "quantity").intValue() >= REQUESTS, draft.toString());

        Master.Answer issued = admin.post("/api/v1/invoices/" + draft.get("reference").asText() + "/issue", null);
        JsonNode invoice = issued.body();
        firstInvoice = invoice.get("number").asText();
        assertTrue(firstInvoice.matches("INV-" + month.plusMonths(1).getYear() + "-\\d{6}"), firstInvoice);
        assertEquals("issued", invoice.get("state").asText());
        assertEquals(month.plusMonths(1).atDay(2).toString(), invoice.get("issuedOn").asText());
        // the local cloud's customer pays within 30 days, as every customer unless told otherwise
        assertEquals(month.plusMonths(1).atDay(2).plusDays(30).toString(), invoice.get("dueOn").asText());
        assertEquals(draft.get("lines"), invoice.get("lines"));
        BigDecimal net = sum(invoice, null, "net");
        BigDecimal tax = net.multiply(TAX_RATE).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
        assertAmount(net, invoice.get("net"), invoice.toString());
        assertAmount(tax, invoice.get("tax"), invoice.toString());
        assertAmount(net.add(tax), invoice.get("gross"), invoice.toString());
        Master.MasterException again = assertThrows(Master.MasterException.class,
                () -> admin.post("/api/v1/invoices/" + firstInvoice + "/issue", null));
        assertEquals(409, again.status);

        String text = pdfText(firstInvoice);
        for (String expected : List.of(firstInvoice, DEMO_CUSTOMER, "Total due", money(prorated), money(net),
                money(tax), money(net.add(tax)), invoice.get("paymentReference").asText(), "CPU time", "disk space")) {
            assertTrue(text.contains(expected), "the PDF shows " + expected + ":\n" + text);
        }
    }

    @Test
    @Order(2)
    void aMonthRunAgainInvoicesNothingMoreAndALateBatchGoesOnceIntoTheNextMonth() throws Exception {
        JsonNode issued = admin.get("/api/v1/invoices/" + firstInvoice).body();
        assertRunAgainChangesNothing(month, firstRun, issued);

        BigDecimal reported = usage(tree, month).getOrDefault("counter:requests", BigDecimal.ZERO);
        // measured while the service ran, which was under the standard prices
        Instant now = Instant.now();
        Instant measuredFrom = servedFrom.isAfter(now.minusSeconds(10)) ? servedFrom : now.minusSeconds(10);
        spoolLateBatch(measuredFrom, now);
        await("the late batch reaches the Master").atMost(LocalCloudHarness.DEADLINE).pollInterval(Duration.ofSeconds(1))
                .until(() -> usage(tree, month).getOrDefault("counter:requests", BigDecimal.ZERO)
                        .compareTo(reported.add(LATE_REQUESTS)) >= 0);
        assertRunAgainChangesNothing(month, firstRun, issued);

        YearMonth next = month.plusMonths(1);
        moveClockTo(startOf(next.plusMonths(1)).plus(Duration.ofMinutes(1)));
        assertEquals(202, admin.post("/api/v1/invoice-runs", Map.of("month", next.toString())).status());
        JsonNode nextRun = runDone(next);
        List<JsonNode> drafts = demoInvoices().stream()
                .filter(i -> i.get("periodFrom").asText().equals(next.atDay(1).toString())).toList();
        assertEquals(1, drafts.size(), drafts.toString());
        nextDraft = drafts.get(0).get("reference").asText();
        JsonNode draft = admin.get("/api/v1/invoices/" + nextDraft).body();

        JsonNode wholeMonth = single(draft, "month");
        assertEquals(0, BigDecimal.ONE.compareTo(wholeMonth.get("quantity").decimalValue()), wholeMonth.toString());
        assertEquals(0, WEB_MONTHLY.compareTo(wholeMonth.get("net").decimalValue()), wholeMonth.toString());
        JsonNode late = lines(draft, "requests").stream()
                .filter(l -> l.get("quantity").decimalValue().compareTo(LATE_REQUESTS) >= 0).findFirst()
                .orElseThrow(() -> new AssertionError("no line bills the late batch: " + draft));
        assertEquals(month, YearMonth.from(OffsetDateTime.parse(late.get("periodStart").asText()).atZoneSameInstant(ZONE)),
                "the late line is of the month the usage was measured in: " + late);
        assertRunAgainChangesNothing(next, nextRun, draft);
        assertRunAgainChangesNothing(month, firstRun, issued);

        long linesOfTheLateBatch = demoInvoices().stream()
                .flatMap(i -> lines(invoice(i.get("reference").asText()), "requests").stream())
                .filter(l -> l.get("quantity").decimalValue().compareTo(LATE_REQUESTS) >= 0).count();
        assertEquals(1, linesOfTheLateBatch, "the late batch is billed once");
    }

    @Test
    @Order(3)
    void anUnpaidInvoiceStopsTheServicesOnTheNodesAPaymentStartsThemAndTheNextUnpaidOneDestroysThem()
            throws Exception {
        JsonNode unpaid = admin.get("/api/v1/invoices/" + firstInvoice).body();
        LocalDate due = LocalDate.parse(unpaid.get("dueOn").asText());
        moveClockTo(startOf(due.plusDays(1)).plus(Duration.ofMinutes(1)));

        await("a reminder is sent").atMost(LocalCloudHarness.DEADLINE).pollInterval(Duration.ofMillis(500))
                .until(() -> cloud.masterLog().contains("opened=1"));
        await("the services are stopped on the node").atMost(LocalCloudHarness.DEADLINE)
                .pollInterval(Duration.ofMillis(500)).until(() -> cloud.fetch(url) == null
                        && "stopped".equals(tree(tree).get("root").path("reportedState").asText()));
        assertEquals("issued", admin.get("/api/v1/invoices/" + firstInvoice).body().get("state").asText());

        BigDecimal gross = unpaid.get("gross").decimalValue();
        JsonNode payment = admin.post("/api/v1/payments", Map.of("amount", gross, "currency", "EUR",
                "receivedOn", masterToday().toString(),
                "reference", "Transfer " + unpaid.get("paymentReference").asText() + " thank you")).body();
        assertEquals("matched", payment.get("state").asText(), payment.toString());
        assertEquals(0, gross.compareTo(payment.get("allocated").decimalValue()), payment.toString());
        assertEquals("paid", admin.get("/api/v1/invoices/" + firstInvoice).body().get("state").asText());
        await("the services start again").atMost(LocalCloudHarness.DEADLINE).pollInterval(Duration.ofMillis(500))
                .until(() -> cloud.fetch(url) != null
                        && "started".equals(tree(tree).get("root").path("reportedState").asText()));

        String second = customer.post("/api/v1/trees", Map.of("title", "dunned", "releaseUrl", cloud.releaseUrl("web")))
                .body().get("tree").asText();
        String secondUrl = started(second, "dunned").get("connectionParameters").get("url").asText();
        assertNotNull(cloud.fetch(secondUrl));
        JsonNode next = admin.post("/api/v1/invoices/" + nextDraft + "/issue", null).body();
        LocalDate nextDue = LocalDate.parse(next.get("dueOn").asText());
        moveClockTo(startOf(nextDue.plusDays(1)).plus(Duration.ofMinutes(1)));

        await("both services are stopped").atMost(LocalCloudHarness.DEADLINE).pollInterval(Duration.ofMillis(500))
                .until(() -> cloud.fetch(url) == null && cloud.fetch(secondUrl) == null
                        && "stopped".equals(tree(tree).get("root").path("reportedState").asText())
                        && "stopped".equals(tree(second).get("root").path("reportedState").asText()));
        moveClockTo(masterNow().plus(Duration.ofDays(1)).plus(Duration.ofMinutes(1)));
        await("both services are destroyed on their nodes").atMost(LocalCloudHarness.DEADLINE)
                .pollInterval(Duration.ofMillis(500)).until(() -> destroyed(tree) && destroyed(second));
        assertNull(cloud.fetch(url));
        assertNull(cloud.fetch(secondUrl));
        assertEquals("issued", admin.get("/api/v1/invoices/" + next.get("number").asText()).body().get("state").asText());
    }

    /** Starting the month again answers its finished run and changes no invoice. */
    private void assertRunAgainChangesNothing(YearMonth month, JsonNode run, JsonNode invoice) throws IOException {
        int invoices = demoInvoices().size();
        Master.Answer again = admin.post("/api/v1/invoice-runs", Map.of("month", month.toString()));
        assertEquals(202, again.status());
        assertEquals("done", again.body().get("state").asText());
        assertEquals(run.get("startedAt"), again.body().get("startedAt"));
        assertEquals(run.get("invoicesCreated"), again.body().get("invoicesCreated"));
        assertEquals(invoices, demoInvoices().size());
        assertEquals(invoice.get("lines"), invoice(invoice.get("reference").asText()).get("lines"));
    }

    /** Writes a batch into the node's usage spool, as a node that measured it but could not send it yet keeps it. */
    private void spoolLateBatch(Instant from, Instant to) throws IOException {
        Path spool = cloud.node(node).resolve("usage-spool");
        Files.createDirectories(spool);
        String id = "late-" + System.currentTimeMillis() + "-0";
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("instance", root);
        record.put("metric", "counter:requests");
        record.put("quantity", LATE_REQUESTS);
        record.put("periodStart", from.truncatedTo(ChronoUnit.SECONDS).toString());
        record.put("periodEnd", to.truncatedTo(ChronoUnit.SECONDS).toString());
        Path tmp = spool.resolve(id + ".tmp");
        Master.JSON.writeValue(tmp.toFile(), Map.of("batchId", id, "records", List.of(record)));
        Files.move(tmp, spool.resolve(id + ".json"), StandardCopyOption.ATOMIC_MOVE);
    }

    private JsonNode runDone(YearMonth month) {
        JsonNode[] run = new JsonNode[1];
        await("the run of " + month + " is done").atMost(LocalCloudHarness.DEADLINE).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    run[0] = admin.get("/api/v1/invoice-runs/" + month).body();
                    assertTrue(!"failed".equals(run[0].get("state").asText()), run[0].toString());
                    return "done".equals(run[0].get("state").asText());
                });
        return run[0];
    }

    /** The demo customer's invoices, as billing staff list them. */
    private List<JsonNode> demoInvoices() throws IOException {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode i : admin.get("/api/v1/invoices").body()) {
            if (i.get("customerName").asText().equals(DEMO_CUSTOMER)) {
                found.add(i);
            }
        }
        return found;
    }

    private JsonNode invoice(String reference) {
        try {
            return admin.get("/api/v1/invoices/" + reference).body();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode demoRow(JsonNode rows) {
        for (JsonNode row : rows) {
            if (row.get("customerName").asText().equals(DEMO_CUSTOMER)) {
                return row;
            }
        }
        throw new AssertionError("the demo customer is not in " + rows);
    }

    /** The invoice's lines of this unit ("month", "hour", "GB-month", "requests"), every line for null. */
    private static List<JsonNode> lines(JsonNode invoice, String unit) {
        List<JsonNode> lines = new ArrayList<>();
        invoice.get("lines").forEach(l -> {
            if (unit == null || l.get("unit").asText().equals(unit)) {
                lines.add(l);
            }
        });
        return lines;
    }

    private static JsonNode single(JsonNode invoice, String unit) {
        List<JsonNode> lines = lines(invoice, unit);
        assertEquals(1, lines.size(), "one line of " + unit + ": " + invoice);
        return lines.get(0);
    }

    private static BigDecimal sum(JsonNode invoice, String unit, String field) {
        return lines(invoice, unit).stream().map(l -> l.get(field).decimalValue()).reduce(BigDecimal.ZERO,
                BigDecimal::add);
    }

    private JsonNode tree(String reference) throws IOException {
        return customer.get("/api/v1/trees/" + reference).body();
    }

    private boolean destroyed(String reference) throws IOException {
        for (JsonNode instance : tree(reference).get("instances")) {
            if (!"destroyed".equals(instance.path("reportedState").asText())) {
                return false;
            }
        }
        return true;
    }

    /** Waits until the tree's instance of this title is started and has published its URL; returns it. */
    private JsonNode started(String tree, String title) {
        JsonNode[] found = new JsonNode[1];
        await(title + " is started").atMost(LocalCloudHarness.DEADLINE).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (JsonNode i : tree(tree).get("instances")) {
                if (i.get("title").asText().equals(title) && "started".equals(i.path("reportedState").asText())
                        && i.path("connectionParameters").has("url")) {
                    found[0] = i;
                    return true;
                }
            }
            return false;
        });
        assertNotNull(cloud.fetch(found[0].get("connectionParameters").get("url").asText()));
        return found[0];
    }

    /** The tree's usage of a month as its customer reads it: seconds, bytes and counts per metric. */
    private Map<String, BigDecimal> usage(String tree, YearMonth month) throws IOException {
        Map<String, BigDecimal> total = new LinkedHashMap<>();
        for (JsonNode group : customer.get("/api/v1/usage?tree=" + tree + "&period=" + month).body().get("groups")) {
            group.get("usage").fields().forEachRemaining(m -> total.merge(m.getKey(), m.getValue().decimalValue(),
                    BigDecimal::add));
        }
        return total;
    }

    private static boolean positive(Map<String, BigDecimal> usage, String metric) {
        return usage.getOrDefault(metric, BigDecimal.ZERO).signum() > 0;
    }

    private Instant masterNow() throws IOException {
        return Instant.parse(admin.get("/api/v1/clock").body().get("now").asText());
    }

    private LocalDate masterToday() throws IOException {
        return LocalDate.ofInstant(masterNow(), ZONE);
    }

    /** Moves the Master's clock forward to this instant, unless it is there already. */
    private void moveClockTo(Instant target) throws IOException {
        if (masterNow().isBefore(target)) {
            Instant now = Instant.parse(admin.put("/api/v1/clock", Map.of("to", target.toString())).body()
                    .get("now").asText());
            assertTrue(!now.isBefore(target), now.toString());
        }
    }

    private String pdfText(String number) throws IOException, InterruptedException {
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(cloud.url + "/api/v1/invoices/" + number + "/pdf"))
                .header("Authorization", "Bearer " + LocalCloudHarness.ADMIN_API_TOKEN).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    /** An amount as the invoice prints it: 1,234.50 EUR. */
    private static String money(BigDecimal amount) {
        return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ENGLISH)).format(amount) + " EUR";
    }

    private static Instant startOf(YearMonth month) {
        return month.atDay(1).atStartOfDay(ZONE).toInstant();
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZONE).toInstant();
    }

    /** The same amount, however many trailing zeros JSON kept (9.70 is written 9.7). */
    private static void assertAmount(BigDecimal expected, JsonNode actual, String context) {
        assertEquals(0, expected.compareTo(actual.decimalValue()), "expected " + expected + " but was " + actual + " in "
                + context);
    }
}
