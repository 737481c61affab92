package org.edgewise.voucher;

import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.DocumentView;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

/** One voucher: the standard document page, its number beside its reference once issued, and its amount. */
@Route("vouchers/:reference")
@PermitAll
public class VoucherView extends DocumentView<Vouchers.Row> {

    private final Vouchers vouchers;

    public VoucherView(Vouchers vouchers, DocumentEngine engine, CurrentUser currentUser) {
        super(engine, currentUser, "Voucher", "Vouchers", "vouchers", "Vouchers");
        this.vouchers = vouchers;
    }

    @Override
    protected Vouchers.Row find(String reference) {
        return vouchers.get(reference, actor);
    }

    @Override
    protected long idOf(Vouchers.Row row) {
        return row.id();
    }

    @Override
    protected void compose(DocumentPage page, Vouchers.Row row, Document doc) {
        Paragraph amount = new Paragraph(row.amountMinor() + " " + row.currency());
        amount.setId("voucher-amount");
        page.setFields(amount);
    }
}
