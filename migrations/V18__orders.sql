-- An order of services for a customer: made in the web shop (a cart the customer submits) or by sales
-- staff as a quotation the customer accepts. Once submitted it passes the configured check (none, the
-- customer's credit limit, or a paid deposit invoice) and is confirmed: each line becomes an instance tree
-- of the customer, and with it a subscription. The document's owner is the customer organisation.
CREATE TABLE sales_order (
    id                  BIGINT       NOT NULL,
    customer_id         BIGINT       NOT NULL,
    ordered_by          VARCHAR(64),
    check_kind          VARCHAR(20),
    check_note          TEXT,
    deposit_invoice_id  BIGINT,
    submitted_at        TIMESTAMPTZ,
    confirmed_at        TIMESTAMPTZ,
    CONSTRAINT sales_order_pkey PRIMARY KEY (id),
    CONSTRAINT sales_order_document_fkey FOREIGN KEY (id) REFERENCES document (id),
    CONSTRAINT sales_order_customer_fkey FOREIGN KEY (customer_id) REFERENCES organisation (id),
    CONSTRAINT sales_order_deposit_fkey FOREIGN KEY (deposit_invoice_id) REFERENCES invoice (id),
    CONSTRAINT sales_order_check_kind CHECK (check_kind IS NULL OR check_kind IN ('none', 'credit_limit', 'deposit'))
);
CREATE INDEX sales_order_customer_idx ON sales_order (customer_id);
CREATE INDEX sales_order_deposit_idx ON sales_order (deposit_invoice_id);

-- One service of an order: a software type (the plan) of a release of a product, the title the customer
-- gives the service, its parameters (checked against the release's schema), the monthly price shown when
-- it was ordered, and, once confirmed, the instance tree it became.
CREATE TABLE sales_order_line (
    id              BIGINT GENERATED ALWAYS AS IDENTITY,
    order_id        BIGINT         NOT NULL,
    position        INTEGER        NOT NULL,
    release_id      BIGINT         NOT NULL,
    software_type   VARCHAR(100)   NOT NULL,
    title           VARCHAR(200)   NOT NULL,
    parameters      JSONB          NOT NULL,
    currency        CHAR(3),
    month_price     NUMERIC(20, 6),
    tax_rate        NUMERIC(5, 2),
    tree_id         BIGINT,
    CONSTRAINT sales_order_line_pkey PRIMARY KEY (id),
    CONSTRAINT sales_order_line_order_fkey FOREIGN KEY (order_id) REFERENCES sales_order (id),
    CONSTRAINT sales_order_line_release_fkey FOREIGN KEY (release_id) REFERENCES software_release (id),
    CONSTRAINT sales_order_line_tree_fkey FOREIGN KEY (tree_id) REFERENCES instance_tree (id),
    CONSTRAINT sales_order_line_position_key UNIQUE (order_id, position),
    CONSTRAINT sales_order_line_title_key UNIQUE (order_id, title)
);
CREATE INDEX sales_order_line_tree_idx ON sales_order_line (tree_id);


-- Order references need no gapless series (a cart may be abandoned); see V15.
CREATE SEQUENCE reference_so_seq;
