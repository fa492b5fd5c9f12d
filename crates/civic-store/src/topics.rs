//! Topics of a space (issue 24): the texts the topic model reads, the
//! stored model with each text's topic, and the names staff give topics.

use crate::{Db, StoreError};
use civic_core::{SpaceId, TenantId};
use sqlx::AssertSqlSafe;

/// A text of a space as the topic model reads it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SpaceText {
    /// `idea` or `comment`.
    pub kind: String,
    pub id: i64,
    /// The idea: itself, or the one the comment is on.
    pub idea_id: i64,
    /// Empty for a comment.
    pub title: String,
    pub body: String,
}

/// The stored model of a space.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredModel {
    /// `civic_insight::TopicModel` as JSON.
    pub model: String,
    /// The topics as lists show them, as JSON.
    pub topics: String,
    pub item_count: i64,
    pub computed_at: i64,
}

/// One text's topic, as stored.
#[derive(Debug, Clone, Copy)]
pub struct TopicOf<'a> {
    pub kind: &'a str,
    pub id: i64,
    pub topic: i64,
}

/// Rows per INSERT of assignments: 5 parameters each, well under both
/// databases' limit on parameters per statement.
const ASSIGNMENTS_PER_INSERT: usize = 500;

pub struct SpaceTopics<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> SpaceTopics<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        SpaceTopics { db, tenant }
    }

    /// The texts of a space everyone may read: its ideas neither withdrawn
    /// nor merged, and their comments not deleted; nothing the moderators
    /// hid or hold. Ideas first, each kind oldest first; at most `limit`
    /// of each kind.
    pub async fn texts(&self, space: SpaceId, limit: u32) -> Result<Vec<SpaceText>, StoreError> {
        let mut conn = self.db.reader().await?;
        let mut texts: Vec<SpaceText> = sqlx::query_as(
            "SELECT 'idea' AS kind, i.id, i.id AS idea_id, i.title, i.body FROM ideas i \
             LEFT JOIN moderated_items m ON m.tenant_id = i.tenant_id AND m.item_type = 'idea' \
               AND m.item_id = i.id AND m.state <> 'restored' \
             WHERE i.tenant_id = $1 AND i.space_id = $2 AND i.status NOT IN ('withdrawn', 'merged') \
               AND m.state IS NULL \
             ORDER BY i.created_at, i.id LIMIT $3",
        )
        .bind(self.tenant.0)
        .bind(space.0)
        .bind(i64::from(limit))
        .fetch_all(&mut *conn)
        .await?;
        let comments: Vec<SpaceText> = sqlx::query_as(
            "SELECT 'comment' AS kind, c.id, c.idea_id, '' AS title, c.body FROM comments c \
             JOIN ideas i ON i.tenant_id = c.tenant_id AND i.id = c.idea_id \
             LEFT JOIN moderated_items m ON m.tenant_id = c.tenant_id AND m.item_type = 'comment' \
               AND m.item_id = c.id AND m.state <> 'restored' \
             LEFT JOIN moderated_items mi ON mi.tenant_id = i.tenant_id AND mi.item_type = 'idea' \
               AND mi.item_id = i.id AND mi.state <> 'restored' \
             WHERE c.tenant_id = $1 AND i.space_id = $2 AND c.deleted_at IS NULL \
               AND i.status NOT IN ('withdrawn', 'merged') AND m.state IS NULL AND mi.state IS NULL \
             ORDER BY c.created_at, c.id LIMIT $3",
        )
        .bind(self.tenant.0)
        .bind(space.0)
        .bind(i64::from(limit))
        .fetch_all(&mut *conn)
        .await?;
        texts.extend(comments);
        Ok(texts)
    }

    /// The space's stored model, if it has one.
    pub async fn model(&self, space: SpaceId) -> Result<Option<StoredModel>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT model, topics, item_count, computed_at FROM topic_models WHERE tenant_id = $1 AND space_id = $2",
        )
        .bind(self.tenant.0)
        .bind(space.0)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    /// Only the topics as lists show them (JSON), without the model, and
    /// the names staff gave them: one query.
    pub async fn topic_list(&self, space: SpaceId) -> Result<Option<(String, Vec<(i64, String)>)>, StoreError> {
        let rows: Vec<(String, Option<i64>, Option<String>)> = sqlx::query_as(
            "SELECT m.topics, n.topic_id, n.name FROM topic_models m \
             LEFT JOIN topic_names n ON n.tenant_id = m.tenant_id AND n.space_id = m.space_id \
             WHERE m.tenant_id = $1 AND m.space_id = $2",
        )
        .bind(self.tenant.0)
        .bind(space.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?;
        let Some(topics) = rows.first().map(|r| r.0.clone()) else {
            return Ok(None);
        };
        let names = rows.into_iter().filter_map(|(_, id, name)| id.zip(name)).collect();
        Ok(Some((topics, names)))
    }

    /// Replaces the space's model and every text's topic, all or nothing.
    pub async fn replace(
        &self,
        space: SpaceId,
        model: &StoredModel,
        assignments: &[TopicOf<'_>],
    ) -> Result<(), StoreError> {
        let (t, s) = (self.tenant.0, space.0);
        let mut tx = self.db.unit().await?;
        // The model's row first, as an upsert: a second recompute of the
        // space at the same moment waits here for the first to commit,
        // then replaces its assignments whole.
        sqlx::query(
            "INSERT INTO topic_models (tenant_id, space_id, model, topics, item_count, computed_at) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (tenant_id, space_id) DO UPDATE SET model = excluded.model, topics = excluded.topics, \
             item_count = excluded.item_count, computed_at = excluded.computed_at",
        )
        .bind(t)
        .bind(s)
        .bind(&model.model)
        .bind(&model.topics)
        .bind(model.item_count)
        .bind(model.computed_at)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM topic_assignments WHERE tenant_id = $1 AND space_id = $2")
            .bind(t)
            .bind(s)
            .execute(&mut *tx)
            .await?;
        for chunk in assignments.chunks(ASSIGNMENTS_PER_INSERT) {
            let rows: Vec<String> = (0..chunk.len())
                .map(|n| {
                    let b = n * 5;
                    format!("(${}, ${}, ${}, ${}, ${})", b + 1, b + 2, b + 3, b + 4, b + 5)
                })
                .collect();
            let sql = format!(
                "INSERT INTO topic_assignments (tenant_id, space_id, item_kind, item_id, topic_id) VALUES {}",
                rows.join(", ")
            );
            let mut query = sqlx::query(AssertSqlSafe(sql));
            for a in chunk {
                query = query.bind(t).bind(s).bind(a.kind).bind(a.id).bind(a.topic);
            }
            query.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Ideas per topic now (neither withdrawn nor merged since the
    /// recompute): (topic id, count).
    pub async fn idea_counts(&self, space: SpaceId) -> Result<std::collections::HashMap<i64, usize>, StoreError> {
        let rows: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT a.topic_id, COUNT(*) FROM topic_assignments a \
             JOIN ideas i ON i.tenant_id = a.tenant_id AND i.id = a.item_id \
             WHERE a.tenant_id = $1 AND a.space_id = $2 AND a.item_kind = 'idea' \
               AND i.status NOT IN ('withdrawn', 'merged') \
             GROUP BY a.topic_id",
        )
        .bind(self.tenant.0)
        .bind(space.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?;
        Ok(rows.into_iter().map(|(t, n)| (t, n.max(0) as usize)).collect())
    }

    /// Forgets every name staff gave the space's topics (when the ids
    /// start again).
    pub async fn forget_names(&self, space: SpaceId) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM topic_names WHERE tenant_id = $1 AND space_id = $2")
            .bind(self.tenant.0)
            .bind(space.0)
            .execute(&mut *self.db.writer().await?)
            .await?;
        Ok(())
    }

    /// Names a topic (`None`: back to its words).
    pub async fn rename(&self, space: SpaceId, topic: i64, name: Option<&str>) -> Result<(), StoreError> {
        let mut tx = self.db.unit().await?;
        sqlx::query("DELETE FROM topic_names WHERE tenant_id = $1 AND space_id = $2 AND topic_id = $3")
            .bind(self.tenant.0)
            .bind(space.0)
            .bind(topic)
            .execute(&mut *tx)
            .await?;
        if let Some(name) = name {
            sqlx::query("INSERT INTO topic_names (tenant_id, space_id, topic_id, name) VALUES ($1, $2, $3, $4)")
                .bind(self.tenant.0)
                .bind(space.0)
                .bind(topic)
                .bind(name)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
