-- When each computer's node last asked for its plan. Every polling node moves it every few seconds, so it
-- lives beside the computer row rather than in it: those writes never take the row the allocator locks.
CREATE TABLE computer_contact (
    computer_id      BIGINT      NOT NULL,
    last_contact_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT computer_contact_pkey PRIMARY KEY (computer_id),
    CONSTRAINT computer_contact_computer_fkey FOREIGN KEY (computer_id) REFERENCES computer (id)
);
INSERT INTO computer_contact (computer_id, last_contact_at)
    SELECT id, last_contact_at FROM computer WHERE last_contact_at IS NOT NULL;
ALTER TABLE computer DROP COLUMN last_contact_at;
