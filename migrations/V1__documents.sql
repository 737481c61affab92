-- Documents: every business document shares one row here (reference, state, owner, version) and keeps
-- its own fields in a table of its type. The timeline is append-only.

CREATE TABLE reference_series (
    series      VARCHAR(40) NOT NULL,
    next_value  BIGINT NOT NULL,
    CONSTRAINT reference_series_pkey PRIMARY KEY (series),
    CONSTRAINT reference_series_next_positive CHECK (next_value > 0)
);

CREATE TABLE document (
    id          BIGINT GENERATED ALWAYS AS IDENTITY,
    doc_type    VARCHAR(40) NOT NULL,
    reference   VARCHAR(40) NOT NULL,
    title       TEXT        NOT NULL,
    state       VARCHAR(40) NOT NULL,
    owner_id    BIGINT,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    version     INTEGER     NOT NULL DEFAULT 0,
    CONSTRAINT document_pkey PRIMARY KEY (id),
    CONSTRAINT document_reference_key UNIQUE (reference),
    CONSTRAINT document_owner_fkey FOREIGN KEY (owner_id) REFERENCES document (id),
    CONSTRAINT document_title_length CHECK (char_length(title) BETWEEN 1 AND 200)
);
CREATE INDEX document_type_state_idx ON document (doc_type, state);
CREATE INDEX document_owner_idx ON document (owner_id);

CREATE TABLE timeline_entry (
    id           BIGINT GENERATED ALWAYS AS IDENTITY,
    document_id  BIGINT      NOT NULL,
    at           TIMESTAMPTZ NOT NULL,
    actor        TEXT        NOT NULL,
    kind         VARCHAR(20) NOT NULL,
    action       VARCHAR(40),
    from_state   VARCHAR(40),
    to_state     VARCHAR(40),
    changes      JSONB,
    comment      TEXT,
    CONSTRAINT timeline_entry_pkey PRIMARY KEY (id),
    CONSTRAINT timeline_entry_document_fkey FOREIGN KEY (document_id) REFERENCES document (id),
    CONSTRAINT timeline_entry_kind_check CHECK (kind IN ('created', 'transition', 'change', 'comment')),
    CONSTRAINT timeline_entry_comment_length CHECK (comment IS NULL OR char_length(comment) <= 10000)
);
CREATE INDEX timeline_entry_document_idx ON timeline_entry (document_id, id);

-- Customers are organisations (or persons) that own documents. A document's name is its title.
CREATE TABLE organisation (
    id          BIGINT NOT NULL,
    email       TEXT,
    vat_number  TEXT,
    address     TEXT,
    CONSTRAINT organisation_pkey PRIMARY KEY (id),
    CONSTRAINT organisation_document_fkey FOREIGN KEY (id) REFERENCES document (id)
);

CREATE TABLE person (
    id               BIGINT NOT NULL,
    email            TEXT,
    phone            TEXT,
    organisation_id  BIGINT,
    CONSTRAINT person_pkey PRIMARY KEY (id),
    CONSTRAINT person_document_fkey FOREIGN KEY (id) REFERENCES document (id),
    CONSTRAINT person_organisation_fkey FOREIGN KEY (organisation_id) REFERENCES organisation (id)
);

CREATE TABLE app_user (
    id               BIGINT NOT NULL,
    username         VARCHAR(64) NOT NULL,
    password_hash    TEXT   NOT NULL,
    roles            TEXT   NOT NULL,
    organisation_id  BIGINT,
    person_id        BIGINT,
    CONSTRAINT app_user_pkey PRIMARY KEY (id),
    CONSTRAINT app_user_username_key UNIQUE (username),
    CONSTRAINT app_user_document_fkey FOREIGN KEY (id) REFERENCES document (id),
    CONSTRAINT app_user_organisation_fkey FOREIGN KEY (organisation_id) REFERENCES organisation (id),
    CONSTRAINT app_user_person_fkey FOREIGN KEY (person_id) REFERENCES person (id),
    CONSTRAINT app_user_username_format CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$')
);

-- Compute nodes. The allocation scope follows the workflow state (open, closed, decommissioned);
-- a computer owned by a customer is a private edge, allocated to that customer only.
CREATE TABLE computer (
    id               BIGINT NOT NULL,
    hostname         TEXT,
    region           TEXT,
    capacity         INTEGER NOT NULL DEFAULT 10,
    description      TEXT,
    last_contact_at  TIMESTAMPTZ,
    CONSTRAINT computer_pkey PRIMARY KEY (id),
    CONSTRAINT computer_document_fkey FOREIGN KEY (id) REFERENCES document (id),
    CONSTRAINT computer_capacity_range CHECK (capacity BETWEEN 0 AND 100000)
);
