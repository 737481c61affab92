-- Usage totals per billing month, kept up to date as batches arrive, so that the usage views read one row per
-- instance, computer and metric of a month instead of every measurement of it. Derived data: usage_record
-- stays the proof and what prices are computed from; a total is changed in the transaction that stores the
-- records it adds up. The month is the calendar month of the billing time zone (edgewise.billing.zone, as set
-- when the usage arrived) in which a record's period ends; month_start is its first instant.
-- quantity per metric: cpu_seconds, uptime_seconds and counter:<name> add up; memory_peak_bytes is the
-- highest measured; disk_bytes is the size measured last, at last_period_end.
CREATE TABLE usage_month_total (
    month_start      TIMESTAMPTZ    NOT NULL,
    instance_id      BIGINT         NOT NULL,
    computer_id      BIGINT         NOT NULL,
    metric           VARCHAR(80)    NOT NULL,
    tree_id          BIGINT         NOT NULL,
    owner_id         BIGINT,
    quantity         NUMERIC(30, 6) NOT NULL,
    last_period_end  TIMESTAMPTZ    NOT NULL,
    record_count     INTEGER        NOT NULL,
    CONSTRAINT usage_month_total_pkey PRIMARY KEY (month_start, instance_id, computer_id, metric),
    CONSTRAINT usage_month_total_instance_fkey FOREIGN KEY (instance_id) REFERENCES instance (id),
    CONSTRAINT usage_month_total_computer_fkey FOREIGN KEY (computer_id) REFERENCES computer (id),
    CONSTRAINT usage_month_total_tree_fkey FOREIGN KEY (tree_id) REFERENCES instance_tree (id),
    CONSTRAINT usage_month_total_owner_fkey FOREIGN KEY (owner_id) REFERENCES document (id),
    CONSTRAINT usage_month_total_quantity_check CHECK (quantity >= 0)
);
CREATE INDEX usage_month_total_instance_idx ON usage_month_total (instance_id, month_start);
CREATE INDEX usage_month_total_tree_idx ON usage_month_total (tree_id, month_start);
CREATE INDEX usage_month_total_owner_idx ON usage_month_total (owner_id, month_start);
CREATE INDEX usage_month_total_computer_idx ON usage_month_total (computer_id, month_start);
