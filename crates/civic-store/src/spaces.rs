//! Participatory spaces of a tenant ("Ideas for the riverside park 2027").

use crate::{Db, StoreError};
// Dynamic SQL here is only ever constant fragments joined by format!; every
// value is bound.
use civic_core::spaces::SpaceStatus;
use civic_core::{SpaceId, TenantId, Timestamp};
use sqlx::AssertSqlSafe;

pub use civic_core::spaces::Space as SpaceRecord;

pub struct NewSpace<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub status: &'a str,
    pub support_threshold: i64,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
}

/// The columns of a space, with `{counts}` for the three counts.
macro_rules! select_space {
    ($counts:literal) => {
        concat!(
            "SELECT s.id, s.title, s.description, s.status, s.support_threshold, s.starts_at, s.ends_at, s.created_at, \
             s.categories, s.districts, s.phases, s.modules, s.participation, s.image_alt, \
             (SELECT g.updated_at FROM space_images g WHERE g.tenant_id = s.tenant_id AND g.space_id = s.id) AS image_updated_at, \
             s.updated_at, s.edit_window_hours, ",
            $counts,
            " FROM spaces s"
        )
    };
}

/// With the counts (a scan of the space's ideas' index): staff pages and lists.
const SELECT: &str = select_space!(
    "(SELECT COUNT(*) FROM ideas i WHERE i.tenant_id = s.tenant_id AND i.space_id = s.id) AS idea_count, \
     (SELECT COUNT(*) FROM polls p WHERE p.tenant_id = s.tenant_id AND p.space_id = s.id) AS poll_count, \
     (SELECT COUNT(*) FROM conversations c WHERE c.tenant_id = s.tenant_id AND c.space_id = s.id) AS conversation_count"
);

/// Without them, for the space's own page and the checks of every write.
const SELECT_UNCOUNTED: &str = select_space!(
    "CAST(NULL AS BIGINT) AS idea_count, CAST(NULL AS BIGINT) AS poll_count, CAST(NULL AS BIGINT) AS conversation_count"
);

/// Statuses whose spaces visitors may open by link (drafts are staff-only).
pub const VISIBLE: &str = "('published', 'closed', 'archived')";

/// Everything an administrator sets on a space, checked by the caller.
pub struct SpaceSettings<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub support_threshold: i64,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub categories: &'a [String],
    pub districts: &'a [String],
    pub phases_json: &'a str,
    pub modules: &'a [&'a str],
    pub participation: &'a str,
    pub image_alt: Option<&'a str>,
    pub edit_window_hours: i64,
}

impl SpaceSettings<'_> {
    fn joined(l: &[String]) -> Option<String> {
        (!l.is_empty()).then(|| l.join("\n"))
    }
}

