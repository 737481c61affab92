-- An alarm is a cause of trouble the Master noticed on its own (a computer silent, an instance failing, a
-- build in error or taking too long, an instance waiting too long for a place), raised once and cleared when
-- the cause goes away. At most one alarm per cause is open at a time: the partial unique index makes a second
-- Master that notices the same cause at the same moment insert nothing.
CREATE TABLE alarm (
    id           BIGINT GENERATED ALWAYS AS IDENTITY,
    cause        VARCHAR(200) NOT NULL,
    kind         VARCHAR(40)  NOT NULL,
    subject_id   BIGINT       NOT NULL,
    summary      TEXT         NOT NULL,
    raised_at    TIMESTAMPTZ  NOT NULL,
    cleared_at   TIMESTAMPTZ,
    ticket_id    BIGINT,
    CONSTRAINT alarm_pkey PRIMARY KEY (id),
    CONSTRAINT alarm_subject_fkey FOREIGN KEY (subject_id) REFERENCES document (id),
    CONSTRAINT alarm_kind_check CHECK (kind IN ('computer_silent', 'instance_failing', 'build_error',
        'build_slow', 'waiting_for_place'))
);
-- [jooq ignore start]
CREATE UNIQUE INDEX alarm_open_cause_key ON alarm (cause) WHERE cleared_at IS NULL;
-- [jooq ignore stop]
CREATE INDEX alarm_raised_idx ON alarm (raised_at);
