-- Failed sign-ins and failed API credentials, counted in token buckets (Bucket4j) per account and per
-- source address, so that every Master on this database refuses the same guesser. A row is a bucket:
-- its key (e.g. "account:ada", "sign-in-address:203.0.113.7"), its state as Bucket4j serialises it
-- (empty between Bucket4j's insert and its update in the same transaction), and when it is full again:
-- from then on the row says nothing that a missing row would not, so it may be read past and deleted.
CREATE TABLE sign_in_bucket (
    id      VARCHAR(200) PRIMARY KEY,
    state   BYTEA,
    full_at TIMESTAMPTZ
);
CREATE INDEX sign_in_bucket_full_at_idx ON sign_in_bucket (full_at);
