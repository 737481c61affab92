-- Billing: what each customer is charged, through invoice candidates into invoices and credit notes.
-- Amounts are NUMERIC with four decimals of storage; each amount is rounded to its currency's minor unit
-- (two decimals for EUR, none for JPY) before it is stored on an invoice, a credit note or a payment.

-- A customer's billing details: the payment reference they write on transfers (so that payments are
-- matched to them) and the days they have to pay.
CREATE TABLE billing_account (
    customer_id        BIGINT      NOT NULL,
    payment_reference  VARCHAR(40) NOT NULL,
    payment_days       INTEGER     NOT NULL DEFAULT 30,
    CONSTRAINT billing_account_pkey PRIMARY KEY (customer_id),
    CONSTRAINT billing_account_customer_fkey FOREIGN KEY (customer_id) REFERENCES organisation (id),
    CONSTRAINT billing_account_reference_key UNIQUE (payment_reference),
    CONSTRAINT billing_account_days_check CHECK (payment_days BETWEEN 0 AND 365)
);

-- One invoice run per billing period (a month of the billing time zone). Its customers are a work
-- queue, so that several Masters can share a run and each customer is invoiced once.
CREATE TABLE invoice_run (
    id                BIGINT GENERATED ALWAYS AS IDENTITY,
    period_start      TIMESTAMPTZ NOT NULL,
    period_end        TIMESTAMPTZ NOT NULL,
    state             VARCHAR(20) NOT NULL,
    started_by        TEXT        NOT NULL,
    started_at        TIMESTAMPTZ NOT NULL,
    finished_at       TIMESTAMPTZ,
    customers_total   INTEGER     NOT NULL DEFAULT 0,
    customers_done    INTEGER     NOT NULL DEFAULT 0,
    invoices_created  INTEGER     NOT NULL DEFAULT 0,
    error             TEXT,
    CONSTRAINT invoice_run_pkey PRIMARY KEY (id),
    CONSTRAINT invoice_run_period_key UNIQUE (period_start),
    CONSTRAINT invoice_run_period_check CHECK (period_end > period_start),
    CONSTRAINT invoice_run_state_check CHECK (state IN ('running', 'done', 'failed'))
);

CREATE TABLE invoice_run_customer (
    run_id       BIGINT      NOT NULL,
    customer_id  BIGINT      NOT NULL,
    done_at      TIMESTAMPTZ,
    CONSTRAINT invoice_run_customer_pkey PRIMARY KEY (run_id, customer_id),
    CONSTRAINT invoice_run_customer_run_fkey FOREIGN KEY (run_id) REFERENCES invoice_run (id),
    CONSTRAINT invoice_run_customer_customer_fkey FOREIGN KEY (customer_id) REFERENCES organisation (id)
);
-- [jooq ignore start]
CREATE INDEX invoice_run_customer_todo_idx ON invoice_run_customer (run_id, customer_id) WHERE done_at IS NULL;
-- [jooq ignore stop]

CREATE TABLE invoice (
    id                 BIGINT         NOT NULL,
    customer_id        BIGINT         NOT NULL,
    run_id             BIGINT,
    currency           CHAR(3)        NOT NULL,
    period_start       TIMESTAMPTZ,
    period_end         TIMESTAMPTZ,
    issued_on          DATE,
    due_on             DATE,
    payment_reference  VARCHAR(40)    NOT NULL,
    net_total          NUMERIC(20, 4) NOT NULL DEFAULT 0,
    tax_total          NUMERIC(20, 4) NOT NULL DEFAULT 0,
    gross_total        NUMERIC(20, 4) NOT NULL DEFAULT 0,
    CONSTRAINT invoice_pkey PRIMARY KEY (id),
    CONSTRAINT invoice_document_fkey FOREIGN KEY (id) REFERENCES document (id),
    CONSTRAINT invoice_customer_fkey FOREIGN KEY (customer_id) REFERENCES organisation (id),
    CONSTRAINT invoice_run_fkey FOREIGN KEY (run_id) REFERENCES invoice_run (id),
    CONSTRAINT invoice_currency_format CHECK (currency ~ '^[A-Z]{3}$')
);
CREATE INDEX invoice_customer_idx ON invoice (customer_id);
-- [jooq ignore start]
CREATE UNIQUE INDEX invoice_run_customer_key ON invoice (run_id, customer_id) WHERE run_id IS NOT NULL;
-- [jooq ignore stop]

