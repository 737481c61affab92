-- Price lists: the provider's general list, or one of a customer organisation. A list is drafted, then
-- activated from its validity date (never before the moment it is activated: a price never changes
-- retroactively), then retired. The list in force for a customer at an instant is the customer's own
-- active list valid then, else the general active list valid then; among several, the latest valid_from.
CREATE TABLE price_list (
    id           BIGINT      NOT NULL,
    customer_id  BIGINT,
    currency     CHAR(3)     NOT NULL,
    valid_from   TIMESTAMPTZ NOT NULL,
    valid_to     TIMESTAMPTZ,
    CONSTRAINT price_list_pkey PRIMARY KEY (id),
    CONSTRAINT price_list_document_fkey FOREIGN KEY (id) REFERENCES document (id),
    CONSTRAINT price_list_customer_fkey FOREIGN KEY (customer_id) REFERENCES organisation (id),
    CONSTRAINT price_list_currency_format CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT price_list_validity_check CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX price_list_customer_idx ON price_list (customer_id, valid_from);

-- One price of a list: for a product, and a software type of it or every type (''), what is charged:
-- 'month' (the recurring price of a month of subscription), 'cpu_hour', 'disk_gb_month', or
-- 'counter:<name>' (per unit of a counter the release declares). Unit prices keep six decimals; amounts
-- are rounded to the currency's minor unit only on the invoice line.
CREATE TABLE price_item (
    id             BIGINT GENERATED ALWAYS AS IDENTITY,
    price_list_id  BIGINT         NOT NULL,
    product_id     BIGINT         NOT NULL,
    software_type  VARCHAR(100)   NOT NULL DEFAULT '',
    charge         VARCHAR(80)    NOT NULL,
    unit_price     NUMERIC(20, 6) NOT NULL,
    tax_rate       NUMERIC(5, 2)  NOT NULL,
    CONSTRAINT price_item_pkey PRIMARY KEY (id),
    CONSTRAINT price_item_list_fkey FOREIGN KEY (price_list_id) REFERENCES price_list (id),
    CONSTRAINT price_item_product_fkey FOREIGN KEY (product_id) REFERENCES software_product (id),
    CONSTRAINT price_item_unique UNIQUE (price_list_id, product_id, software_type, charge),
    CONSTRAINT price_item_charge_format CHECK (charge ~ '^(month|cpu_hour|disk_gb_month|counter:[a-z][a-z0-9_]{0,63})$'),
    CONSTRAINT price_item_price_check CHECK (unit_price >= 0),
    CONSTRAINT price_item_tax_check CHECK (tax_rate >= 0 AND tax_rate < 100)
);

-- Every instance tree of a customer is a subscription: started with the tree, closed when it is
-- destroyed. billed_until is how far its recurring charge has been turned into invoice candidates.
CREATE TABLE subscription (
    id             BIGINT       NOT NULL,
    tree_id        BIGINT       NOT NULL,
    customer_id    BIGINT       NOT NULL,
    product_id     BIGINT       NOT NULL,
    software_type  VARCHAR(100) NOT NULL,
    started_at     TIMESTAMPTZ  NOT NULL,
    ended_at       TIMESTAMPTZ,
    billed_until   TIMESTAMPTZ  NOT NULL,
    CONSTRAINT subscription_pkey PRIMARY KEY (id),
    CONSTRAINT subscription_document_fkey FOREIGN KEY (id) REFERENCES document (id),
    CONSTRAINT subscription_tree_fkey FOREIGN KEY (tree_id) REFERENCES instance_tree (id),
    CONSTRAINT subscription_tree_key UNIQUE (tree_id),
    CONSTRAINT subscription_customer_fkey FOREIGN KEY (customer_id) REFERENCES organisation (id),
    CONSTRAINT subscription_product_fkey FOREIGN KEY (product_id) REFERENCES software_product (id),
    CONSTRAINT subscription_period_check CHECK (ended_at IS NULL OR ended_at >= started_at),
    CONSTRAINT subscription_billed_check CHECK (billed_until >= started_at)
);
CREATE INDEX subscription_customer_idx ON subscription (customer_id);
