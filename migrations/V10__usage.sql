-- Usage (account): what each partition's services really used, as a node measured it. A node sends its
-- measurements in batches named by the node; the same batch sent twice counts once, so a node that was
-- away sends everything it kept and nothing is counted twice. Usage rows are never changed or deleted:
-- prices are derived from them, and what was invoiced must stay provable.
CREATE TABLE usage_batch (
    computer_id   BIGINT      NOT NULL,
    batch_id      VARCHAR(64) NOT NULL,
    received_at   TIMESTAMPTZ NOT NULL,
    record_count  INTEGER     NOT NULL,
    CONSTRAINT usage_batch_pkey PRIMARY KEY (computer_id, batch_id),
    CONSTRAINT usage_batch_computer_fkey FOREIGN KEY (computer_id) REFERENCES computer (id),
    CONSTRAINT usage_batch_id_format CHECK (batch_id ~ '^[A-Za-z0-9._:-]{1,64}$')
);

-- One measured quantity of one instance over one period. Metrics: cpu_seconds (CPU time of the
-- partition's processes during the period), memory_peak_bytes (the highest resident memory seen),
-- disk_bytes (the partition's size at the end of the period), uptime_seconds (how long its services
-- ran during the period), and counter:<name> for a counter the release declares (the increase during
-- the period). The tree and its owner are kept as they were when the usage was received, so views per
-- tree and per customer need no join through instances.
CREATE TABLE usage_record (
    id            BIGINT GENERATED ALWAYS AS IDENTITY,
    computer_id   BIGINT         NOT NULL,
    batch_id      VARCHAR(64)    NOT NULL,
    instance_id   BIGINT         NOT NULL,
    tree_id       BIGINT         NOT NULL,
    owner_id      BIGINT,
    metric        VARCHAR(80)    NOT NULL,
    quantity      NUMERIC(30, 6) NOT NULL,
    period_start  TIMESTAMPTZ    NOT NULL,
    period_end    TIMESTAMPTZ    NOT NULL,
    received_at   TIMESTAMPTZ    NOT NULL,
    CONSTRAINT usage_record_pkey PRIMARY KEY (id),
    CONSTRAINT usage_record_batch_fkey FOREIGN KEY (computer_id, batch_id) REFERENCES usage_batch (computer_id, batch_id),
    CONSTRAINT usage_record_instance_fkey FOREIGN KEY (instance_id) REFERENCES instance (id),
    CONSTRAINT usage_record_tree_fkey FOREIGN KEY (tree_id) REFERENCES instance_tree (id),
    CONSTRAINT usage_record_owner_fkey FOREIGN KEY (owner_id) REFERENCES document (id),
    CONSTRAINT usage_record_quantity_check CHECK (quantity >= 0),
    CONSTRAINT usage_record_period_check CHECK (period_end >= period_start),
    CONSTRAINT usage_record_metric_format CHECK (metric ~ '^(cpu_seconds|memory_peak_bytes|disk_bytes|uptime_seconds|counter:[a-z][a-z0-9_]{0,63})$')
);
CREATE INDEX usage_record_instance_idx ON usage_record (instance_id, period_end);
CREATE INDEX usage_record_tree_idx ON usage_record (tree_id, period_end);
CREATE INDEX usage_record_owner_idx ON usage_record (owner_id, period_end);
CREATE INDEX usage_record_computer_idx ON usage_record (computer_id, period_end);

-- [jooq ignore start]
CREATE FUNCTION usage_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'usage is never changed or deleted (%)', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER usage_record_immutable BEFORE UPDATE OR DELETE ON usage_record
    FOR EACH ROW EXECUTE FUNCTION usage_is_immutable();
CREATE TRIGGER usage_batch_immutable BEFORE UPDATE OR DELETE ON usage_batch
    FOR EACH ROW EXECUTE FUNCTION usage_is_immutable();
-- [jooq ignore stop]