CREATE TABLE invoice_line (
    id               BIGINT GENERATED ALWAYS AS IDENTITY,
    invoice_id       BIGINT         NOT NULL,
    position         INTEGER        NOT NULL,
    description      TEXT           NOT NULL,
    subscription_id  BIGINT,
    period_start     TIMESTAMPTZ,
    period_end       TIMESTAMPTZ,
    quantity         NUMERIC(30, 6) NOT NULL,
    unit             VARCHAR(40)    NOT NULL,
    unit_price       NUMERIC(20, 6) NOT NULL,
    net_amount       NUMERIC(20, 4) NOT NULL,
    tax_rate         NUMERIC(5, 2)  NOT NULL,
    CONSTRAINT invoice_line_pkey PRIMARY KEY (id),
    CONSTRAINT invoice_line_invoice_fkey FOREIGN KEY (invoice_id) REFERENCES invoice (id),
    CONSTRAINT invoice_line_subscription_fkey FOREIGN KEY (subscription_id) REFERENCES subscription (id),
    CONSTRAINT invoice_line_position_key UNIQUE (invoice_id, position),
    CONSTRAINT invoice_line_description_length CHECK (char_length(description) BETWEEN 1 AND 500),
    CONSTRAINT invoice_line_tax_check CHECK (tax_rate >= 0 AND tax_rate < 100)
);

-- Tax per rate per invoice: the tax of each rate is computed once on the sum of the lines at that rate.
CREATE TABLE invoice_tax (
    invoice_id  BIGINT         NOT NULL,
    tax_rate    NUMERIC(5, 2)  NOT NULL,
    net_amount  NUMERIC(20, 4) NOT NULL,
    tax_amount  NUMERIC(20, 4) NOT NULL,
    CONSTRAINT invoice_tax_pkey PRIMARY KEY (invoice_id, tax_rate),
    CONSTRAINT invoice_tax_invoice_fkey FOREIGN KEY (invoice_id) REFERENCES invoice (id)
);

