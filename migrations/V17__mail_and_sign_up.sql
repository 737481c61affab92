-- E-mails wait in the outbox, queued in the transaction of what they tell, until the sender job delivers
-- them: a mail is never sent for a change that was rolled back, and one that could not be sent yet is
-- tried again later (attempts, last_error, next_attempt_at) instead of being lost. An attachment is named
-- by its kind and document reference and rendered only when the mail is sent.
CREATE TABLE mail_outbox (
    id                    BIGINT GENERATED ALWAYS AS IDENTITY,
    recipient             TEXT        NOT NULL,
    subject               TEXT        NOT NULL,
    body                  TEXT        NOT NULL,
    attachment_kind       TEXT,
    attachment_reference  TEXT,
    queued_at             TIMESTAMPTZ NOT NULL,
    next_attempt_at       TIMESTAMPTZ NOT NULL,
    attempts              INTEGER     NOT NULL DEFAULT 0,
    last_error            TEXT,
    sent_at               TIMESTAMPTZ,
    CONSTRAINT mail_outbox_pkey PRIMARY KEY (id),
    CONSTRAINT mail_outbox_attachment_kind_check
        CHECK (attachment_kind IS NULL OR attachment_kind IN ('invoice', 'credit_note', 'reminder')),
    CONSTRAINT mail_outbox_attachment_check CHECK ((attachment_kind IS NULL) = (attachment_reference IS NULL))
);
CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL;

-- Links sent by e-mail to confirm an address or reset a password. Only a hash of the random token is kept,
-- so that reading the table gives nobody a working link; a token works once and until it expires.
CREATE TABLE account_token (
    id          BIGINT GENERATED ALWAYS AS IDENTITY,
    token_hash  CHAR(64)    NOT NULL,
    user_id     BIGINT      NOT NULL,
    purpose     VARCHAR(20) NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ,
    CONSTRAINT account_token_pkey PRIMARY KEY (id),
    CONSTRAINT account_token_hash_key UNIQUE (token_hash),
    CONSTRAINT account_token_user_fkey FOREIGN KEY (user_id) REFERENCES app_user (id),
    CONSTRAINT account_token_purpose_check CHECK (purpose IN ('verify_email', 'reset_password'))
);

-- Sign-ups and password-reset requests, counted per e-mail address and per client address so that nobody
-- can flood a mailbox or the user table from the public pages; rows older than a day are deleted.
CREATE TABLE account_request (
    id            BIGINT GENERATED ALWAYS AS IDENTITY,
    purpose       VARCHAR(20)  NOT NULL,
    requested_by  VARCHAR(320) NOT NULL,
    requested_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT account_request_pkey PRIMARY KEY (id)
);
CREATE INDEX account_request_recent_idx ON account_request (purpose, requested_by, requested_at);
