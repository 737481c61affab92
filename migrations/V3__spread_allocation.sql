-- How many partitions of a computer hold an instance, kept with every allocation and release, so that
-- allocation checks capacity and spreads instances over computers without counting partitions each time.
ALTER TABLE computer ADD COLUMN busy_partitions INTEGER NOT NULL DEFAULT 0;
UPDATE computer SET busy_partitions = (SELECT count(*) FROM partition p WHERE p.computer_id = computer.id AND p.state = 'busy');
CREATE INDEX computer_spread_idx ON computer (busy_partitions, id);
