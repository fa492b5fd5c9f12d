//! Moving a tenant's rows from one PostgreSQL cluster to another
//! (`civicspace tenant move --slug S --to CLUSTER`).
//!
//! 1. Writes pause: the tenant is suspended (every node refuses its changes
//!    once its tenant cache expires, so the move waits that long).
//! 2. In one snapshot of the source, every tenant table is copied with
//!    `COPY` in foreign-key order (parents first), only the columns that are
//!    not generated, and the identity sequences of the target are moved past
//!    the copied ids. Row counts and a checksum per table (md5 of every row
//!    in key order) must be equal on both sides before the target commits.
//! 3. The source is checked again outside the snapshot: a change means a
//!    write reached the tenant during the copy, and the move is undone.
//! 4. The directory points at the target; once every node has read it, the
//!    tenant resumes and its rows are deleted from the source.
//!
//! Primary and unique keys start with `tenant_id` in every tenant table
//! (checked by a catalogue test), so the copied ids cannot collide with the
//! target's other tenants.

use crate::clusters::{MAIN, PLACEMENT_TTL};
use crate::{Backend, Db, StoreConfig, redact_url};
use futures_util::TryStreamExt;
use sqlx::postgres::PgConnection;
use sqlx::{AssertSqlSafe, Connection, Row};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

/// Tables with `tenant_id` that belong to the directory, not to a tenant's
/// rows.
const DIRECTORY_TABLES: [&str; 1] = ["tenant_placements"];

/// Tables whose rows change on reads (a session's or token's last use, the
/// page views a node adds): copied, but not held against the move when
/// they change during it.
const TOUCHED_ON_READ: [&str; 3] = ["sessions", "api_tokens", "page_views"];

#[derive(Debug)]
pub enum MoveError {
    /// The request cannot be done as asked (unknown tenant or cluster, …).
    Refused(String),
    /// Something failed on the way; the tenant stays where it was.
    Failed(String),
}

impl std::fmt::Display for MoveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MoveError::Refused(m) | MoveError::Failed(m) => f.write_str(m),
        }
    }
}

fn failed(what: &str) -> impl Fn(sqlx::Error) -> MoveError + '_ {
    move |e| MoveError::Failed(format!("{what}: {e}"))
}

/// One table as copied and verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCopy {
    pub table: String,
    pub rows: i64,
    pub checksum: String,
}

#[derive(Debug)]
pub struct MoveReport {
    pub tenant: String,
    pub from: String,
    pub to: String,
    pub tables: Vec<TableCopy>,
    /// How long the tenant's changes were refused.
    pub paused: Duration,
}

/// A tenant table as the catalogue describes it.
#[derive(Debug, Clone)]
struct Table {
    name: String,
    /// Columns that are stored, not generated, in order.
    columns: Vec<String>,
    /// The primary key's columns (the checksum's order).
    key: Vec<String>,
    /// Identity columns, whose sequences follow the copied ids.
    identities: Vec<String>,
}

