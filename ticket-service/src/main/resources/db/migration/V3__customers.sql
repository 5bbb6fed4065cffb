CREATE TABLE customer (
    id           uuid        PRIMARY KEY,
    tenant_id    text        NOT NULL,
    customer_key text        NOT NULL,
    since        timestamptz NOT NULL,
    churned_at   timestamptz,
    referred     boolean     NOT NULL DEFAULT false,
    attributes   jsonb       NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    CONSTRAINT customer_tenant_key UNIQUE (tenant_id, customer_key),
    CHECK (churned_at IS NULL OR churned_at >= since)
);

-- Amounts in the tenant's currency.
CREATE TABLE purchase (
    customer_id uuid          NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    seq         integer       NOT NULL,
    tenant_id   text          NOT NULL,
    amount      numeric(14,4) NOT NULL,
    at          timestamptz   NOT NULL,
    PRIMARY KEY (customer_id, seq)
);

-- Engagement events name a customer by the tenant's id; the same event sent twice is stored once.
CREATE TABLE engagement_event (
    tenant_id    text        NOT NULL,
    customer_key text        NOT NULL,
    type         text        NOT NULL,
    at           timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, customer_key, type, at)
);
