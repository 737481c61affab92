package org.edgewise.billing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperExportManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;

/**
 * Prints invoices and credit notes to PDF with the template {@code reports/invoice.jrxml}: the provider
 * and the customer, the lines, the tax of each rate, the totals and how to pay, in DejaVu Sans embedded in
 * the file. The template is compiled once, on first use; filling it is thread-safe.
 */
@Service
public class InvoicePdf {

    private static final String TEMPLATE = "/reports/invoice.jrxml";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final Company company;
    private volatile JasperReport report;

    InvoicePdf(@Value("${edgewise.company.name}") String name, @Value("${edgewise.company.address}") String address,
            @Value("${edgewise.company.vat-number}") String vatNumber, @Value("${edgewise.company.iban}") String iban,
            @Value("${edgewise.company.bic}") String bic) {
        this.company = new Company(name, address.replace("\\n", "\n"), vatNumber, iban, bic);
    }

    /** The provider as its invoices name it, and the account customers pay to. */
    record Company(String name, String address, String vatNumber, String iban, String bic) { }

    public byte[] render(PrintedDocument doc) {
        try {
            JasperPrint print = JasperFillManager.fillReport(report(), parameters(doc),
                    new JRMapCollectionDataSource(lines(doc)));
            return JasperExportManager.exportReportToPdf(print);
        } catch (JRException e) {
            throw new IllegalStateException("Could not print " + title(doc) + ": " + e.getMessage(), e);
        }
    }

    /** The file name a person saves it under, e.g. {@code INV-2026-000001.pdf}. */
    public static String fileName(PrintedDocument doc) {
        return (doc.isDraft() ? "draft-" + doc.reference() : doc.number()) + ".pdf";
    }

    private JasperReport report() throws JRException {
        JasperReport compiled = report;
        if (compiled == null) {
            synchronized (this) {
                if (report == null) {
                    try (InputStream in = InvoicePdf.class.getResourceAsStream(TEMPLATE)) {
                        if (in == null) {
                            throw new IllegalStateException("The invoice template " + TEMPLATE + " is missing");
                        }
                        report = JasperCompileManager.compileReport(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                compiled = report;
            }
        }
        return compiled;
    }

    private Map<String, Object> parameters(PrintedDocument doc) {
        // Jasper writes into the parameter map while it fills: it must be mutable.
        Map<String, Object> p = new HashMap<>();
        p.put("companyName", company.name());
        p.put("companyDetails", company.address() + "\nVAT " + company.vatNumber());
        p.put("documentTitle", doc.isDraft() ? doc.kind() + " (draft)" : doc.kind());
        p.put("number", title(doc));
        p.put("facts", facts(doc));
        p.put("customerName", doc.customer().name());
        p.put("customerDetails", customerDetails(doc.customer()));
        p.put("note", doc.isDraft() ? "A draft: not a valid " + doc.kind().toLowerCase(Locale.ENGLISH)
                + " until it is issued with its number." : null);
        p.put("taxSummary", taxSummary(doc));
        p.put("netTotal", money(doc.netTotal(), doc));
        p.put("taxTotal", money(doc.taxTotal(), doc));
        p.put("totalLabel", doc.isCreditNote() ? "Total credited" : "Total due");
        p.put("grossTotal", money(doc.grossTotal(), doc));
        p.put("paymentText", paymentText(doc));
        return p;
    }

    private static String title(PrintedDocument doc) {
        return doc.isDraft() ? doc.reference() : doc.number();
    }

    private static String facts(PrintedDocument doc) {
        List<String> facts = new ArrayList<>();
        if (doc.issuedOn() != null) {
            facts.add("Issued " + date(doc.issuedOn()));
        }
        if (doc.dueOn() != null && !doc.isCreditNote()) {
            facts.add("Due " + date(doc.dueOn()));
        }
        if (doc.periodStart() != null && doc.periodEnd() != null) {
            facts.add("Period " + date(doc.periodStart()) + " – " + date(doc.periodEnd()));
        }
        if (doc.isCreditNote()) {
            facts.add("Reverses invoice " + doc.relatesTo());
        }
        return String.join("\n", facts);
    }

    private static String customerDetails(PrintedDocument.Party customer) {
        List<String> lines = new ArrayList<>();
        if (customer.address() != null && !customer.address().isBlank()) {
            lines.add(customer.address().strip());
        }
        if (customer.vatNumber() != null && !customer.vatNumber().isBlank()) {
            lines.add("VAT " + customer.vatNumber().strip());
        }
        if (customer.email() != null && !customer.email().isBlank()) {
            lines.add(customer.email().strip());
        }
        return String.join("\n", lines);
    }

    private static String taxSummary(PrintedDocument doc) {
        List<String> rows = new ArrayList<>();
        for (PrintedDocument.Tax tax : doc.taxes()) {
            rows.add(percent(tax.rate()) + " on " + money(tax.net(), doc) + ": " + money(tax.tax(), doc));
        }
        return rows.isEmpty() ? "No tax." : String.join("\n", rows);
    }

    private String paymentText(PrintedDocument doc) {
        if (doc.isCreditNote()) {
            return "This credit note reduces what is due on invoice " + doc.relatesTo() + " by "
                    + money(doc.grossTotal(), doc) + ".";
        }
        if (doc.isDraft()) {
            return null;
        }
        return "Please pay " + money(doc.grossTotal(), doc) + (doc.dueOn() == null ? "" : " by " + date(doc.dueOn()))
                + " to IBAN " + company.iban() + " (BIC " + company.bic() + "), " + company.name()
                + ", writing the payment reference " + doc.paymentReference() + " so that we can match your payment.";
    }

    private static List<Map<String, ?>> lines(PrintedDocument doc) {
        List<Map<String, ?>> rows = new ArrayList<>(doc.lines().size());
        for (PrintedDocument.Line line : doc.lines()) {
            rows.add(Map.of("description", line.description(), "quantity", number(line.quantity()), "unit", line.unit(),
                    "unitPrice", number(line.unitPrice()), "taxRate", percent(line.taxRate()),
                    "net", money(line.net(), doc)));
        }
        return rows;
    }

    static String money(BigDecimal amount, PrintedDocument doc) {
        int digits = Math.max(doc.currency().getDefaultFractionDigits(), 0);
        DecimalFormat format = new DecimalFormat(digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits),
                DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        return format.format(amount.setScale(digits, RoundingMode.UNNECESSARY)) + " " + doc.currency().getCurrencyCode();
    }

    /** A quantity or a unit price: as many decimals as it has, up to six, and at least none. */
    private static String number(BigDecimal value) {
        BigDecimal plain = value.stripTrailingZeros();
        return new DecimalFormat(plain.scale() <= 0 ? "#,##0" : "#,##0." + "0".repeat(Math.min(plain.scale(), 6)),
                DecimalFormatSymbols.getInstance(Locale.ENGLISH)).format(plain);
    }

    private static String percent(BigDecimal rate) {
        return rate.setScale(2, RoundingMode.UNNECESSARY).toPlainString() + " %";
    }

    private static String date(LocalDate date) {
        return DATE.format(date);
    }
}