fn quote(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

/// Every tenant table in foreign-key order, parents first.
async fn tenant_tables(conn: &mut PgConnection) -> Result<Vec<Table>, MoveError> {
    let rows = sqlx::query(
        "SELECT c.relname::text, a.attname::text, a.attidentity <> '' \
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped \
         WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attgenerated = '' \
           AND EXISTS (SELECT 1 FROM pg_attribute t WHERE t.attrelid = c.oid AND t.attname = 'tenant_id' AND NOT t.attisdropped) \
         ORDER BY c.relname, a.attnum",
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(failed("reading the catalogue"))?;
    let mut tables: BTreeMap<String, Table> = BTreeMap::new();
    for row in rows {
        let (table, column, identity): (String, String, bool) = (row.get(0), row.get(1), row.get(2));
        if DIRECTORY_TABLES.contains(&table.as_str()) {
            continue;
        }
        let entry = tables.entry(table.clone()).or_insert_with(|| Table {
            name: table,
            columns: Vec::new(),
            key: Vec::new(),
            identities: Vec::new(),
        });
        if identity {
            entry.identities.push(column.clone());
        }
        entry.columns.push(column);
    }
    let keys = sqlx::query(
        "SELECT c.relname::text, a.attname::text FROM pg_index x \
         JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
         JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, pos) ON true \
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum \
         WHERE x.indisprimary AND n.nspname = current_schema() ORDER BY c.relname, k.pos",
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(failed("reading primary keys"))?;
    for row in keys {
        let (table, column): (String, String) = (row.get(0), row.get(1));
        if let Some(t) = tables.get_mut(&table) {
            t.key.push(column);
        }
    }
    let edges = sqlx::query(
        "SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint \
         WHERE contype = 'f' AND connamespace = current_schema()::regnamespace AND conrelid <> confrelid",
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(failed("reading foreign keys"))?;
    let mut parents: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in edges {
        let (child, parent): (String, String) = (row.get(0), row.get(1));
        if tables.contains_key(&child) && tables.contains_key(&parent) {
            parents.entry(child).or_default().insert(parent);
        }
    }
    // Kahn's order: a table comes after every table it references.
    let mut ordered = Vec::new();
    let mut done = BTreeSet::new();
    while done.len() < tables.len() {
        let ready: Vec<String> = tables
            .keys()
            .filter(|t| !done.contains(*t))
            .filter(|t| parents.get(*t).is_none_or(|p| p.iter().all(|p| done.contains(p))))
            .cloned()
            .collect();
        if ready.is_empty() {
            return Err(MoveError::Failed(
                "the tenant tables' foreign keys form a cycle; they cannot be copied in order".into(),
            ));
        }
        for t in ready {
            done.insert(t.clone());
            ordered.push(tables[&t].clone());
        }
    }
    Ok(ordered)
}

/// Rows and checksum of the tenant's rows of `table` as `conn` sees them.
async fn fingerprint(conn: &mut PgConnection, table: &Table, tenant: i64) -> Result<TableCopy, MoveError> {
    let columns = table.columns.iter().map(|c| quote(c)).collect::<Vec<_>>().join(", ");
    let order = if table.key.is_empty() {
        &table.columns
    } else {
        &table.key
    };
    let order = order.iter().map(|c| quote(c)).collect::<Vec<_>>().join(", ");
    let sql = format!(
        "SELECT COUNT(*), COALESCE(md5(string_agg(md5(ROW({columns})::text), ',' ORDER BY {order})), '') \
         FROM {} WHERE tenant_id = $1",
        quote(&table.name)
    );
    let row = sqlx::query(AssertSqlSafe(sql))
        .bind(tenant)
        .fetch_one(&mut *conn)
        .await
        .map_err(|e| MoveError::Failed(format!("checksum of {}: {e}", table.name)))?;
    Ok(TableCopy {
        table: table.name.clone(),
        rows: row.get(0),
        checksum: row.get(1),
    })
}

async fn copy_table(
    src: &mut PgConnection,
    dst: &mut PgConnection,
    table: &Table,
    tenant: i64,
) -> Result<u64, MoveError> {
    let columns = table.columns.iter().map(|c| quote(c)).collect::<Vec<_>>().join(", ");
    let name = quote(&table.name);
    // The tenant id is a number from the directory, not input.
    let out = format!("COPY (SELECT {columns} FROM {name} WHERE tenant_id = {tenant}) TO STDOUT");
    let data: Vec<bytes::Bytes> = src
        .copy_out_raw(&out)
        .await
        .map_err(|e| MoveError::Failed(format!("reading {}: {e}", table.name)))?
        .try_collect()
        .await
        .map_err(|e| MoveError::Failed(format!("reading {}: {e}", table.name)))?;
    let mut copy_in = dst
        .copy_in_raw(&format!("COPY {name} ({columns}) FROM STDIN"))
        .await
        .map_err(|e| MoveError::Failed(format!("writing {}: {e}", table.name)))?;
    for chunk in data {
        copy_in
            .send(chunk)
            .await
            .map_err(|e| MoveError::Failed(format!("writing {}: {e}", table.name)))?;
    }
    copy_in
        .finish()
        .await
        .map_err(|e| MoveError::Failed(format!("writing {}: {e}", table.name)))
}

/// Moves each identity sequence of `table` on `conn` past the largest id
/// it holds, so new rows do not reuse a copied id.
async fn advance_sequences(conn: &mut PgConnection, table: &Table) -> Result<(), MoveError> {
    for column in &table.identities {
        let sql = format!(
            "SELECT setval(pg_get_serial_sequence($1, $2), \
               GREATEST((SELECT COALESCE(MAX({col}), 1) FROM {name}), \
                        (SELECT last_value FROM pg_sequences WHERE schemaname = current_schema() \
                           AND sequencename = split_part(pg_get_serial_sequence($1, $2), '.', 2))))",
            col = quote(column),
            name = quote(&table.name)
        );
        sqlx::query(AssertSqlSafe(sql))
            .bind(&table.name)
            .bind(column)
            .execute(&mut *conn)
            .await
            .map_err(|e| MoveError::Failed(format!("sequence of {}.{column}: {e}", table.name)))?;
    }
    Ok(())
}

async fn delete_rows(conn: &mut PgConnection, tables: &[Table], tenant: i64) -> Result<(), MoveError> {
    for table in tables.iter().rev() {
        sqlx::query(AssertSqlSafe(format!(
            "DELETE FROM {} WHERE tenant_id = $1",
            quote(&table.name)
        )))
        .bind(tenant)
        .execute(&mut *conn)
        .await
        .map_err(|e| MoveError::Failed(format!("deleting from {}: {e}", table.name)))?;
    }
    Ok(())
}

/// Deletes a cluster's copy of the directory's tenant row (never on main,
/// where it is the directory's own).
async fn delete_tenant_copy(conn: &mut PgConnection, tenant: i64) -> Result<(), MoveError> {
    sqlx::query("DELETE FROM tenants WHERE id = $1")
        .bind(tenant)
        .execute(&mut *conn)
        .await
        .map_err(failed("deleting a cluster's copy of the tenant"))?;
    Ok(())
}

async fn connect(name: &str, url: &str) -> Result<PgConnection, MoveError> {
    PgConnection::connect(url)
        .await
        .map_err(|e| MoveError::Failed(format!("cluster {name} ({}): {e}", redact_url(url))))
}

/// Moves the tenant `slug` to the cluster `to`; `say` is told each step.
pub async fn move_tenant(
    config: &StoreConfig,
    db: &Db,
    slug: &str,
    to: &str,
    say: &mut (dyn FnMut(&str) + Send),
) -> Result<MoveReport, MoveError> {
    if db.backend() != Backend::Postgres {
        return Err(MoveError::Refused(
            "tenant move places tenants on PostgreSQL clusters; this database is SQLite".into(),
        ));
    }
    let url_of = |name: &str| -> Option<String> {
        if name == MAIN {
            Some(config.url.clone())
        } else {
            config.clusters.iter().find(|(n, _)| n == name).map(|(_, u)| u.clone())
        }
    };
    let tenant = crate::tenants::by_slug(db, slug)
        .await
        .map_err(|e| MoveError::Failed(format!("reading the directory: {e}")))?
        .ok_or_else(|| MoveError::Refused(format!("there is no tenant with the slug {slug:?}")))?;
    let id = tenant.id.0;
    let Some(to_url) = url_of(to) else {
        return Err(MoveError::Refused(format!(
            "there is no cluster named {to:?}; the clusters are {} (name more with --database-cluster NAME=URL)",
            db.cluster_names().join(", ")
        )));
    };
    let from = db
        .cluster_name_of(id)
        .await
        .map_err(|e| MoveError::Failed(format!("reading the directory: {e}")))?;
    if from == to {
        return Err(MoveError::Refused(format!("{slug} is already on cluster {to}")));
    }
    let from_url = url_of(&from).ok_or_else(|| {
        MoveError::Failed(format!(
            "{slug} is on cluster {from:?}, which these settings do not name"
        ))
    })?;
    let mut main = connect(MAIN, &config.url).await?;
    let mut src = connect(&from, &from_url).await?;
    let mut dst = connect(to, &to_url).await?;
    let tables = tenant_tables(&mut src).await?;

    // 1. Pause the tenant's writes on every node.
    let was_suspended = tenant.suspended_at.is_some();
    let paused_at = std::time::Instant::now();
    if !was_suspended {
        crate::operators::set_suspended(db, slug, Some(civic_core::Timestamp::now().0))
            .await
            .map_err(|e| MoveError::Failed(format!("pausing writes: {e}")))?;
    }
    let resume = |db: &Db| {
        let db = db.clone();
        let slug = slug.to_string();
        async move {
            if !was_suspended {
                let _ = crate::operators::set_suspended(&db, &slug, None).await;
            }
        }
    };
    let wait = PLACEMENT_TTL + Duration::from_secs(1);
    say(&format!(
        "pausing the changes of {slug} and waiting {} s for every node to see it",
        wait.as_secs()
    ));
    tokio::time::sleep(wait).await;

    let outcome = copy_and_switch(
        &mut main,
        &mut src,
        &mut dst,
        &tables,
        id,
        &from,
        to,
        db,
        tenant.suspended_at,
        say,
    )
    .await;
    let copied = match outcome {
        Ok(copied) => copied,
        Err(e) => {
            resume(db).await;
            return Err(e);
        }
    };

    // 4. Every node reads the new placement, then the tenant resumes and
    // the source lets go of its rows.
    say(&format!(
        "{slug} is on {to}; waiting {} s for every node to follow",
        wait.as_secs()
    ));
    tokio::time::sleep(wait).await;
    resume(db).await;
    let paused = paused_at.elapsed();
    let mut tx = src.begin().await.map_err(failed("deleting from the source"))?;
    delete_rows(&mut tx, &tables, id).await?;
    if from != MAIN {
        delete_tenant_copy(&mut tx, id).await?;
    }
    tx.commit().await.map_err(failed("deleting from the source"))?;
    say(&format!("deleted the rows of {slug} from {from}"));
    Ok(MoveReport {
        tenant: slug.to_string(),
        from,
        to: to.to_string(),
        tables: copied,
        paused,
    })
}

/// Steps 2 and 3: copy in one snapshot, verify, check the source again and
/// switch the directory. On an error the target holds nothing new.
#[allow(clippy::too_many_arguments)]
async fn copy_and_switch(
    main: &mut PgConnection,
    src: &mut PgConnection,
    dst: &mut PgConnection,
    tables: &[Table],
    id: i64,
    from: &str,
    to: &str,
    db: &Db,
    suspended_before: Option<i64>,
    say: &mut (dyn FnMut(&str) + Send),
) -> Result<Vec<TableCopy>, MoveError> {
    let mut snapshot = src.begin().await.map_err(failed("reading the source"))?;
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        .execute(&mut *snapshot)
        .await
        .map_err(failed("reading the source"))?;
    let mut target = dst.begin().await.map_err(failed("writing the target"))?;
    // Rows an earlier failed move left on the target (the directory never
    // pointed there, so nobody reads them).
    delete_rows(&mut target, tables, id).await?;
    if to != MAIN {
        delete_tenant_copy(&mut target, id).await?;
        // The target keeps a copy of the directory's row for its foreign
        // keys; the directory's own stays authoritative.
        let row: Vec<bytes::Bytes> = main
            .copy_out_raw(&format!("COPY (SELECT * FROM tenants WHERE id = {id}) TO STDOUT"))
            .await
            .map_err(failed("reading the tenant"))?
            .try_collect()
            .await
            .map_err(failed("reading the tenant"))?;
        let mut copy_in = target
            .copy_in_raw("COPY tenants FROM STDIN")
            .await
            .map_err(failed("writing the tenant"))?;
        for chunk in row {
            copy_in.send(chunk).await.map_err(failed("writing the tenant"))?;
        }
        copy_in.finish().await.map_err(failed("writing the tenant"))?;
        // As it was before the move paused it.
        sqlx::query("UPDATE tenants SET suspended_at = $2 WHERE id = $1")
            .bind(id)
            .bind(suspended_before)
            .execute(&mut *target)
            .await
            .map_err(failed("writing the tenant"))?;
    }
    let mut copied = Vec::with_capacity(tables.len());
    for table in tables {
        copy_table(&mut snapshot, &mut target, table, id).await?;
        advance_sequences(&mut target, table).await?;
        let source = fingerprint(&mut snapshot, table, id).await?;
        let written = fingerprint(&mut target, table, id).await?;
        if source != written {
            return Err(MoveError::Failed(format!(
                "{}: the copy differs from the source ({} rows {} against {} rows {}); nothing was moved",
                table.name, written.rows, written.checksum, source.rows, source.checksum
            )));
        }
        copied.push(source);
    }
    let rows: i64 = copied.iter().map(|t| t.rows).sum();
    say(&format!(
        "copied {rows} rows in {} tables from {from} to {to}; counts and checksums agree",
        copied.len()
    ));
    target.commit().await.map_err(failed("committing the target"))?;
    snapshot.commit().await.map_err(failed("reading the source"))?;

    // 3. Nothing may have reached the source since the snapshot.
    for (table, before) in tables.iter().zip(&copied) {
        if TOUCHED_ON_READ.contains(&table.name.as_str()) {
            continue;
        }
        let now = fingerprint(src, table, id).await?;
        if &now != before {
            let mut undo = dst.begin().await.map_err(failed("undoing the copy"))?;
            delete_rows(&mut undo, tables, id).await?;
            undo.commit().await.map_err(failed("undoing the copy"))?;
            return Err(MoveError::Failed(format!(
                "{} changed on {from} during the copy (a write was not paused); the copy on {to} was removed and the tenant stays on {from}; run the move again",
                table.name
            )));
        }
    }
    db.place_tenant(id, to)
        .await
        .map_err(|e| MoveError::Failed(format!("switching the directory: {e}")))?;
    Ok(copied)
}