-- What is to be charged, before it is on an invoice: a subscription's recurring price for a period, or
-- its priced usage. amount is quantity × unit price kept to twelve decimals (for a part of a month, the
-- monthly price × its seconds / the month's seconds), so that the one rounding to the currency's minor
-- unit happens on the invoice line. invoice_line_id records the line it went into, so a re-run never charges it again;
-- source_key names what it charges, so the same charge is never a candidate twice.
CREATE TABLE invoice_candidate (
    id               BIGINT GENERATED ALWAYS AS IDENTITY,
    customer_id      BIGINT         NOT NULL,
    subscription_id  BIGINT         NOT NULL,
    source_key       VARCHAR(200)   NOT NULL,
    charge           VARCHAR(80)    NOT NULL,
    description      TEXT           NOT NULL,
    period_start     TIMESTAMPTZ    NOT NULL,
    period_end       TIMESTAMPTZ    NOT NULL,
    quantity         NUMERIC(30, 6) NOT NULL,
    unit             VARCHAR(40)    NOT NULL,
    unit_price       NUMERIC(20, 6) NOT NULL,
    amount           NUMERIC(32, 12) NOT NULL,
    currency         CHAR(3)        NOT NULL,
    tax_rate         NUMERIC(5, 2)  NOT NULL,
    created_at       TIMESTAMPTZ    NOT NULL,
    invoice_line_id  BIGINT,
    CONSTRAINT invoice_candidate_pkey PRIMARY KEY (id),
    CONSTRAINT invoice_candidate_customer_fkey FOREIGN KEY (customer_id) REFERENCES organisation (id),
    CONSTRAINT invoice_candidate_subscription_fkey FOREIGN KEY (subscription_id) REFERENCES subscription (id),
    CONSTRAINT invoice_candidate_line_fkey FOREIGN KEY (invoice_line_id) REFERENCES invoice_line (id),
    CONSTRAINT invoice_candidate_source_key UNIQUE (source_key)
);
-- [jooq ignore start]
CREATE INDEX invoice_candidate_open_idx ON invoice_candidate (customer_id) WHERE invoice_line_id IS NULL;
-- [jooq ignore stop]
CREATE INDEX invoice_candidate_line_idx ON invoice_candidate (invoice_line_id);

-- Which usage rows a candidate priced: each row is priced once, whenever it arrives.
CREATE TABLE usage_charge (
    usage_record_id  BIGINT NOT NULL,
    candidate_id     BIGINT NOT NULL,
    CONSTRAINT usage_charge_pkey PRIMARY KEY (usage_record_id),
    CONSTRAINT usage_charge_record_fkey FOREIGN KEY (usage_record_id) REFERENCES usage_record (id),
    CONSTRAINT usage_charge_candidate_fkey FOREIGN KEY (candidate_id) REFERENCES invoice_candidate (id)
);
CREATE INDEX usage_charge_candidate_idx ON usage_charge (candidate_id);

-- A credit note reverses an issued invoice, fully or in part, line by line.
CREATE TABLE credit_note (
    id           BIGINT         NOT NULL,
    invoice_id   BIGINT         NOT NULL,
    customer_id  BIGINT         NOT NULL,
    currency     CHAR(3)        NOT NULL,
    issued_on    DATE,
    reason       TEXT,
    net_total    NUMERIC(20, 4) NOT NULL DEFAULT 0,
    tax_total    NUMERIC(20, 4) NOT NULL DEFAULT 0,
    gross_total  NUMERIC(20, 4) NOT NULL DEFAULT 0,
    CONSTRAINT credit_note_pkey PRIMARY KEY (id),
    CONSTRAINT credit_note_document_fkey FOREIGN KEY (id) REFERENCES document (id),
    CONSTRAINT credit_note_invoice_fkey FOREIGN KEY (invoice_id) REFERENCES invoice (id),
    CONSTRAINT credit_note_customer_fkey FOREIGN KEY (customer_id) REFERENCES organisation (id)
);
CREATE INDEX credit_note_invoice_idx ON credit_note (invoice_id);

CREATE TABLE credit_note_line (
    id               BIGINT GENERATED ALWAYS AS IDENTITY,
    credit_note_id   BIGINT         NOT NULL,
    invoice_line_id  BIGINT         NOT NULL,
    position         INTEGER        NOT NULL,
    description      TEXT           NOT NULL,
    quantity         NUMERIC(30, 6) NOT NULL,
    unit             VARCHAR(40)    NOT NULL,
    unit_price       NUMERIC(20, 6) NOT NULL,
    net_amount       NUMERIC(20, 4) NOT NULL,
    tax_rate         NUMERIC(5, 2)  NOT NULL,
    CONSTRAINT credit_note_line_pkey PRIMARY KEY (id),
    CONSTRAINT credit_note_line_note_fkey FOREIGN KEY (credit_note_id) REFERENCES credit_note (id),
    CONSTRAINT credit_note_line_invoice_line_fkey FOREIGN KEY (invoice_line_id) REFERENCES invoice_line (id),
    CONSTRAINT credit_note_line_position_key UNIQUE (credit_note_id, position)
);

CREATE TABLE credit_note_tax (
    credit_note_id  BIGINT         NOT NULL,
    tax_rate        NUMERIC(5, 2)  NOT NULL,
    net_amount      NUMERIC(20, 4) NOT NULL,
    tax_amount      NUMERIC(20, 4) NOT NULL,
    CONSTRAINT credit_note_tax_pkey PRIMARY KEY (credit_note_id, tax_rate),
    CONSTRAINT credit_note_tax_note_fkey FOREIGN KEY (credit_note_id) REFERENCES credit_note (id)
);

-- Cluster-safe periodic jobs (db-scheduler's table): several Masters run each job once. The library reads
-- it itself, so it is kept out of the generated classes.
-- [jooq ignore start]
CREATE TABLE scheduled_tasks (
    task_name             TEXT                     NOT NULL,
    task_instance         TEXT                     NOT NULL,
    task_data             BYTEA,
    execution_time        TIMESTAMP WITH TIME ZONE NOT NULL,
    picked                BOOLEAN                  NOT NULL,
    picked_by             TEXT,
    last_success          TIMESTAMP WITH TIME ZONE,
    last_failure          TIMESTAMP WITH TIME ZONE,
    consecutive_failures  INTEGER,
    last_heartbeat        TIMESTAMP WITH TIME ZONE,
    version               BIGINT                   NOT NULL,
    priority              SMALLINT,
    CONSTRAINT scheduled_tasks_pkey PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
-- [jooq ignore stop]
