-- Instance trees and instances are numbered from sequences (never reused, never waited for, gaps on
-- rollback), continuing their series; see Workflow.Builder.gapsAllowed.
CREATE SEQUENCE reference_tree_seq;
CREATE SEQUENCE reference_inst_seq;
-- [jooq ignore start]
SELECT setval('reference_tree_seq', next_value, false) FROM reference_series WHERE series = 'TREE';
SELECT setval('reference_inst_seq', next_value, false) FROM reference_series WHERE series = 'INST';
-- A request finds its tree by type and title (then owner), among many.
CREATE INDEX document_type_title_idx ON document (doc_type, title);
-- [jooq ignore stop]

-- Which computers have a release: explaining why an instance waits starts from the release. Both
-- columns, so that placing, which goes from each computer to its installation, finds the one row too.
CREATE INDEX software_installation_release_idx ON software_installation (release_id, computer_id);
