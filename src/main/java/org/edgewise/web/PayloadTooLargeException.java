package org.edgewise.web;

import java.io.IOException;

/** A request body over the API's limit; the request is refused whole. */
public class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException(long limit) {
        super("The request body is larger than the limit of " + limit / 1024 + " KiB.");
    }
}
