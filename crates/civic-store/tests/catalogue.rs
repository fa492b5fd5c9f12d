//! The PostgreSQL schema can be spread over clusters (and sharded by tenant
//! on Citus) only if every tenant table's primary key and unique indexes
//! start with `tenant_id`. This reads the catalogue of a migrated database.

use civic_store::testing::TestDb;
use sqlx::{Connection, PgConnection};

#[tokio::test]
async fn every_tenant_key_starts_with_tenant_id() {
    let Some(test) = TestDb::postgres().await else {
        return;
    };
    let mut conn = PgConnection::connect(&test.url).await.unwrap();
    let tenant_tables: Vec<String> = sqlx::query_scalar(
        "SELECT c.relname::text FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid \
         WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' \
           AND a.attname = 'tenant_id' AND NOT a.attisdropped ORDER BY 1",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    assert!(tenant_tables.len() > 60, "{tenant_tables:?}");
    let without_key: Vec<String> = sqlx::query_scalar(
        "SELECT c.relname::text FROM pg_class c \
         WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' \
           AND c.relname = ANY($1) \
           AND NOT EXISTS (SELECT 1 FROM pg_index x WHERE x.indrelid = c.oid AND x.indisunique)",
    )
    .bind(&tenant_tables)
    .fetch_all(&mut conn)
    .await
    .unwrap();
    // Poll answers are the lines of a response, kept and counted with it;
    // no statement looks one up on its own. Every other table has a key.
    assert_eq!(
        without_key,
        ["poll_answers"],
        "tenant tables without a primary or unique key"
    );
    // Unique indexes (primary keys included) whose first column is not
    // tenant_id; and other indexes, except the full-text ones (GIN over an
    // expression, which Citus builds per shard and never looks up by key).
    let offending: Vec<String> = sqlx::query_scalar(
        "SELECT t.relname || '.' || i.relname FROM pg_index x \
         JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid \
         JOIN pg_am am ON am.oid = i.relam \
         WHERE t.relname = ANY($1) AND t.relnamespace = current_schema()::regnamespace \
           AND (x.indkey[0] = 0 OR (SELECT attname FROM pg_attribute WHERE attrelid = t.oid AND attnum = x.indkey[0]) <> 'tenant_id') \
           AND (x.indisunique OR am.amname <> 'gin') ORDER BY 1",
    )
    .bind(&tenant_tables)
    .fetch_all(&mut conn)
    .await
    .unwrap();
    assert!(
        offending.is_empty(),
        "keys that do not start with tenant_id: {offending:?}"
    );
    // Foreign keys between tenant tables carry the tenant too, so a row can
    // only point at a row of its own tenant.
    let loose: Vec<String> = sqlx::query_scalar(
        "SELECT conrelid::regclass::text || ' ' || conname FROM pg_constraint \
         WHERE contype = 'f' AND connamespace = current_schema()::regnamespace \
           AND conrelid::regclass::text = ANY($1) AND confrelid::regclass::text = ANY($1) \
           AND (SELECT attname FROM pg_attribute WHERE attrelid = conrelid AND attnum = conkey[1]) <> 'tenant_id' \
         ORDER BY 1",
    )
    .bind(&tenant_tables)
    .fetch_all(&mut conn)
    .await
    .unwrap();
    assert!(loose.is_empty(), "foreign keys without tenant_id: {loose:?}");
}
