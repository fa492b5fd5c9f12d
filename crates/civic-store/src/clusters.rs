//! Tenant placement across PostgreSQL clusters.
//!
//! The database of `DATABASE_URL` is the *main* cluster. It holds the
//! directory: the tenants table, operators, and `tenant_placements`, which
//! names the cluster of each tenant that is not on the main one. Further
//! clusters are named in the settings (`--database-cluster NAME=URL`) and
//! carry the same schema; a tenant's own rows (every table with `tenant_id`)
//! live on exactly one of them.
//!
//! Which cluster a statement goes to is decided by the caller, as for
//! replicas: the web layer runs a tenant's request in [`Db::for_tenant`],
//! and background jobs run once per cluster in [`Db::on_cluster`]. Inside
//! such a scope every repository call goes to that cluster, except the
//! directory's own tables, whose repository asks for [`Db::directory`].
//! Without a scope, or with no clusters configured (always on SQLite),
//! everything goes to the main cluster, exactly as before.

use crate::{Db, StoreError, redact_url};
use sqlx::AnyPool;
use sqlx::any::AnyPoolOptions;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// The name of the cluster of `DATABASE_URL`.
pub const MAIN: &str = "main";

/// How long a node trusts what it read of the directory: a moved tenant is
/// served from its new cluster by every node within this time (the move
/// waits this long with writes paused before it copies).
pub const PLACEMENT_TTL: Duration = Duration::from_secs(5);

tokio::task_local! {
    /// The cluster (index into [`Db`]'s clusters) the running work is for.
    static CLUSTER: usize;
}

#[derive(Debug)]
pub(crate) struct Cluster {
    pub(crate) name: String,
    pub(crate) pool: AnyPool,
}

impl Cluster {
    pub(crate) fn connect_lazy(
        name: &str,
        url: &str,
        max_connections: u32,
        acquire_timeout: Duration,
        statement_timeout: Option<Duration>,
    ) -> Result<Cluster, StoreError> {
        if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            return Err(configuration(format!(
                "cluster {name}: {} must start with postgres://",
                redact_url(url)
            )));
        }
        let pool = crate::db::with_timeouts(AnyPoolOptions::new(), statement_timeout)
            .max_connections(max_connections.max(1))
            .acquire_timeout(acquire_timeout)
            .idle_timeout(Duration::from_secs(300))
            .connect_lazy(url)?;
        Ok(Cluster {
            name: name.to_string(),
            pool,
        })
    }
}

/// Tenant id → cluster name, as read at an instant.
type Directory = (Instant, Arc<HashMap<i64, String>>);

/// What this node last read of `tenant_placements`.
#[derive(Debug, Default)]
pub(crate) struct Placements {
    loaded: RwLock<Option<Directory>>,
}

fn configuration(message: String) -> StoreError {
    StoreError::Other(sqlx::Error::Configuration(message.into()))
}

