-- Facet 12: a release's tests run on a test computer against a fresh instance of it; each run is a test result
-- with one line per test. A release whose latest result passed is proposed as an upgrade to the trees on older
-- releases of its product; each proposal is an upgrade decision, accepted or rejected, then carried out and
-- rolled back when the upgraded instance's promises fail.

-- What the release's descriptor declares under "tests" (null: no tests), read when the release is created.
ALTER TABLE software_release ADD COLUMN tests JSONB;

-- A test computer takes only the scratch trees of test runs.
ALTER TABLE computer ADD COLUMN for_tests BOOLEAN NOT NULL DEFAULT FALSE;

-- The release the node last said the instance runs (its state reports name it).
ALTER TABLE instance ADD COLUMN reported_release_url VARCHAR(1000);

-- An organisation may let every upgrade proposed for its trees be accepted at once.
ALTER TABLE organisation ADD COLUMN accepts_upgrades BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE test_result (
    id           BIGINT       NOT NULL,
    release_id   BIGINT       NOT NULL,
    product_id   BIGINT       NOT NULL,
    previous_id  BIGINT,
    reason       TEXT         NOT NULL,
    computer_id  BIGINT,
    tree_id      BIGINT,
    time_limit   INTEGER      NOT NULL,
    queued_at    TIMESTAMPTZ  NOT NULL,
    started_at   TIMESTAMPTZ,
    finished_at  TIMESTAMPTZ,
    message      TEXT,
    passed       INTEGER      NOT NULL DEFAULT 0,
    failed       INTEGER      NOT NULL DEFAULT 0,
    errors       INTEGER      NOT NULL DEFAULT 0,
    skipped      INTEGER      NOT NULL DEFAULT 0,
    CONSTRAINT test_result_pkey PRIMARY KEY (id),
    CONSTRAINT test_result_document_fkey FOREIGN KEY (id) REFERENCES document (id),
    CONSTRAINT test_result_release_fkey FOREIGN KEY (release_id) REFERENCES software_release (id),
    CONSTRAINT test_result_product_fkey FOREIGN KEY (product_id) REFERENCES software_product (id),
    CONSTRAINT test_result_previous_fkey FOREIGN KEY (previous_id) REFERENCES test_result (id),
    CONSTRAINT test_result_computer_fkey FOREIGN KEY (computer_id) REFERENCES computer (id),
    CONSTRAINT test_result_tree_fkey FOREIGN KEY (tree_id) REFERENCES instance_tree (id)
);
CREATE INDEX test_result_release_idx ON test_result (release_id, id);
CREATE INDEX test_result_product_idx ON test_result (product_id, id);
CREATE INDEX test_result_computer_idx ON test_result (computer_id);
-- [jooq ignore start]
CREATE UNIQUE INDEX test_result_tree_idx ON test_result (tree_id) WHERE tree_id IS NOT NULL;
-- [jooq ignore stop]

CREATE TABLE test_result_line (
    result_id    BIGINT        NOT NULL,
    position     INTEGER       NOT NULL,
    name         VARCHAR(300)  NOT NULL,
    status       VARCHAR(10)   NOT NULL,
    duration_ms  BIGINT,
    message      VARCHAR(500),
    log          TEXT,
    CONSTRAINT test_result_line_pkey PRIMARY KEY (result_id, position),
    CONSTRAINT test_result_line_result_fkey FOREIGN KEY (result_id) REFERENCES test_result (id),
    CONSTRAINT test_result_line_status_check CHECK (status IN ('passed', 'failed', 'error', 'skipped'))
);

CREATE TABLE upgrade_decision (
    id                BIGINT       NOT NULL,
    tree_id           BIGINT       NOT NULL,
    from_release_id   BIGINT       NOT NULL,
    to_release_id     BIGINT       NOT NULL,
    test_result_id    BIGINT       NOT NULL,
    upgrading_since   TIMESTAMPTZ,
    running_since     TIMESTAMPTZ,
    outcome           TEXT,
    CONSTRAINT upgrade_decision_pkey PRIMARY KEY (id),
    CONSTRAINT upgrade_decision_document_fkey FOREIGN KEY (id) REFERENCES document (id),
    CONSTRAINT upgrade_decision_tree_fkey FOREIGN KEY (tree_id) REFERENCES instance_tree (id),
    CONSTRAINT upgrade_decision_from_fkey FOREIGN KEY (from_release_id) REFERENCES software_release (id),
    CONSTRAINT upgrade_decision_to_fkey FOREIGN KEY (to_release_id) REFERENCES software_release (id),
    CONSTRAINT upgrade_decision_result_fkey FOREIGN KEY (test_result_id) REFERENCES test_result (id),
    -- one decision per tree and release: a rejected one is not proposed again, and two Masters propose it once
    CONSTRAINT upgrade_decision_once UNIQUE (tree_id, to_release_id)
);
CREATE INDEX upgrade_decision_to_idx ON upgrade_decision (to_release_id);

CREATE SEQUENCE reference_tr_seq;
CREATE SEQUENCE reference_ud_seq;
