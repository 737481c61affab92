package org.edgewise.web;

import org.edgewise.document.Document;

/**
 * What the requester API answers when it has created a document or taken a workflow action on one: its
 * reference and its state now.
 */
public record Created(String reference, String state) {

    public static Created of(Document document) {
        return new Created(document.reference(), document.state());
    }
}
