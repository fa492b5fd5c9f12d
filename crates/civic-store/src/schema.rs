//! The logical schema as each database reports it, normalised so the two
//! backends can be compared: the migrations for SQLite and PostgreSQL are
//! written twice, and a test proves they describe the same tables, columns,
//! keys and indexes.

use crate::{Backend, Db, StoreError};
use sqlx::Row;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Column {
    pub name: String,
    /// `integer`, `text`, `real` or `bytes`.
    pub logical_type: String,
    pub not_null: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Index {
    pub unique: bool,
    pub columns: Vec<String>,
}

/// A foreign key: these columns reference those of another table.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ForeignKey {
    pub columns: Vec<String>,
    pub references: String,
    pub referenced_columns: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub columns: Vec<Column>,
    /// Every index, the primary key included, sorted.
    pub indexes: Vec<Index>,
    /// Sorted; tenant isolation of writes rests on these.
    pub foreign_keys: Vec<ForeignKey>,
}

impl Table {
    pub fn is_tenant_owned(&self) -> bool {
        self.columns.iter().any(|c| c.name == "tenant_id")
    }
}

pub type Schema = BTreeMap<String, Table>;

fn logical_type(declared: &str) -> String {
    let t = declared.to_ascii_lowercase();
    if t.contains("int") {
        "integer".into()
    } else if t.contains("char") || t.contains("text") {
        "text".into()
    } else if t.contains("double") || t.contains("real") || t.contains("float") {
        "real".into()
    } else if t.contains("blob") || t.contains("bytea") {
        "bytes".into()
    } else {
        t
    }
}

/// Describes the application tables (not sqlx's own bookkeeping).
pub async fn describe(db: &Db) -> Result<Schema, StoreError> {
    let mut conn = db.reader().await?;
    let mut schema = Schema::new();
    match db.backend() {
        Backend::Sqlite => {
            let all: Vec<(String, String)> = sqlx::query_as(
                "SELECT name, COALESCE(sql, '') FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'",
            )
            .fetch_all(&mut *conn)
            .await?;
            // Full-text indexes (FTS5 virtual tables and their shadow tables)
            // are the dialect's search machinery, not part of the logical
            // schema; PostgreSQL's counterparts are expression indexes.
            let virtual_tables: Vec<&str> = all
                .iter()
                .filter(|(_, sql)| sql.to_ascii_uppercase().starts_with("CREATE VIRTUAL TABLE"))
                .map(|(name, _)| name.as_str())
                .collect();
            let tables: Vec<String> = all
                .iter()
                .map(|(name, _)| name)
                .filter(|name| {
                    !virtual_tables
                        .iter()
                        .any(|v| name.as_str() == *v || name.strip_prefix(v).is_some_and(|rest| rest.starts_with('_')))
                })
                .cloned()
                .collect();
            for name in tables {
                let mut table = Table::default();
                let mut rowid_key = None;
                for row in sqlx::query("SELECT name, type, \"notnull\", pk FROM pragma_table_info($1)")
                    .bind(&name)
                    .fetch_all(&mut *conn)
                    .await?
                {
                    let column: String = row.get(0);
                    let declared: String = row.get(1);
                    let pk: i64 = row.get(3);
                    if pk == 1 && declared.eq_ignore_ascii_case("integer") {
                        rowid_key = Some(column.clone());
                    }
                    table.columns.push(Column {
                        name: column,
                        logical_type: logical_type(&declared),
                        not_null: row.get::<i64, _>(2) == 1 || pk > 0,
                    });
                }
                for row in sqlx::query("SELECT name, \"unique\" FROM pragma_index_list($1)")
                    .bind(&name)
                    .fetch_all(&mut *conn)
                    .await?
                {
                    let index: String = row.get(0);
                    let columns: Vec<String> =
                        sqlx::query_scalar("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                            .bind(&index)
                            .fetch_all(&mut *conn)
                            .await?;
                    table.indexes.push(Index {
                        unique: row.get::<i64, _>(1) == 1,
                        columns,
                    });
                }
                // The rowid is the key of platform tables; tenant-owned tables
                // are keyed by (tenant_id, id), which PostgreSQL makes the
                // primary key and SQLite a unique index.
                if let Some(column) = rowid_key
                    && !table.is_tenant_owned()
                {
                    table.indexes.push(Index {
                        unique: true,
                        columns: vec![column],
                    });
                }
                let mut keys: BTreeMap<i64, ForeignKey> = BTreeMap::new();
                for row in sqlx::query(
                    "SELECT id, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list($1) ORDER BY id, seq",
                )
                .bind(&name)
                .fetch_all(&mut *conn)
                .await?
                {
                    let key = keys.entry(row.get::<i64, _>(0)).or_insert_with(|| ForeignKey {
                        columns: Vec::new(),
                        references: row.get(1),
                        referenced_columns: Vec::new(),
                    });
                    key.columns.push(row.get(2));
                    key.referenced_columns.push(row.get(3));
                }
                table.foreign_keys = keys.into_values().collect();
                table.columns.sort();
                table.indexes.sort();
                table.foreign_keys.sort();
                schema.insert(name, table);
            }
        }
        Backend::Postgres => {
            let tables: Vec<String> = sqlx::query_scalar(
                "SELECT table_name::text FROM information_schema.tables \
                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT LIKE '\\_sqlx%'",
            )
            .fetch_all(&mut *conn)
            .await?;
            for name in tables {
                let mut table = Table::default();
                for row in sqlx::query(
                    "SELECT column_name::text, data_type::text, is_nullable::text FROM information_schema.columns \
                     WHERE table_schema = current_schema() AND table_name = $1",
                )
                .bind(&name)
                .fetch_all(&mut *conn)
                .await?
                {
                    table.columns.push(Column {
                        name: row.get(0),
                        logical_type: logical_type(&row.get::<String, _>(1)),
                        not_null: row.get::<String, _>(2) == "NO",
                    });
                }
                for row in sqlx::query(
                    "SELECT CAST(CASE WHEN ix.indisunique THEN 1 ELSE 0 END AS BIGINT), \
                     array_to_string(ARRAY(SELECT a.attname::text FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) \
                       JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum ORDER BY k.ord), ',') \
                     FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid \
                     WHERE t.relname = $1 AND t.relnamespace = current_schema()::regnamespace AND ix.indexprs IS NULL",
                )
                .bind(&name)
                .fetch_all(&mut *conn)
                .await?
                {
                    let columns: String = row.get(1);
                    table.indexes.push(Index {
                        unique: row.get::<i64, _>(0) == 1,
                        columns: columns.split(',').map(str::to_string).collect(),
                    });
                }
                for row in sqlx::query(
                    "SELECT c.confrelid::regclass::text, \
                     array_to_string(ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(n, ord) \
                       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.ord), ','), \
                     array_to_string(ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(n, ord) \
                       JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.ord), ',') \
                     FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid \
                     WHERE c.contype = 'f' AND t.relname = $1 AND t.relnamespace = current_schema()::regnamespace",
                )
                .bind(&name)
                .fetch_all(&mut *conn)
                .await?
                {
                    let split = |s: String| s.split(',').map(str::to_string).collect::<Vec<_>>();
                    table.foreign_keys.push(ForeignKey {
                        references: row.get(0),
                        columns: split(row.get(1)),
                        referenced_columns: split(row.get(2)),
                    });
                }
                table.columns.sort();
                table.indexes.sort();
                table.foreign_keys.sort();
                schema.insert(name, table);
            }
        }
    }
    Ok(schema)
}