/// The spaces of one tenant.
pub struct Spaces<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> Spaces<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        Spaces { db, tenant }
    }

    pub async fn create(&self, new: &NewSpace<'_>) -> Result<SpaceId, StoreError> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO spaces (tenant_id, title, description, status, support_threshold, starts_at, ends_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(self.tenant.0)
        .bind(new.title)
        .bind(new.description)
        .bind(new.status)
        .bind(new.support_threshold)
        .bind(new.starts_at)
        .bind(new.ends_at)
        .bind(Timestamp::now().0)
        .fetch_one(&mut *self.db.writer().await?)
        .await?;
        Ok(SpaceId(id))
    }

    /// A new space with every setting, in one statement.
    pub async fn create_with(&self, status: &str, settings: &SpaceSettings<'_>) -> Result<SpaceId, StoreError> {
        let now = Timestamp::now().0;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO spaces (tenant_id, title, description, status, support_threshold, starts_at, ends_at, created_at, \
             categories, districts, phases, modules, participation, image_alt, updated_at, edit_window_hours) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $8, $15) RETURNING id",
        )
        .bind(self.tenant.0)
        .bind(settings.title)
        .bind(settings.description)
        .bind(status)
        .bind(settings.support_threshold)
        .bind(settings.starts_at)
        .bind(settings.ends_at)
        .bind(now)
        .bind(SpaceSettings::joined(settings.categories))
        .bind(SpaceSettings::joined(settings.districts))
        .bind(settings.phases_json)
        .bind(settings.modules.join(","))
        .bind(settings.participation)
        .bind(settings.image_alt)
        .bind(settings.edit_window_hours)
        .fetch_one(&mut *self.db.writer().await?)
        .await?;
        Ok(SpaceId(id))
    }

    /// Replaces every setting of a space (not its status); `false` when the
    /// tenant has no such space.
    pub async fn update(&self, id: SpaceId, settings: &SpaceSettings<'_>) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE spaces SET title = $3, description = $4, support_threshold = $5, starts_at = $6, ends_at = $7, \
             categories = $8, districts = $9, phases = $10, modules = $11, participation = $12, image_alt = $13, updated_at = $14, \
             edit_window_hours = $15 WHERE tenant_id = $1 AND id = $2",
        )
        .bind(self.tenant.0)
        .bind(id.0)
        .bind(settings.title)
        .bind(settings.description)
        .bind(settings.support_threshold)
        .bind(settings.starts_at)
        .bind(settings.ends_at)
        .bind(SpaceSettings::joined(settings.categories))
        .bind(SpaceSettings::joined(settings.districts))
        .bind(settings.phases_json)
        .bind(settings.modules.join(","))
        .bind(settings.participation)
        .bind(settings.image_alt)
        .bind(Timestamp::now().0)
        .bind(settings.edit_window_hours)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Moves a space from status `from` to `to`; `false` when it was not
    /// in `from` any more (someone else moved it first).
    pub async fn set_status(&self, id: SpaceId, from: &str, to: &str) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE spaces SET status = $4, updated_at = $5 WHERE tenant_id = $1 AND id = $2 AND status = $3",
        )
        .bind(self.tenant.0)
        .bind(id.0)
        .bind(from)
        .bind(to)
        .bind(Timestamp::now().0)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Any space of the tenant, drafts included (for staff).
    pub async fn get(&self, id: SpaceId) -> Result<Option<SpaceRecord>, StoreError> {
        let sql = format!("{SELECT} WHERE s.tenant_id = $1 AND s.id = $2");
        Ok(sqlx::query_as(AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(id.0)
            .fetch_optional(&mut *self.db.reader().await?)
            .await?)
    }

    /// Every space of the tenant, optionally of one status, newest first.
    pub async fn list_all(&self, status: Option<&str>) -> Result<Vec<SpaceRecord>, StoreError> {
        let sql = format!(
            "{SELECT} WHERE s.tenant_id = $1 AND ($2 = '' OR s.status = $2) ORDER BY s.created_at DESC, s.id DESC"
        );
        Ok(sqlx::query_as(AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(status.unwrap_or(""))
            .fetch_all(&mut *self.db.reader().await?)
            .await?)
    }

    /// Sets the space's image (content type, bytes); `false` when the tenant
    /// has no such space.
    pub async fn set_image(&self, id: SpaceId, content_type: &str, bytes: &[u8]) -> Result<bool, StoreError> {
        let mut tx = self.db.unit().await?;
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM spaces WHERE tenant_id = $1 AND id = $2")
            .bind(self.tenant.0)
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_none() {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO space_images (tenant_id, space_id, content_type, bytes, updated_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (tenant_id, space_id) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes, updated_at = excluded.updated_at",
        )
        .bind(self.tenant.0)
        .bind(id.0)
        .bind(content_type)
        .bind(bytes.to_vec())
        .bind(Timestamp::now().0)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Removes the space's image.
    pub async fn remove_image(&self, id: SpaceId) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM space_images WHERE tenant_id = $1 AND space_id = $2")
            .bind(self.tenant.0)
            .bind(id.0)
            .execute(&mut *self.db.writer().await?)
            .await?;
        Ok(())
    }

    /// The image's content type and bytes.
    pub async fn image(&self, id: SpaceId) -> Result<Option<(String, Vec<u8>)>, StoreError> {
        Ok(
            sqlx::query_as("SELECT content_type, bytes FROM space_images WHERE tenant_id = $1 AND space_id = $2")
                .bind(self.tenant.0)
                .bind(id.0)
                .fetch_optional(&mut *self.db.reader().await?)
                .await?,
        )
    }

    /// Spaces visitors may see (published or closed), newest first.
    pub async fn list_public(&self) -> Result<Vec<SpaceRecord>, StoreError> {
        let sql = format!(
            "{SELECT} WHERE s.tenant_id = $1 AND s.status IN ('published', 'closed') ORDER BY s.created_at DESC, s.id DESC"
        );
        Ok(sqlx::query_as(AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .fetch_all(&mut *self.db.reader().await?)
            .await?)
    }

    /// A space visitors may open (archived ones by link too); drafts and other tenants' spaces are `None`.
    pub async fn get_public(&self, id: SpaceId) -> Result<Option<SpaceRecord>, StoreError> {
        let sql = format!("{SELECT_UNCOUNTED} WHERE s.tenant_id = $1 AND s.id = $2 AND s.status IN {VISIBLE}");
        Ok(sqlx::query_as(AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(id.0)
            .fetch_optional(&mut *self.db.reader().await?)
            .await?)
    }

    /// Whether residents may take part in a space now (see
    /// [`SpaceRecord::is_open`]), without the counts `get_public` adds;
    /// `None` for drafts and other tenants' spaces.
    pub async fn is_open(&self, id: SpaceId, now: Timestamp) -> Result<Option<bool>, StoreError> {
        let sql = format!(
            "SELECT status, starts_at, ends_at FROM spaces WHERE tenant_id = $1 AND id = $2 AND status IN {VISIBLE}"
        );
        let found: Option<(SpaceStatus, Option<i64>, Option<i64>)> = sqlx::query_as(AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(id.0)
            .fetch_optional(&mut *self.db.reader().await?)
            .await?;
        Ok(found.map(|(status, starts_at, ends_at)| civic_core::spaces::open_at(status, starts_at, ends_at, now)))
    }

    /// Sets the categories and districts ideas in the space choose from
    /// (empty: any short text).
    pub async fn set_choices(&self, id: SpaceId, categories: &[&str], districts: &[&str]) -> Result<(), StoreError> {
        let join = |l: &[&str]| (!l.is_empty()).then(|| l.join("\n"));
        sqlx::query("UPDATE spaces SET categories = $3, districts = $4 WHERE tenant_id = $1 AND id = $2")
            .bind(self.tenant.0)
            .bind(id.0)
            .bind(join(categories))
            .bind(join(districts))
            .execute(&mut *self.db.writer().await?)
            .await?;
        Ok(())
    }
}
