-- Service requests: the catalogue, software installations, partitions, instance trees and instances,
-- node credentials and the requester's API tokens.

CREATE TABLE software_product (
    id           BIGINT NOT NULL,
    description  TEXT,
    CONSTRAINT software_product_pkey PRIMARY KEY (id),
    CONSTRAINT software_product_document_fkey FOREIGN KEY (id) REFERENCES document (id)
);

CREATE TABLE software_release (
    id              BIGINT        NOT NULL,
    product_id      BIGINT        NOT NULL,
    url             VARCHAR(1000) NOT NULL,
    version         VARCHAR(100)  NOT NULL,
    software_types  TEXT          NOT NULL,
    description     TEXT,
    CONSTRAINT software_release_pkey PRIMARY KEY (id),
    CONSTRAINT software_release_document_fkey FOREIGN KEY (id) REFERENCES document (id),
    CONSTRAINT software_release_product_fkey FOREIGN KEY (product_id) REFERENCES software_product (id),
    CONSTRAINT software_release_url_key UNIQUE (url)
);

-- "Release R must be available on computer C". The document state is what is requested
-- (available / destroyed); what the node last reported is kept beside it.
CREATE TABLE software_installation (
    id              BIGINT NOT NULL,
    computer_id     BIGINT NOT NULL,
    release_id      BIGINT NOT NULL,
    reported_state  VARCHAR(20),
    error_log       TEXT,
    reported_at     TIMESTAMPTZ,
    CONSTRAINT software_installation_pkey PRIMARY KEY (id),
    CONSTRAINT software_installation_document_fkey FOREIGN KEY (id) REFERENCES document (id),
    CONSTRAINT software_installation_computer_fkey FOREIGN KEY (computer_id) REFERENCES computer (id),
    CONSTRAINT software_installation_release_fkey FOREIGN KEY (release_id) REFERENCES software_release (id),
    CONSTRAINT software_installation_unique UNIQUE (computer_id, release_id),
    CONSTRAINT software_installation_reported_check
        CHECK (reported_state IS NULL OR reported_state IN ('building', 'available', 'error', 'destroyed'))
);

-- Every change a node must see moves its computer to a new plan version taken from one sequence,
-- so "which computers changed since version V" is one indexed query.
CREATE SEQUENCE plan_version_seq;
ALTER TABLE computer ADD COLUMN plan_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE computer ADD COLUMN node_secret_hash VARCHAR(64);
CREATE INDEX computer_plan_version_idx ON computer (plan_version);

CREATE TABLE enrolment_token (
    id           BIGINT GENERATED ALWAYS AS IDENTITY,
    computer_id  BIGINT      NOT NULL,
    token_hash   VARCHAR(64) NOT NULL,
    created_by   TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    used_at      TIMESTAMPTZ,
    CONSTRAINT enrolment_token_pkey PRIMARY KEY (id),
    CONSTRAINT enrolment_token_computer_fkey FOREIGN KEY (computer_id) REFERENCES computer (id),
    CONSTRAINT enrolment_token_hash_key UNIQUE (token_hash)
);

CREATE TABLE partition (
    id            BIGINT GENERATED ALWAYS AS IDENTITY,
    computer_id   BIGINT       NOT NULL,
    name          VARCHAR(100) NOT NULL,
    address       VARCHAR(100),
    capabilities  JSONB        NOT NULL DEFAULT '[]',
    state         VARCHAR(20)  NOT NULL DEFAULT 'free',
    instance_id   BIGINT,
    CONSTRAINT partition_pkey PRIMARY KEY (id),
    CONSTRAINT partition_computer_fkey FOREIGN KEY (computer_id) REFERENCES computer (id),
    CONSTRAINT partition_name_unique UNIQUE (computer_id, name),
    CONSTRAINT partition_instance_unique UNIQUE (instance_id),
    CONSTRAINT partition_state_check CHECK (state IN ('free', 'busy', 'inactive')),
    CONSTRAINT partition_busy_has_instance CHECK ((state = 'busy') = (instance_id IS NOT NULL))
);
CREATE INDEX partition_computer_state_idx ON partition (computer_id, state);

CREATE TABLE instance_tree (
    id                BIGINT NOT NULL,
    root_instance_id  BIGINT,
    CONSTRAINT instance_tree_pkey PRIMARY KEY (id),
    CONSTRAINT instance_tree_document_fkey FOREIGN KEY (id) REFERENCES document (id)
);

-- The document state of an instance is its requested state (started / stopped / destroyed).
CREATE TABLE instance (
    id                     BIGINT        NOT NULL,
    tree_id                BIGINT        NOT NULL,
    requester_instance_id  BIGINT,
    title                  VARCHAR(200)  NOT NULL,
    release_url            VARCHAR(1000) NOT NULL,
    software_type          VARCHAR(100)  NOT NULL,
    parameters             JSONB         NOT NULL DEFAULT '{}',
    sla                    JSONB         NOT NULL DEFAULT '{}',
    shared                 BOOLEAN       NOT NULL DEFAULT FALSE,
    partition_id           BIGINT,
    host_instance_id       BIGINT,
    allocation_note        TEXT,
    connection_parameters  JSONB         NOT NULL DEFAULT '{}',
    reported_state         VARCHAR(20),
    reported_at            TIMESTAMPTZ,
    error_log              TEXT,
    changed_at             TIMESTAMPTZ   NOT NULL,
    CONSTRAINT instance_pkey PRIMARY KEY (id),
    CONSTRAINT instance_document_fkey FOREIGN KEY (id) REFERENCES document (id),
    CONSTRAINT instance_tree_fkey FOREIGN KEY (tree_id) REFERENCES instance_tree (id),
    CONSTRAINT instance_requester_fkey FOREIGN KEY (requester_instance_id) REFERENCES instance (id),
    CONSTRAINT instance_partition_fkey FOREIGN KEY (partition_id) REFERENCES partition (id),
    CONSTRAINT instance_host_fkey FOREIGN KEY (host_instance_id) REFERENCES instance (id),
    CONSTRAINT instance_title_in_tree UNIQUE (tree_id, title),
    CONSTRAINT instance_reported_check
        CHECK (reported_state IS NULL OR reported_state IN ('started', 'stopped', 'destroyed', 'error'))
);
CREATE INDEX instance_partition_idx ON instance (partition_id);
CREATE INDEX instance_host_idx ON instance (host_instance_id);
CREATE INDEX instance_requester_idx ON instance (requester_instance_id);
-- [jooq ignore start]
CREATE INDEX instance_pending_idx ON instance (id) WHERE partition_id IS NULL AND NOT shared;
CREATE INDEX instance_shared_pending_idx ON instance (id) WHERE host_instance_id IS NULL AND shared;
-- [jooq ignore stop]

ALTER TABLE instance_tree ADD CONSTRAINT instance_tree_root_fkey
    FOREIGN KEY (root_instance_id) REFERENCES instance (id);

CREATE TABLE api_token (
    id            BIGINT GENERATED ALWAYS AS IDENTITY,
    user_id       BIGINT       NOT NULL,
    name          VARCHAR(100) NOT NULL,
    token_hash    VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    last_used_at  TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ,
    CONSTRAINT api_token_pkey PRIMARY KEY (id),
    CONSTRAINT api_token_user_fkey FOREIGN KEY (user_id) REFERENCES app_user (id),
    CONSTRAINT api_token_hash_key UNIQUE (token_hash)
);
