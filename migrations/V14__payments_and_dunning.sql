-- Payments and dunning: the money customers send, which invoices it paid, the bank statements it came
-- from, and the reminders that follow an invoice left unpaid past its due date. Amounts are rounded to
-- their currency's minor unit before they are stored, like the invoices' (V12).

-- One statement of an imported ISO 20022 camt.053 file. A bank sends the same statement again under the
-- same message and statement ids, so that pair is imported once.
CREATE TABLE bank_statement (
    id              BIGINT GENERATED ALWAYS AS IDENTITY,
    message_id      VARCHAR(35)  NOT NULL,
    statement_id    VARCHAR(35)  NOT NULL,
    message_type    VARCHAR(20)  NOT NULL,
    account         VARCHAR(70),
    file_name       VARCHAR(255),
    created_at      TIMESTAMPTZ,
    imported_at     TIMESTAMPTZ  NOT NULL,
    imported_by     TEXT         NOT NULL,
    credit_lines    INTEGER      NOT NULL,
    debits_ignored  INTEGER      NOT NULL,
    CONSTRAINT bank_statement_pkey PRIMARY KEY (id),
    CONSTRAINT bank_statement_ids_key UNIQUE (message_id, statement_id),
    CONSTRAINT bank_statement_counts_check CHECK (credit_lines >= 0 AND debits_ignored >= 0)
);

-- A credit entry of a statement (debits are only counted). A line whose remittance information names a
-- customer's payment reference becomes a payment at once; the others wait for a person, who assigns them
-- to a customer (then they become a payment too) or ignores them, saying why.
CREATE TABLE bank_statement_line (
    id              BIGINT GENERATED ALWAYS AS IDENTITY,
    statement_id    BIGINT         NOT NULL,
    position        INTEGER        NOT NULL,
    booked_on       DATE           NOT NULL,
    amount          NUMERIC(20, 4) NOT NULL,
    currency        CHAR(3)        NOT NULL,
    debtor_name     VARCHAR(140),
    remittance      TEXT           NOT NULL,
    state           VARCHAR(20)    NOT NULL,
    ignored_reason  TEXT,
    decided_by      TEXT,
    decided_at      TIMESTAMPTZ,
    CONSTRAINT bank_statement_line_pkey PRIMARY KEY (id),
    CONSTRAINT bank_statement_line_statement_fkey FOREIGN KEY (statement_id) REFERENCES bank_statement (id),
    CONSTRAINT bank_statement_line_position_key UNIQUE (statement_id, position),
    CONSTRAINT bank_statement_line_amount_check CHECK (amount > 0),
    CONSTRAINT bank_statement_line_currency_format CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT bank_statement_line_state_check CHECK (state IN ('unmatched', 'matched', 'ignored')),
    CONSTRAINT bank_statement_line_reason_check CHECK ((state = 'ignored') = (ignored_reason IS NOT NULL))
);
-- [jooq ignore start]
CREATE INDEX bank_statement_line_unmatched_idx ON bank_statement_line (id) WHERE state = 'unmatched';
-- [jooq ignore stop]

-- A payment received (document type payment): registered, then matched to a customer, by the payment
-- reference written on the transfer or by a person. What it paid is in payment_allocation; the rest is
-- the customer's unallocated credit.
CREATE TABLE payment (
    id                 BIGINT         NOT NULL,
    customer_id        BIGINT,
    amount             NUMERIC(20, 4) NOT NULL,
    currency           CHAR(3)        NOT NULL,
    received_on        DATE           NOT NULL,
    reference_text     VARCHAR(500)   NOT NULL,
    debtor_name        VARCHAR(140),
    statement_line_id  BIGINT,
    CONSTRAINT payment_pkey PRIMARY KEY (id),
    CONSTRAINT payment_document_fkey FOREIGN KEY (id) REFERENCES document (id),
    CONSTRAINT payment_customer_fkey FOREIGN KEY (customer_id) REFERENCES organisation (id),
    CONSTRAINT payment_statement_line_fkey FOREIGN KEY (statement_line_id) REFERENCES bank_statement_line (id),
    CONSTRAINT payment_statement_line_key UNIQUE (statement_line_id),
    CONSTRAINT payment_amount_check CHECK (amount > 0),
    CONSTRAINT payment_currency_format CHECK (currency ~ '^[A-Z]{3}$')
);
CREATE INDEX payment_customer_idx ON payment (customer_id);

