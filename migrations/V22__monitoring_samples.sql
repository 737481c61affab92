-- What the monitoring charts draw over time: every minute (edgewise.monitoring.samples.interval) one Master of
-- the cluster counts computers and instances by the status the console shows, and the open alarms, into one
-- row. Rows older than edgewise.monitoring.samples.keep are deleted by the same job.
CREATE TABLE monitoring_sample (
    taken_at               TIMESTAMPTZ NOT NULL,
    computers_in_contact   INTEGER     NOT NULL,
    computers_silent       INTEGER     NOT NULL,
    computers_closed       INTEGER     NOT NULL,
    instances_running      INTEGER     NOT NULL,
    instances_failing      INTEGER     NOT NULL,
    instances_starting     INTEGER     NOT NULL,
    instances_waiting      INTEGER     NOT NULL,
    instances_stopped      INTEGER     NOT NULL,
    instances_error        INTEGER     NOT NULL,
    alarms_open            INTEGER     NOT NULL,
    CONSTRAINT monitoring_sample_pkey PRIMARY KEY (taken_at)
);
