package org.edgewise.document;

/** No such document, or none that this actor may see: the two are told apart to nobody. */
public class DocumentNotFoundException extends RuntimeException {

    public DocumentNotFoundException(String reference) {
        super("No document " + reference + " was found.");
    }
}
