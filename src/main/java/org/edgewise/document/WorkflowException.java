package org.edgewise.document;

/** An action that the document's workflow does not allow now, or not to this actor. Nothing was changed. */
public class WorkflowException extends RuntimeException {

    public WorkflowException(String message) {
        super(message);
    }
}
