//! How many PostgreSQL connections one node may hold.
//!
//! Every node of a deployment keeps its own pool on the same server, and the
//! server refuses connections past `max_connections`. A node that sized its
//! pool alone would, with a few more nodes, make the server refuse logins
//! under load: requests would then fail at random instead of waiting their
//! turn. So each node takes an equal share of what the server allows, after
//! the superuser reserve and a margin for the operator's tools (the CLI,
//! `psql`, `pg_dump`, a tenant move), and a configured pool larger than that
//! share is cut to it, with a warning.

use crate::StoreError;
use sqlx::{AnyConnection, Connection, Row};

/// Connections left free on the server for the operator's tools.
pub const TOOLS_MARGIN: u32 = 5;

/// Pool size a node uses when none is configured (and the share allows it):
/// on a few cores more connections only queue inside the server.
pub const DEFAULT_POOL: u32 = 16;

/// What the server allows, as read from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerLimits {
    pub max_connections: u32,
    pub reserved: u32,
}

/// One node's share of the server's connections: at least one.
pub fn node_share(limits: ServerLimits, nodes: u32) -> u32 {
    let usable = limits
        .max_connections
        .saturating_sub(limits.reserved)
        .saturating_sub(TOOLS_MARGIN);
    (usable / nodes.max(1)).max(1)
}

/// The pool size to use, and whether the configured one was cut.
pub fn pool_size(configured: Option<u32>, share: u32) -> (u32, bool) {
    match configured {
        Some(wanted) if wanted > share => (share, true),
        Some(wanted) => (wanted.max(1), false),
        None => (DEFAULT_POOL.min(share), false),
    }
}

/// Reads `max_connections` and the reserved connections of the server.
pub async fn server_limits(url: &str) -> Result<ServerLimits, StoreError> {
    let mut conn = AnyConnection::connect(url).await?;
    // Both settings are integers on every supported version; the reserve
    // for pg_use_reserved_connections (16+) is counted when it exists.
    let row = sqlx::query(
        "SELECT current_setting('max_connections')::int4 AS max_connections,
                (current_setting('superuser_reserved_connections')::int4
                 + COALESCE(current_setting('reserved_connections', true), '0')::int4) AS reserved",
    )
    .fetch_one(&mut conn)
    .await?;
    let limits = ServerLimits {
        max_connections: row.try_get::<i32, _>("max_connections")?.max(0) as u32,
        reserved: row.try_get::<i32, _>("reserved")?.max(0) as u32,
    };
    conn.close().await.ok();
    Ok(limits)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STOCK: ServerLimits = ServerLimits {
        max_connections: 100,
        reserved: 3,
    };

    #[test]
    fn nodes_split_what_the_server_allows() {
        assert_eq!(node_share(STOCK, 1), 92);
        assert_eq!(node_share(STOCK, 3), 30);
        assert_eq!(node_share(STOCK, 0), 92, "no nodes is read as one");
        // A tiny server still gives every node one connection.
        let tiny = ServerLimits {
            max_connections: 10,
            reserved: 3,
        };
        assert_eq!(node_share(tiny, 4), 1);
    }

    #[test]
    fn a_pool_larger_than_the_share_is_cut() {
        assert_eq!(pool_size(None, 92), (16, false));
        assert_eq!(pool_size(None, 9), (9, false));
        assert_eq!(pool_size(Some(40), 30), (30, true));
        assert_eq!(pool_size(Some(20), 30), (20, false));
        assert_eq!(pool_size(Some(0), 30), (1, false));
    }
}
