package org.edgewise.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The printed invoice, read back as a person reads it: lines, taxes, totals and how to pay, in an embedded font. */
class InvoicePdfTest {

    private final InvoicePdf pdf = new InvoicePdf("Edgewise Test Cloud", "1 Test Street\\n75001 Paris", "FR00 999",
            "FR76 0000 0000 0000", "TESTFRPP");

    private static final PrintedDocument.Party CUSTOMER = new PrintedDocument.Party("Ångström & Søn SARL",
            "12 Quai Ünter\n69000 Lyon", "FR12 345", "billing@example.org");

    @Test
    void anIssuedInvoiceShowsItsLinesTaxPerRateTotalsAndPaymentReference() throws IOException {
        PrintedDocument invoice = new PrintedDocument("Invoice", "INV-2026-000042", "INVD-7", null,
                LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 31), LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31),
                CUSTOMER,
                List.of(new PrintedDocument.Line("web (default), 1 Dec – 1 Jan", new BigDecimal("1.000000"), "month",
                                new BigDecimal("9.900000"), new BigDecimal("20.00"), new BigDecimal("9.90")),
                        new PrintedDocument.Line("CPU time", new BigDecimal("12.5"), "CPU hour", new BigDecimal("0.05"),
                                new BigDecimal("5.50"), new BigDecimal("0.63"))),
                List.of(new PrintedDocument.Tax(new BigDecimal("5.50"), new BigDecimal("0.63"), new BigDecimal("0.03")),
                        new PrintedDocument.Tax(new BigDecimal("20.00"), new BigDecimal("9.90"), new BigDecimal("1.98"))),
                new BigDecimal("10.53"), new BigDecimal("2.01"), new BigDecimal("12.54"), Currency.getInstance("EUR"),
                "RF18 1234");

        String text = textOf(pdf.render(invoice));

        assertThat(text).contains("Invoice", "INV-2026-000042", "Issued 1 Jan 2027", "Due 31 Jan 2027",
                "Period 1 Dec 2026 – 31 Dec 2026", "Ångström & Søn SARL", "69000 Lyon", "VAT FR12 345",
                "web (default), 1 Dec – 1 Jan", "9.90 EUR", "12.5", "CPU hour", "0.63 EUR",
                "5.50 % on 0.63 EUR: 0.03 EUR", "20.00 % on 9.90 EUR: 1.98 EUR", "Net total", "10.53 EUR",
                "2.01 EUR", "Total due", "12.54 EUR", "RF18 1234", "FR76 0000 0000 0000");
        assertThat(text).doesNotContain("draft");
        assertThat(InvoicePdf.fileName(invoice)).isEqualTo("INV-2026-000042.pdf");
    }

    @Test
    void aDraftSaysItIsNotAValidInvoiceAndACreditNoteNamesTheInvoiceItReverses() throws IOException {
        PrintedDocument draft = new PrintedDocument("Invoice", null, "INVD-8", null, null, null, null, null, CUSTOMER,
                List.of(), List.of(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, Currency.getInstance("JPY"),
                "RF18 1234");
        PrintedDocument credit = new PrintedDocument("Credit note", "CN-2027-000001", "CND-3", "INV-2026-000042",
                LocalDate.of(2027, 1, 5), null, null, null, CUSTOMER,
                List.of(new PrintedDocument.Line("Returned", BigDecimal.ONE, "month", new BigDecimal("1200"),
                        new BigDecimal("10.00"), new BigDecimal("1200"))),
                List.of(new PrintedDocument.Tax(new BigDecimal("10.00"), new BigDecimal("1200"), new BigDecimal("120"))),
                new BigDecimal("1200"), new BigDecimal("120"), new BigDecimal("1320"), Currency.getInstance("JPY"),
                "RF18 1234");

        assertThat(textOf(pdf.render(draft))).contains("Invoice (draft)", "INVD-8", "not a valid invoice", "0 JPY")
                .doesNotContain("Please pay");
        assertThat(textOf(pdf.render(credit))).contains("Credit note", "CN-2027-000001",
                "Reverses invoice INV-2026-000042", "Total credited", "1,320 JPY", "10.00 % on 1,200 JPY: 120 JPY");
        assertThat(InvoicePdf.fileName(draft)).isEqualTo("draft-INVD-8.pdf");
    }

    @Test
    void theFontIsEmbeddedAndManyLinesFlowOntoMorePages() throws IOException {
        List<PrintedDocument.Line> lines = new ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            lines.add(new PrintedDocument.Line("Service " + i, BigDecimal.ONE, "month", BigDecimal.TEN,
                    new BigDecimal("20.00"), BigDecimal.TEN));
        }
        PrintedDocument invoice = new PrintedDocument("Invoice", "INV-2026-000043", "INVD-9", null,
                LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 31), null, null, CUSTOMER, lines,
                List.of(new PrintedDocument.Tax(new BigDecimal("20.00"), new BigDecimal("1200"), new BigDecimal("240"))),
                new BigDecimal("1200"), new BigDecimal("240"), new BigDecimal("1440"), Currency.getInstance("EUR"), "RF1");

        byte[] bytes = pdf.render(invoice);

        try (PDDocument doc = Loader.loadPDF(bytes)) {
            assertThat(doc.getNumberOfPages()).isGreaterThan(1);
            PDPage first = doc.getPage(0);
            for (var name : first.getResources().getFontNames()) {
                PDFont font = first.getResources().getFont(name);
                assertThat(font.getName()).contains("DejaVuSans");
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
            }
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Service 1 1 month 10 20.00 % 10.00 EUR", "Service 120", "1,440.00 EUR", "INV-2026-000043 · page 2");
        }
    }

    private static String textOf(byte[] bytes) throws IOException {
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
