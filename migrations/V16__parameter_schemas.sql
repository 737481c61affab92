-- What a release's descriptor (release.json) declares of its parameters: per software type, a JSON Schema
-- that every request for it is checked against and that the console's and the shop's forms are drawn from.
-- Kept as the JSON text it was read as, not as jsonb, which would sort each schema's properties: their
-- order is the order of the form's fields. NULL while the descriptor could not be read; the note then says
-- why, for the release's page.
ALTER TABLE software_release ADD COLUMN parameter_schemas TEXT;
ALTER TABLE software_release ADD COLUMN parameter_schemas_note TEXT;
