-- A legal number (an invoice's INV-2026-000001) is given by an action, not at creation: a draft never
-- consumes one. The counters are gapless per series and period: a row per (series, period) locked by the
-- numbering transaction until it ends, so a rolled-back action gives its number back.
ALTER TABLE document ADD COLUMN number varchar(60);

CREATE UNIQUE INDEX document_number ON document (doc_type, number) WHERE number IS NOT NULL;

CREATE TABLE number_counter (
    series     varchar(60) NOT NULL,
    period     varchar(20) NOT NULL,
    next_value bigint NOT NULL,
    PRIMARY KEY (series, period)
);
