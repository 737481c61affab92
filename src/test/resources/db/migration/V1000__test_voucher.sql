-- A document type that exists only in the tests (org.edgewise.voucher): the smallest whole feature, to
-- show that a new type needs its own package and nothing else. Numbered far above the real migrations.
CREATE TABLE voucher (
    id           bigint      PRIMARY KEY REFERENCES document (id),
    amount_minor bigint      NOT NULL CHECK (amount_minor > 0),
    currency     char(3)     NOT NULL
);
