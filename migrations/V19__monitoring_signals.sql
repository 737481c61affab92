-- Health is its own signal, apart from the state a node reports: what the promises of an instance said last,
-- since when they have said it (a failing instance is "failing since 10:42"), and when the node last checked.
-- One row per instance, written by its node when the verdict changes and refreshed periodically.
CREATE TABLE instance_health (
    instance_id      BIGINT       NOT NULL,
    healthy          BOOLEAN      NOT NULL,
    failing_promise  VARCHAR(100),
    message          TEXT,
    since            TIMESTAMPTZ  NOT NULL,
    checked_at       TIMESTAMPTZ  NOT NULL,
    CONSTRAINT instance_health_pkey PRIMARY KEY (instance_id),
    CONSTRAINT instance_health_instance_fkey FOREIGN KEY (instance_id) REFERENCES instance (id)
);

-- A build that keeps failing and retrying is one failure with a count, not a state that flips: the attempts
-- since the last success, and since when the current build or failure has lasted.
ALTER TABLE software_installation ADD COLUMN build_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE software_installation ADD COLUMN building_since TIMESTAMPTZ;
ALTER TABLE software_installation ADD COLUMN failing_since TIMESTAMPTZ;

-- Whether a release's instances may be placed on another computer when theirs is lost (release.json
-- "movable"): a stateless service may; one keeping data moves only with its backup.
ALTER TABLE software_release ADD COLUMN movable BOOLEAN NOT NULL DEFAULT FALSE;
