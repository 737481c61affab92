-- A ticket is a request for help: opened by a customer about one of their documents (a service, an invoice, an
-- order), by staff for a customer, or by an alarm about a computer, an installation or an instance. Its
-- severity sets when a first answer and a resolution are due. The conversation is the ticket's timeline: staff
-- and customer comments, and internal notes that only staff read. A ticket's owner is its customer (none for
-- the provider's own tickets, which only staff see).
CREATE TABLE ticket (
    id                  BIGINT       NOT NULL,
    customer_id         BIGINT,
    related_id          BIGINT,
    severity            VARCHAR(10)  NOT NULL,
    assignee_id         BIGINT,
    opened_by           VARCHAR(64)  NOT NULL,
    first_response_due  TIMESTAMPTZ  NOT NULL,
    resolution_due      TIMESTAMPTZ  NOT NULL,
    first_response_at   TIMESTAMPTZ,
    resolved_at         TIMESTAMPTZ,
    CONSTRAINT ticket_pkey PRIMARY KEY (id),
    CONSTRAINT ticket_document_fkey FOREIGN KEY (id) REFERENCES document (id),
    CONSTRAINT ticket_customer_fkey FOREIGN KEY (customer_id) REFERENCES organisation (id),
    CONSTRAINT ticket_related_fkey FOREIGN KEY (related_id) REFERENCES document (id),
    CONSTRAINT ticket_assignee_fkey FOREIGN KEY (assignee_id) REFERENCES app_user (id),
    CONSTRAINT ticket_severity_check CHECK (severity IN ('low', 'normal', 'high', 'critical'))
);
CREATE INDEX ticket_customer_idx ON ticket (customer_id);
CREATE INDEX ticket_related_idx ON ticket (related_id);
CREATE INDEX ticket_assignee_idx ON ticket (assignee_id);

ALTER TABLE alarm ADD CONSTRAINT alarm_ticket_fkey FOREIGN KEY (ticket_id) REFERENCES ticket (id);

-- Ticket references need no gapless series.
CREATE SEQUENCE reference_tck_seq;

-- An internal note is a comment that only staff read.
ALTER TABLE timeline_entry DROP CONSTRAINT timeline_entry_kind_check;
ALTER TABLE timeline_entry ADD CONSTRAINT timeline_entry_kind_check
    CHECK (kind IN ('created', 'transition', 'change', 'comment', 'note'));
