package org.edgewise.document;

import java.time.OffsetDateTime;

/**
 * What every business document has in common.
 *
 * @param reference the internal id people quote, given at creation and never reused
 * @param number    the legal number, for types numbered on an action ({@code INV-2026-000001} on issue);
 *                  {@code null} before that action, and for other types
 */
public record Document(long id, String docType, String reference, String number, String title, String state,
        Long ownerId, OffsetDateTime createdAt, OffsetDateTime updatedAt, int version) {
}
