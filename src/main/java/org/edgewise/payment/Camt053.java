package org.edgewise.payment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.edgewise.document.ValidationException;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import com.prowidesoftware.swift.model.mx.AbstractMX;
import com.prowidesoftware.swift.model.mx.MxCamt05300102;
import com.prowidesoftware.swift.model.mx.MxCamt05300108;
import com.prowidesoftware.swift.model.mx.dic.AccountIdentification4Choice;
import com.prowidesoftware.swift.model.mx.dic.AccountStatement2;
import com.prowidesoftware.swift.model.mx.dic.AccountStatement9;
import com.prowidesoftware.swift.model.mx.dic.ActiveOrHistoricCurrencyAndAmount;
import com.prowidesoftware.swift.model.mx.dic.CreditDebitCode;
import com.prowidesoftware.swift.model.mx.dic.EntryTransaction10;
import com.prowidesoftware.swift.model.mx.dic.EntryTransaction2;
import com.prowidesoftware.swift.model.mx.dic.ReportEntry10;
import com.prowidesoftware.swift.model.mx.dic.ReportEntry2;

/**
 * Reads an ISO 20022 camt.053 bank statement (the versions .001.02 and .001.08, the ones banks send) into
 * its credit entries, through the Prowide ISO 20022 model. The XML is parsed here first, with DTDs and
 * external entities refused, so that a malformed file is answered with where it breaks; nothing is read
 * from a file that is not whole.
 *
 * <p>A credit entry is one line, unless it books several transfers at once (a batch) whose amounts add up
 * to the entry's: then each transfer is a line, so that each is matched to its own customer. Debit entries
 * are only counted.
 */
final class Camt053 {

    static final String SUPPORTED = "camt.053.001.02 and camt.053.001.08";
    private static final String NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:";
    private static final int MAX_ID = 35;
    private static final int MAX_NAME = 140;

    /** One statement (a Stmt of the message) with its credit lines and the number of debits ignored. */
    record Statement(String messageId, String statementId, String messageType, String account,
            OffsetDateTime createdAt, List<Credit> credits, int debits) { }

    /** Money received: one line of a statement. */
    record Credit(LocalDate bookedOn, BigDecimal amount, String currency, String debtorName, String remittance) { }

    /** One transfer of an entry, as its transaction details tell it. */
    private record Transfer(ActiveOrHistoricCurrencyAndAmount amount, String debtorName, String remittance) { }

    private Camt053() {
    }

    /**
     * The statements of the file; refused with a {@link ValidationException} of the field {@code file} and a
     * sentence that says what is wrong when the file is not a whole camt.053 statement of a supported version.
     */
    static List<Statement> read(byte[] content, ZoneId zone) {
        Element root = parse(content);
        AbstractMX message = AbstractMX.parse(root);
        String namespace = root.getNamespaceURI();
        String type = namespace != null && namespace.startsWith(NAMESPACE) ? namespace.substring(NAMESPACE.length())
                : null;
        List<Statement> statements;
        if (message instanceof MxCamt05300102 v02) {
            statements = fromV02(v02, zone);
        } else if (message instanceof MxCamt05300108 v08) {
            statements = fromV08(v08, zone);
        } else if (type != null && type.startsWith("camt.053.")) {
            throw refused("This is a " + type + " bank statement; the Master reads " + SUPPORTED + ".");
        } else {
            throw refused("This is not an ISO 20022 camt.053 bank statement"
                    + (type == null ? "" : " but a " + type + " message") + ": the Master reads " + SUPPORTED + ".");
        }
        if (statements.isEmpty()) {
            throw refused("The file holds no statement (no Stmt element).");
        }
        return statements;
    }

