-- Which instances host shared instances: only those their owner (or an operator) offered for sharing.
-- An offer only lets new shared instances in; withdrawing it evicts none of those already inside.
ALTER TABLE instance ADD COLUMN offered_for_sharing BOOLEAN NOT NULL DEFAULT FALSE;

-- Instances that host shared instances today keep doing so: they count as offered.
UPDATE instance SET offered_for_sharing = TRUE
WHERE id IN (SELECT host_instance_id FROM instance
             WHERE shared AND host_instance_id IS NOT NULL AND reported_state IS DISTINCT FROM 'destroyed');

-- [jooq ignore start]
-- A shared request looks for an offered host of its release and software type among few offered instances.
CREATE INDEX instance_sharing_offer_idx ON instance (release_url, software_type) WHERE offered_for_sharing;
-- The allocation sweep looks for builds that failed (few among every installation) to move the instances
-- placed there that never ran, and for placed instances still explained by such a failure (few among
-- every instance) to clear the explanation once it no longer holds.
CREATE INDEX software_installation_error_idx ON software_installation (computer_id, release_id)
    WHERE reported_state = 'error';
CREATE INDEX instance_placed_note_idx ON instance (id)
    WHERE partition_id IS NOT NULL AND allocation_note IS NOT NULL;
-- [jooq ignore stop]