-- What of a payment went to which invoice. What is still due of an invoice is its gross total less its
-- issued credit notes and these allocations.
CREATE TABLE payment_allocation (
    id            BIGINT GENERATED ALWAYS AS IDENTITY,
    payment_id    BIGINT         NOT NULL,
    invoice_id    BIGINT         NOT NULL,
    amount        NUMERIC(20, 4) NOT NULL,
    allocated_at  TIMESTAMPTZ    NOT NULL,
    CONSTRAINT payment_allocation_pkey PRIMARY KEY (id),
    CONSTRAINT payment_allocation_payment_fkey FOREIGN KEY (payment_id) REFERENCES payment (id),
    CONSTRAINT payment_allocation_invoice_fkey FOREIGN KEY (invoice_id) REFERENCES invoice (id),
    CONSTRAINT payment_allocation_amount_check CHECK (amount > 0)
);
CREATE INDEX payment_allocation_payment_idx ON payment_allocation (payment_id);
CREATE INDEX payment_allocation_invoice_idx ON payment_allocation (invoice_id);

-- A reminder (document type reminder) of one invoice left unpaid past its due date. It carries the
-- dunning's dates: when services are stopped unless the invoice is paid, and then destroyed. A stop or a
-- destruction is announced ahead; an announcement made late moves its date, so the customer always has
-- the whole notice. closed_at is set when the reminder is settled or its services are destroyed; an
-- invoice has at most one reminder open.
CREATE TABLE reminder (
    id                    BIGINT      NOT NULL,
    invoice_id            BIGINT      NOT NULL,
    customer_id           BIGINT      NOT NULL,
    reminded_at           TIMESTAMPTZ NOT NULL,
    stop_at               TIMESTAMPTZ NOT NULL,
    stop_announced_at     TIMESTAMPTZ,
    stopped_at            TIMESTAMPTZ,
    destroy_at            TIMESTAMPTZ,
    destroy_announced_at  TIMESTAMPTZ,
    closed_at             TIMESTAMPTZ,
    CONSTRAINT reminder_pkey PRIMARY KEY (id),
    CONSTRAINT reminder_document_fkey FOREIGN KEY (id) REFERENCES document (id),
    CONSTRAINT reminder_invoice_fkey FOREIGN KEY (invoice_id) REFERENCES invoice (id),
    CONSTRAINT reminder_customer_fkey FOREIGN KEY (customer_id) REFERENCES organisation (id)
);
CREATE INDEX reminder_customer_idx ON reminder (customer_id);
-- [jooq ignore start]
CREATE UNIQUE INDEX reminder_open_invoice_key ON reminder (invoice_id) WHERE closed_at IS NULL;
-- [jooq ignore stop]

-- The instance trees a reminder stopped, so that exactly those are started again when the invoice is
-- paid, or destroyed when it is not. A tree is released once: restarted, destroyed, or handed over to
-- another reminder of the customer whose services are stopped too.
CREATE TABLE dunning_stopped_tree (
    reminder_id  BIGINT      NOT NULL,
    tree_id      BIGINT      NOT NULL,
    stopped_at   TIMESTAMPTZ NOT NULL,
    released_at  TIMESTAMPTZ,
    outcome      VARCHAR(20),
    CONSTRAINT dunning_stopped_tree_pkey PRIMARY KEY (reminder_id, tree_id),
    CONSTRAINT dunning_stopped_tree_reminder_fkey FOREIGN KEY (reminder_id) REFERENCES reminder (id),
    CONSTRAINT dunning_stopped_tree_tree_fkey FOREIGN KEY (tree_id) REFERENCES instance_tree (id),
    CONSTRAINT dunning_stopped_tree_outcome_check
        CHECK (outcome IS NULL OR outcome IN ('restarted', 'destroyed', 'handed_over')),
    CONSTRAINT dunning_stopped_tree_released_check CHECK ((outcome IS NULL) = (released_at IS NULL))
);
CREATE INDEX dunning_stopped_tree_tree_idx ON dunning_stopped_tree (tree_id);

-- The subscriptions a reminder suspended, resumed when the invoice is paid.
CREATE TABLE dunning_suspended_subscription (
    reminder_id      BIGINT      NOT NULL,
    subscription_id  BIGINT      NOT NULL,
    suspended_at     TIMESTAMPTZ NOT NULL,
    released_at      TIMESTAMPTZ,
    outcome          VARCHAR(20),
    CONSTRAINT dunning_suspended_subscription_pkey PRIMARY KEY (reminder_id, subscription_id),
    CONSTRAINT dunning_suspended_subscription_reminder_fkey FOREIGN KEY (reminder_id) REFERENCES reminder (id),
    CONSTRAINT dunning_suspended_subscription_subscription_fkey
        FOREIGN KEY (subscription_id) REFERENCES subscription (id),
    CONSTRAINT dunning_suspended_subscription_outcome_check
        CHECK (outcome IS NULL OR outcome IN ('resumed', 'ended', 'handed_over')),
    CONSTRAINT dunning_suspended_subscription_released_check CHECK ((outcome IS NULL) = (released_at IS NULL))
);
CREATE INDEX dunning_suspended_subscription_subscription_idx ON dunning_suspended_subscription (subscription_id);