/// A cluster name: 1–40 of a-z, 0-9, '-' and '_'.
pub fn valid_cluster_name(name: &str) -> bool {
    (1..=40).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

impl Db {
    /// True when tenants may live on more than one cluster.
    pub fn has_clusters(&self) -> bool {
        !self.clusters.is_empty()
    }

    /// The names of the clusters, the main one first.
    pub fn cluster_names(&self) -> Vec<String> {
        std::iter::once(MAIN.to_string())
            .chain(self.clusters.iter().map(|c| c.name.clone()))
            .collect()
    }

    /// The cluster the running work is scoped to, when it is not the main
    /// one and this handle follows scopes.
    pub(crate) fn scoped_cluster(&self) -> Option<&Cluster> {
        if self.pinned || self.clusters.is_empty() {
            return None;
        }
        CLUSTER.try_with(|i| *i).ok().and_then(|i| self.clusters.get(i))
    }

    /// A handle on the main cluster for the directory's own tables (tenants,
    /// placements, operators), whatever cluster the running work is for. On
    /// the main cluster it is this handle (so it joins its transaction); on
    /// another it cannot join one, and its statements commit on their own.
    pub fn directory(&self) -> Db {
        if self.scoped_cluster().is_none() {
            return self.clone();
        }
        self.pinned_to_main()
    }

    /// True when statements through this handle go to another cluster than
    /// the directory's.
    pub fn is_off_directory(&self) -> bool {
        self.scoped_cluster().is_some()
    }

    /// The cluster holding `tenant`'s rows: `None` for the main one.
    pub async fn cluster_of(&self, tenant: i64) -> Result<Option<usize>, StoreError> {
        if self.clusters.is_empty() {
            return Ok(None);
        }
        let cached = self.placements.loaded.read().expect("lock").clone();
        let placements = match cached {
            Some((at, map)) if at.elapsed() < PLACEMENT_TTL => map,
            _ => {
                let rows: Vec<(i64, String)> = sqlx::query_as("SELECT tenant_id, cluster FROM tenant_placements")
                    .fetch_all(&mut *self.pinned_to_main().reader().await?)
                    .await?;
                let map = Arc::new(rows.into_iter().collect::<HashMap<_, _>>());
                *self.placements.loaded.write().expect("lock") = Some((Instant::now(), map.clone()));
                map
            }
        };
        match placements.get(&tenant) {
            None => Ok(None),
            Some(name) if name == MAIN => Ok(None),
            Some(name) => self
                .clusters
                .iter()
                .position(|c| &c.name == name)
                .map(Some)
                .ok_or_else(|| {
                    configuration(format!(
                        "tenant {tenant} is placed on cluster {name:?}, which this node's settings do not name (--database-cluster)"
                    ))
                }),
        }
    }

    /// Forgets what this node read of the directory (after a move).
    pub fn forget_placements(&self) {
        *self.placements.loaded.write().expect("lock") = None;
    }

    /// Runs `work` with its statements on the cluster that holds `tenant`.
    pub async fn for_tenant<F: Future>(&self, tenant: i64, work: F) -> Result<F::Output, StoreError> {
        Ok(self.on_cluster(self.cluster_of(tenant).await?, work).await)
    }

    /// Runs `work` on the cluster at `index` (from [`Db::cluster_of`] or
    /// [`Db::cluster_indexes`]), or on the main one for `None`.
    pub async fn on_cluster<F: Future>(&self, index: Option<usize>, work: F) -> F::Output {
        match index {
            Some(i) => CLUSTER.scope(i, work).await,
            None => work.await,
        }
    }

    /// Every cluster as an index for [`Db::on_cluster`], the main one first.
    pub fn cluster_indexes(&self) -> Vec<Option<usize>> {
        std::iter::once(None)
            .chain((0..self.clusters.len()).map(Some))
            .collect()
    }

    /// Records that `tenant` now lives on `cluster` (the main cluster's name
    /// removes the entry).
    pub async fn place_tenant(&self, tenant: i64, cluster: &str) -> Result<(), StoreError> {
        let dir = self.pinned_to_main();
        let mut conn = dir.writer().await?;
        if cluster == MAIN {
            sqlx::query("DELETE FROM tenant_placements WHERE tenant_id = $1")
                .bind(tenant)
                .execute(&mut *conn)
                .await?;
        } else {
            sqlx::query(
                "INSERT INTO tenant_placements (tenant_id, cluster, moved_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (tenant_id) DO UPDATE SET cluster = excluded.cluster, moved_at = excluded.moved_at",
            )
            .bind(tenant)
            .bind(cluster)
            .bind(civic_core::Timestamp::now().0)
            .execute(&mut *conn)
            .await?;
        }
        drop(conn);
        self.forget_placements();
        Ok(())
    }

    /// The name of the cluster holding `tenant`.
    pub async fn cluster_name_of(&self, tenant: i64) -> Result<String, StoreError> {
        Ok(match self.cluster_of(tenant).await? {
            None => MAIN.to_string(),
            Some(i) => self.clusters[i].name.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::valid_cluster_name;

    #[test]
    fn cluster_names_are_plain() {
        assert!(valid_cluster_name("eu-2"));
        assert!(valid_cluster_name("kyiv_1"));
        assert!(!valid_cluster_name(""));
        assert!(!valid_cluster_name("Kyiv"));
        assert!(!valid_cluster_name("a=b"));
        assert!(!valid_cluster_name(&"x".repeat(41)));
    }
}
