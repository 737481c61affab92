package org.edgewise.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * A feature's controller of the requester API, the API customers, operators and scripts call with a user's
 * API token: served under {@value #BASE}, described under one tag at {@code /v3/api-docs}. The security
 * configuration authenticates everything under {@code /api/} and {@link ApiErrors} answers every
 * controller's errors, so a controller marked with this needs nothing else.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RestController
@RequestMapping(RequesterApi.BASE)
@Tag(name = "Requester API", description = "For customers, operators and scripts, with a user's API token")
public @interface RequesterApi {

    String BASE = "/api/v1";

    /** The longest document reference a path takes: longer is no reference, refused before any look-up. */
    int REFERENCE_MAX = 40;
}