    private static Element parse(byte[] content) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // the default handler prints to the console; this one only throws on the fatal errors
            builder.setErrorHandler(new DefaultHandler());
            return builder.parse(new ByteArrayInputStream(content)).getDocumentElement();
        } catch (SAXParseException e) {
            throw refused("The file is not well-formed XML (line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + "): " + e.getMessage());
        } catch (SAXException | IOException e) {
            throw refused("The file is not well-formed XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The XML parser cannot be made safe", e);
        }
    }

    private static List<Statement> fromV02(MxCamt05300102 message, ZoneId zone) {
        var body = require(message.getBkToCstmrStmt(), "BkToCstmrStmt");
        String messageId = id(require(body.getGrpHdr(), "GrpHdr").getMsgId(), "GrpHdr/MsgId");
        List<Statement> statements = new ArrayList<>();
        for (AccountStatement2 stmt : body.getStmt()) {
            String statementId = id(stmt.getId(), "Stmt/Id");
            List<Credit> credits = new ArrayList<>();
            int debits = 0;
            int position = 0;
            for (ReportEntry2 entry : stmt.getNtry()) {
                position++;
                String where = "Stmt " + statementId + ", entry " + position;
                if (isDebit(entry.getCdtDbtInd(), where)) {
                    debits++;
                    continue;
                }
                LocalDate bookedOn = bookedOn(entry.getBookgDt() == null ? null : entry.getBookgDt().getDt(),
                        entry.getBookgDt() == null ? null : entry.getBookgDt().getDtTm(),
                        entry.getValDt() == null ? null : entry.getValDt().getDt(), zone, where);
                List<Transfer> transfers = entry.getNtryDtls().stream().flatMap(d -> d.getTxDtls().stream())
                        .map(Camt053::transfer).toList();
                credits.addAll(credits(require(entry.getAmt(), where + ": Amt"), bookedOn, transfers, where));
            }
            statements.add(new Statement(messageId, statementId, "camt.053.001.02",
                    account(stmt.getAcct() == null ? null : stmt.getAcct().getId()), stmt.getCreDtTm(), credits,
                    debits));
        }
        return statements;
    }

    private static List<Statement> fromV08(MxCamt05300108 message, ZoneId zone) {
        var body = require(message.getBkToCstmrStmt(), "BkToCstmrStmt");
        String messageId = id(require(body.getGrpHdr(), "GrpHdr").getMsgId(), "GrpHdr/MsgId");
        List<Statement> statements = new ArrayList<>();
        for (AccountStatement9 stmt : body.getStmt()) {
            String statementId = id(stmt.getId(), "Stmt/Id");
            List<Credit> credits = new ArrayList<>();
            int debits = 0;
            int position = 0;
            for (ReportEntry10 entry : stmt.getNtry()) {
                position++;
                String where = "Stmt " + statementId + ", entry " + position;
                if (isDebit(entry.getCdtDbtInd(), where)) {
                    debits++;
                    continue;
                }
                LocalDate bookedOn = bookedOn(entry.getBookgDt() == null ? null : entry.getBookgDt().getDt(),
                        entry.getBookgDt() == null ? null : entry.getBookgDt().getDtTm(),
                        entry.getValDt() == null ? null : entry.getValDt().getDt(), zone, where);
                List<Transfer> transfers = entry.getNtryDtls().stream().flatMap(d -> d.getTxDtls().stream())
                        .map(Camt053::transfer).toList();
                credits.addAll(credits(require(entry.getAmt(), where + ": Amt"), bookedOn, transfers, where));
            }
            statements.add(new Statement(messageId, statementId, "camt.053.001.08",
                    account(stmt.getAcct() == null ? null : stmt.getAcct().getId()), stmt.getCreDtTm(), credits,
                    debits));
        }
        return statements;
    }

    private static Transfer transfer(EntryTransaction2 tx) {
        var amount = tx.getAmtDtls() == null || tx.getAmtDtls().getTxAmt() == null ? null
                : tx.getAmtDtls().getTxAmt().getAmt();
        String debtor = tx.getRltdPties() == null || tx.getRltdPties().getDbtr() == null ? null
                : tx.getRltdPties().getDbtr().getNm();
        var info = tx.getRmtInf();
        return new Transfer(amount, debtor, info == null ? "" : remittance(info.getUstrd().stream(),
                info.getStrd().stream().map(s -> s.getCdtrRefInf() == null ? null : s.getCdtrRefInf().getRef())));
    }

    private static Transfer transfer(EntryTransaction10 tx) {
        var parties = tx.getRltdPties();
        String debtor = parties == null || parties.getDbtr() == null || parties.getDbtr().getPty() == null ? null
                : parties.getDbtr().getPty().getNm();
        var info = tx.getRmtInf();
        return new Transfer(tx.getAmt(), debtor, info == null ? "" : remittance(info.getUstrd().stream(),
                info.getStrd().stream().map(s -> s.getCdtrRefInf() == null ? null : s.getCdtrRefInf().getRef())));
    }

    /** The unstructured lines, then the structured creditor references, as one text to look for references in. */
    private static String remittance(Stream<String> unstructured, Stream<String> references) {
        return Stream.concat(unstructured, references).filter(Objects::nonNull).map(String::strip)
                .filter(s -> !s.isEmpty()).collect(Collectors.joining(" / "));
    }

    /** An entry's lines: one per transfer when it books several whose amounts add up to it, else one. */
    private static List<Credit> credits(ActiveOrHistoricCurrencyAndAmount total, LocalDate bookedOn,
            List<Transfer> transfers, String where) {
        String currency = currency(total, where);
        BigDecimal amount = amount(total, currency, where);
        boolean split = transfers.size() > 1 && transfers.stream().allMatch(t -> t.amount() != null
                && currency.equals(t.amount().getCcy()) && t.amount().getValue() != null)
                && transfers.stream().map(t -> t.amount().getValue()).reduce(BigDecimal.ZERO, BigDecimal::add)
                        .compareTo(amount) == 0;
        if (split) {
            List<Credit> credits = new ArrayList<>();
            for (Transfer t : transfers) {
                credits.add(new Credit(bookedOn, amount(t.amount(), currency, where), currency, name(t.debtorName()),
                        t.remittance()));
            }
            return credits;
        }
        Set<String> debtors = new LinkedHashSet<>();
        transfers.stream().map(Transfer::debtorName).filter(Objects::nonNull).map(String::strip)
                .filter(s -> !s.isEmpty()).forEach(debtors::add);
        String remittance = transfers.stream().map(Transfer::remittance).filter(s -> !s.isEmpty())
                .collect(Collectors.joining(" / "));
        return List.of(new Credit(bookedOn, amount, currency, name(debtors.isEmpty() ? null
                : String.join(", ", debtors)), remittance));
    }

    private static boolean isDebit(CreditDebitCode indicator, String where) {
        return require(indicator, where + ": CdtDbtInd") == CreditDebitCode.DBIT;
    }

    private static LocalDate bookedOn(LocalDate date, OffsetDateTime dateTime, LocalDate valueDate, ZoneId zone,
            String where) {
        if (date != null) {
            return date;
        }
        if (dateTime != null) {
            return dateTime.atZoneSameInstant(zone).toLocalDate();
        }
        return require(valueDate, where + ": BookgDt");
    }

    private static String currency(ActiveOrHistoricCurrencyAndAmount amount, String where) {
        try {
            return Money.requireCurrency("file", amount.getCcy());
        } catch (ValidationException e) {
            throw refused(where + ": " + e.getMessage());
        }
    }

    private static BigDecimal amount(ActiveOrHistoricCurrencyAndAmount amount, String currency, String where) {
        try {
            return Money.requireAmount("file", require(amount.getValue(), where + ": Amt"), currency);
        } catch (ValidationException e) {
            throw refused(where + ": " + e.getMessage());
        }
    }

    private static String account(AccountIdentification4Choice id) {
        if (id == null) {
            return null;
        }
        return id.getIBAN() != null ? id.getIBAN() : id.getOthr() == null ? null : id.getOthr().getId();
    }

    private static String id(String value, String what) {
        String id = require(value, what).strip();
        if (id.isEmpty() || id.length() > MAX_ID) {
            throw refused(what + " must have 1 to " + MAX_ID + " characters.");
        }
        return id;
    }

    private static String name(String name) {
        return name == null || name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw refused(what + " is missing.");
        }
        return value;
    }

    private static ValidationException refused(String message) {
        return new ValidationException("file", message);
    }
}
