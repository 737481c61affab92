package org.edgewise.billing;

import java.io.ByteArrayInputStream;

import org.edgewise.access.Actor;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;

/** The "Download PDF" link of an invoice or credit note page: printed when clicked, for the person viewing it. */
public final class PdfLink {

    private PdfLink() {
    }

    public static Anchor of(PrintedDocuments printed, InvoicePdf pdf, String docType, String reference, Actor actor, String id) {
        DownloadHandler handler = DownloadHandler.fromInputStream(event -> {
            PrintedDocument doc = printed.find(docType, reference, actor);
            byte[] bytes = pdf.render(doc);
            return new DownloadResponse(new ByteArrayInputStream(bytes), InvoicePdf.fileName(doc), "application/pdf",
                    bytes.length);
        });
        Anchor link = new Anchor(handler, AttachmentType.DOWNLOAD, "Download PDF");
        link.addComponentAsFirst(VaadinIcon.FILE_TEXT_O.create());
        link.setId(id);
        return link;
    }
}
