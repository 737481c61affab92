package org.edgewise.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.edgewise.document.PageRequest;
import org.edgewise.security.CurrentUser;
import org.edgewise.web.RequesterApi;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/** Invoices for customers (their own) and billing staff (every customer's, and issuing drafts). */
@RequesterApi
class InvoiceApiController {

    record InvoiceSummary(String reference, String number, String state, String customer, String customerName,
            String currency, LocalDate periodFrom, LocalDate periodTo, LocalDate issuedOn, LocalDate dueOn,
            BigDecimal gross) { }

    record LineAnswer(int position, String description, OffsetDateTime periodStart, OffsetDateTime periodEnd,
            BigDecimal quantity, String unit, BigDecimal unitPrice, BigDecimal taxRate, BigDecimal net) { }

    record CreditNoteAnswer(String reference, String number, String state, LocalDate issuedOn, BigDecimal gross) { }

    record InvoiceAnswer(String reference, String number, String title, String state, String customer,
            String customerName, String currency, LocalDate periodFrom, LocalDate periodTo, LocalDate issuedOn,
            LocalDate dueOn, String paymentReference, BigDecimal net, BigDecimal tax, BigDecimal gross,
            List<LineAnswer> lines, List<Invoices.Tax> taxes, List<CreditNoteAnswer> creditNotes) { }

    private final Invoices invoices;
    private final CreditNotes creditNotes;
    private final PrintedDocuments printed;
    private final InvoicePdf pdf;
    private final CurrentUser currentUser;

    InvoiceApiController(Invoices invoices, CreditNotes creditNotes, PrintedDocuments printed, InvoicePdf pdf,
            CurrentUser currentUser) {
        this.invoices = invoices;
        this.creditNotes = creditNotes;
        this.printed = printed;
        this.pdf = pdf;
        this.currentUser = currentUser;
    }

    @GetMapping("/invoices/{reference}/pdf")
    @Operation(summary = "One invoice as the PDF a person keeps, by its number or its draft reference")
    ResponseEntity<byte[]> invoicePdf(@PathVariable @Size(max = RequesterApi.REFERENCE_MAX) String reference) {
        return pdf(printed.find(BillingWorkflows.INVOICE, reference, currentUser.actor()));
    }

    @GetMapping("/credit-notes/{reference}/pdf")
    @Operation(summary = "One credit note as a PDF, by its number or its draft reference")
    ResponseEntity<byte[]> creditNotePdf(@PathVariable @Size(max = RequesterApi.REFERENCE_MAX) String reference) {
        return pdf(printed.find(BillingWorkflows.CREDIT_NOTE, reference, currentUser.actor()));
    }

    private ResponseEntity<byte[]> pdf(PrintedDocument doc) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(InvoicePdf.fileName(doc)).build().toString())
                .body(pdf.render(doc));
    }

    @GetMapping("/invoices")
    @Operation(summary = "Your invoices (every customer's for billing staff), newest first")
    List<InvoiceSummary> list(@RequestParam(required = false) @Size(max = 40) String state,
            @RequestParam(defaultValue = "0") @Min(0) int offset,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return invoices.page(new PageRequest(null, state, List.of(), offset, limit), currentUser.actor()).stream()
                .map(r -> new InvoiceSummary(r.reference(), r.number(), r.state(), r.customerReference(),
                        r.customerName(), r.currency(), r.periodFrom(), r.periodTo(), r.issuedOn(), r.dueOn(),
                        r.gross()))
                .toList();
    }

    @GetMapping("/invoices/{reference}")
    @Operation(summary = "One invoice, by its number (INV-2027-000042) or its draft reference (INVD-000042), with its "
            + "lines, its tax per rate and its credit notes")
    InvoiceAnswer show(@PathVariable @Size(max = RequesterApi.REFERENCE_MAX) String reference) {
        return answer(invoices.get(reference, currentUser.actor()));
    }

    @PostMapping("/invoices/{reference}/issue")
    @Operation(summary = "Issue a draft invoice (billing staff): it gets its number and its dates, and is never "
            + "changed again; 409 when it is no longer a draft")
    InvoiceAnswer issue(@PathVariable @Size(max = RequesterApi.REFERENCE_MAX) String reference) {
        return answer(invoices.issue(reference, currentUser.actor()));
    }

    private InvoiceAnswer answer(Invoices.Invoice i) {
        return new InvoiceAnswer(i.reference(), i.number(), i.title(), i.state(), i.customerReference(),
                i.customerName(), i.currency(), i.periodFrom(), i.periodTo(), i.issuedOn(), i.dueOn(),
                i.paymentReference(), i.net(), i.tax(), i.gross(),
                i.lines().stream().map(l -> new LineAnswer(l.position(), l.description(), l.periodStart(),
                        l.periodEnd(), l.quantity(), l.unit(), l.unitPrice(), l.taxRate(), l.net())).toList(),
                i.taxes(),
                creditNotes.ofInvoice(i.id(), currentUser.actor()).stream().map(c -> new CreditNoteAnswer(
                        c.reference(), c.number(), c.state(), c.issuedOn(), c.gross())).toList());
    }
}
