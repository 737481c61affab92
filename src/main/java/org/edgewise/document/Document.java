package org.edgewise.document;

import java.time.OffsetDateTime;

/** What every business document has in common. */
public record Document(long id, String docType, String reference, String title, String state, Long ownerId,
        OffsetDateTime createdAt, OffsetDateTime updatedAt, int version) {
}
