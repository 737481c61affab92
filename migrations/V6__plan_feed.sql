-- Which transaction last moved each computer's plan version. Versions are drawn before their transaction
-- commits, so one drawn earlier may commit after a higher one: a replica asking for versions above the
-- highest it has seen would miss it. A replica asks instead for the rows written by transactions its
-- previous snapshot could not see (plan_xid at or above that snapshot's xmin), which misses none, whatever
-- the commit order. H2, which generates the jOOQ classes, knows neither the type nor the function.
-- [jooq ignore start]
ALTER TABLE computer ADD COLUMN plan_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX computer_plan_xid_idx ON computer (plan_xid);
-- [jooq ignore stop]

-- Nothing looks computers up by plan version any more.
DROP INDEX computer_plan_version_idx;
