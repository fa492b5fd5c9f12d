//! Notifications of a tenant's accounts: written for every recipient of an
//! event by one set-based INSERT … SELECT, listed and counted per person,
//! and mailed in batches whose rows are claimed in the same transaction as
//! the mail is queued, so no row is mailed twice.

use crate::mail::{NewMessage, enqueue_on};
use crate::{Db, StoreError};
use civic_core::notifications::{Kind, Mode};
use civic_core::{CommentId, IdeaId, SpaceId, TenantId, Timestamp, UserId};
use std::collections::{BTreeSet, HashMap};

/// What happened, as each recipient's row records it.
#[derive(Debug, Clone)]
pub struct Event<'a> {
    pub kind: Kind,
    /// The space of an idea or a debate (petitions and reports have none).
    pub space: Option<SpaceId>,
    /// The idea it is about, or
    pub idea: Option<IdeaId>,
    /// the debate it is about, or
    pub debate: Option<i64>,
    /// the petition, or
    pub petition: Option<i64>,
    /// the problem report.
    pub report: Option<i64>,
    pub comment: Option<CommentId>,
    /// Who did it (never notified of their own act).
    pub actor: Option<UserId>,
    /// The title at the time (a report's: its description's opening).
    pub summary: &'a str,
    /// The new status (status changes).
    pub status: Option<&'a str>,
    /// The text the event carries: an answer, a reason, a public reply.
    pub detail: Option<&'a str>,
    pub at: Timestamp,
}

/// Who is told.
#[derive(Debug, Clone, Copy)]
pub enum Recipients {
    IdeaFollowers(IdeaId),
    /// Authors of a debate's arguments and people with a stance on it.
    DebateParticipants(i64),
    SpaceFollowers(SpaceId),
    PetitionFollowers(i64),
    ReportFollowers(i64),
    User(UserId),
    /// The tenant's officials and administrators.
    Staff,
    /// The members of a department (of problem reports); with
    /// `except_followers`, those who follow the event's report are left
    /// out (they hear of it as followers).
    Department {
        id: i64,
        except_followers: bool,
    },
}

/// A notification as its recipient sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NotificationRow {
    pub id: i64,
    pub user_id: i64,
    pub kind: String,
    pub space_id: Option<i64>,
    pub idea_id: Option<i64>,
    pub comment_id: Option<i64>,
    pub actor_id: Option<i64>,
    pub summary: String,
    pub status: Option<String>,
    pub created_at: i64,
    pub read_at: Option<i64>,
    pub debate_id: Option<i64>,
    pub petition_id: Option<i64>,
    pub report_id: Option<i64>,
    pub detail: Option<String>,
    pub actor_name: Option<String>,
    pub space_title: Option<String>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SettingRow {
    pub kind: String,
    pub mode: String,
}

/// A recipient of a mail batch.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Person {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub locale: Option<String>,
}

/// One mail, composed by the caller.
/// Queues `letters` to `person` in the outbox, in the caller's
/// transaction; how many.
async fn queue_letters(
    conn: &mut sqlx::AnyConnection,
    tenant_slug: &str,
    person: &Person,
    letters: impl IntoIterator<Item = Letter>,
) -> Result<usize, StoreError> {
    let mut queued = 0;
    for letter in letters {
        enqueue_on(
            conn,
            &NewMessage {
                tenant_slug,
                recipient: &person.email,
                subject: &letter.subject,
                body_text: &letter.body_text,
                body_html: &letter.body_html,
            },
        )
        .await?;
        queued += 1;
    }
    Ok(queued)
}

pub struct Letter {
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
}

/// Unread notifications are counted up to this many (the header shows "99+").
pub const UNREAD_CAP: i64 = 100;

const ROW: &str = "n.id, n.user_id, n.kind, n.space_id, n.idea_id, n.comment_id, n.actor_id, n.summary, n.status, \
                   n.created_at, n.read_at, n.debate_id, n.petition_id, n.report_id, n.detail, a.display_name AS actor_name, s.title AS space_title";
const JOINS: &str = "notifications n \
                     LEFT JOIN users a ON a.tenant_id = n.tenant_id AND a.id = n.actor_id \
                     LEFT JOIN spaces s ON s.tenant_id = n.tenant_id AND s.id = n.space_id";

pub struct Notifications<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> Notifications<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        Notifications { db, tenant }
    }

    /// Writes the event for every recipient in one statement, whatever
    /// their number; the actor and `skip` are left out. Each row takes the
    /// recipient's mail mode for the kind (or its default); accounts without
    /// a confirmed address get no mail. Returns how many were written.
    pub async fn notify(&self, event: &Event<'_>, to: Recipients, skip: Option<UserId>) -> Result<u64, StoreError> {
        let (recipients, target) = match to {
            Recipients::IdeaFollowers(idea) => (
                "SELECT f.user_id FROM follows f WHERE f.tenant_id = $1 AND f.idea_id = $13",
                idea.0,
            ),
            Recipients::SpaceFollowers(space) => (
                "SELECT f.user_id FROM follows f WHERE f.tenant_id = $1 AND f.space_id = $13",
                space.0,
            ),
            Recipients::PetitionFollowers(petition) => (
                "SELECT f.user_id FROM follows f WHERE f.tenant_id = $1 AND f.petition_id = $13",
                petition,
            ),
            Recipients::ReportFollowers(report) => (
                "SELECT f.user_id FROM follows f WHERE f.tenant_id = $1 AND f.report_id = $13",
                report,
            ),
            Recipients::DebateParticipants(debate) => (
                "SELECT a.author_id FROM debate_arguments a WHERE a.tenant_id = $1 AND a.debate_id = $13 \
                 AND a.author_id IS NOT NULL \
                 UNION SELECT st.user_id FROM debate_stances st WHERE st.tenant_id = $1 AND st.debate_id = $13",
                debate,
            ),
            Recipients::User(user) => ("$13", user.0),
            Recipients::Department {
                id,
                except_followers: false,
            } => (
                "SELECT m.user_id FROM department_members m WHERE m.tenant_id = $1 AND m.department_id = $13",
                id,
            ),
            Recipients::Department {
                id,
                except_followers: true,
            } => (
                "SELECT m.user_id FROM department_members m WHERE m.tenant_id = $1 AND m.department_id = $13 \
                 AND m.user_id NOT IN (SELECT f.user_id FROM follows f WHERE f.tenant_id = $1 AND f.report_id = $16)",
                id,
            ),
            Recipients::Staff => (
                "SELECT s.id FROM users s WHERE s.tenant_id = $1 AND s.role IN ('official', 'admin') AND s.id <> $13",
                0,
            ),
        };
        let sql = format!(
            "INSERT INTO notifications (tenant_id, user_id, kind, space_id, idea_id, comment_id, actor_id, summary, \
                                        status, created_at, debate_id, petition_id, report_id, detail, mail) \
             SELECT u.tenant_id, u.id, $2, $3, $4, $5, $6, $7, $8, $9, $14, $15, $16, $17, \
                    CASE WHEN u.email_confirmed_at IS NULL OR COALESCE(ns.mode, $10) = 'never' THEN 'none' \
                         ELSE COALESCE(ns.mode, $10) END \
             FROM users u LEFT JOIN notification_settings ns \
                  ON ns.tenant_id = u.tenant_id AND ns.user_id = u.id AND ns.kind = $2 \
             WHERE u.tenant_id = $1 AND u.id <> $11 AND u.id <> $12 AND u.id IN ({recipients})"
        );
        let done = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(event.kind.as_str())
            .bind(event.space.map(|s| s.0))
            .bind(event.idea.map(|i| i.0))
            .bind(event.comment.map(|c| c.0))
            .bind(event.actor.map(|a| a.0))
            .bind(event.summary)
            .bind(event.status)
            .bind(event.at.0)
            .bind(event.kind.default_mode().as_str())
            .bind(event.actor.map_or(0, |a| a.0))
            .bind(skip.map_or(0, |s| s.0))
            .bind(target)
            .bind(event.debate)
            .bind(event.petition)
            .bind(event.report)
            .bind(event.detail)
            .execute(&mut *self.db.writer().await?)
            .await?;
        Ok(done.rows_affected())
    }

    /// Unread notifications, counted up to [`UNREAD_CAP`] (one index range).
    pub async fn unread_count(&self, user: UserId) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM (SELECT 1 AS one FROM notifications \
             WHERE tenant_id = $1 AND user_id = $2 AND read_at IS NULL LIMIT $3) capped",
        )
        .bind(self.tenant.0)
        .bind(user.0)
        .bind(UNREAD_CAP)
        .fetch_one(&mut *self.db.reader().await?)
        .await?)
    }

    /// The person's notifications, newest first, older than `before` (an id).
    pub async fn page(
        &self,
        user: UserId,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<NotificationRow>, StoreError> {
        let sql = format!(
            "SELECT {ROW} FROM {JOINS} WHERE n.tenant_id = $1 AND n.user_id = $2 AND n.id < $3 \
             ORDER BY n.id DESC LIMIT $4"
        );
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(user.0)
            .bind(before.unwrap_or(i64::MAX))
            .bind(i64::from(limit))
            .fetch_all(&mut *self.db.reader().await?)
            .await?)
    }

    /// One of the person's notifications (another's is `None`).
    pub async fn get(&self, user: UserId, id: i64) -> Result<Option<NotificationRow>, StoreError> {
        let sql = format!("SELECT {ROW} FROM {JOINS} WHERE n.tenant_id = $1 AND n.user_id = $2 AND n.id = $3");
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(user.0)
            .bind(id)
            .fetch_optional(&mut *self.db.reader().await?)
            .await?)
    }

    /// How many of `ids` are the person's.
    pub async fn owned(&self, user: UserId, ids: &[i64]) -> Result<i64, StoreError> {
        if ids.is_empty() {
            return Ok(0);
        }
        let sql = format!(
            "SELECT COUNT(*) FROM notifications WHERE tenant_id = $1 AND user_id = $2 AND id IN ({})",
            id_list(ids.iter().copied())
        );
        Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(user.0)
            .fetch_one(&mut *self.db.reader().await?)
            .await?)
    }

    /// Marks the person's notifications read: those in `ids`, or all.
    pub async fn mark_read(&self, user: UserId, ids: Option<&[i64]>, at: Timestamp) -> Result<u64, StoreError> {
        let only = match ids {
            None => String::new(),
            Some([]) => return Ok(0),
            Some(ids) => format!(" AND id IN ({})", id_list(ids.iter().copied())),
        };
        let sql = format!(
            "UPDATE notifications SET read_at = $3 WHERE tenant_id = $1 AND user_id = $2 AND read_at IS NULL{only}"
        );
        Ok(sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.tenant.0)
            .bind(user.0)
            .bind(at.0)
            .execute(&mut *self.db.writer().await?)
            .await?
            .rows_affected())
    }

    /// The modes the person chose (kinds without a row use their default).
    pub async fn settings(&self, user: UserId) -> Result<Vec<SettingRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT kind, mode FROM notification_settings WHERE tenant_id = $1 AND user_id = $2 ORDER BY kind",
        )
        .bind(self.tenant.0)
        .bind(user.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// Stores the person's modes and applies them to notifications still
    /// waiting to be mailed, in one transaction.
    pub async fn set_settings(&self, user: UserId, modes: &[(Kind, Mode)]) -> Result<(), StoreError> {
        let mut tx = self.db.unit().await?;
        for (kind, mode) in modes {
            sqlx::query(
                "INSERT INTO notification_settings (tenant_id, user_id, kind, mode) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (tenant_id, user_id, kind) DO UPDATE SET mode = excluded.mode",
            )
            .bind(self.tenant.0)
            .bind(user.0)
            .bind(kind.as_str())
            .bind(mode.as_str())
            .execute(&mut *tx)
            .await?;
            let waiting = match mode {
                Mode::Never => "none",
                other => other.as_str(),
            };
            sqlx::query(
                "UPDATE notifications SET mail = $4 WHERE tenant_id = $1 AND user_id = $2 AND kind = $3 \
                 AND mail IN ('immediate', 'daily', 'weekly')",
            )
            .bind(self.tenant.0)
            .bind(user.0)
            .bind(kind.as_str())
            .bind(waiting)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The language of the person's mail (`None`: the tenant's default).
    pub async fn set_locale(&self, user: UserId, locale: Option<&str>) -> Result<(), StoreError> {
        sqlx::query("UPDATE users SET locale = $3 WHERE tenant_id = $1 AND id = $2")
            .bind(self.tenant.0)
            .bind(user.0)
            .bind(locale)
            .execute(&mut *self.db.writer().await?)
            .await?;
        Ok(())
    }

    pub async fn locale(&self, user: UserId) -> Result<Option<String>, StoreError> {
        Ok(
            sqlx::query_scalar::<_, Option<String>>("SELECT locale FROM users WHERE tenant_id = $1 AND id = $2")
                .bind(self.tenant.0)
                .bind(user.0)
                .fetch_optional(&mut *self.db.reader().await?)
                .await?
                .flatten(),
        )
    }

    /// Whether the person gets the monthly recap (default: yes).
    pub async fn recap(&self, user: UserId) -> Result<bool, StoreError> {
        let on: Option<i64> = sqlx::query_scalar("SELECT monthly_recap FROM users WHERE tenant_id = $1 AND id = $2")
            .bind(self.tenant.0)
            .bind(user.0)
            .fetch_optional(&mut *self.db.reader().await?)
            .await?;
        Ok(on != Some(0))
    }

    pub async fn set_recap(&self, user: UserId, on: bool) -> Result<(), StoreError> {
        sqlx::query("UPDATE users SET monthly_recap = $3 WHERE tenant_id = $1 AND id = $2")
            .bind(self.tenant.0)
            .bind(user.0)
            .bind(i64::from(on))
            .execute(&mut *self.db.writer().await?)
            .await?;
        Ok(())
    }

    /// Mails one batch of the notifications waiting with `mode` (immediate,
    /// daily or weekly): up to `batch` recipients with ids above `after`. In one
    /// transaction the rows are claimed (a conditional UPDATE: of two nodes
    /// running at once only one gets a row), `compose` writes the mails of
    /// each recipient from their rows, and the mails go into the outbox.
    /// The cursor for the next batch, or `None` when none was left.
    pub async fn mail_batch(
        &self,
        tenant_slug: &str,
        mode: Mode,
        after: i64,
        batch: i64,
        now: Timestamp,
        mut compose: impl FnMut(&Person, &[NotificationRow]) -> Vec<Letter>,
    ) -> Result<Option<(i64, usize)>, StoreError> {
        let t = self.tenant.0;
        let mut tx = self.db.unit().await?;
        let users: Vec<i64> = sqlx::query_scalar(
            "SELECT DISTINCT user_id FROM notifications WHERE tenant_id = $1 AND mail = $2 AND user_id > $3 \
             ORDER BY user_id LIMIT $4",
        )
        .bind(t)
        .bind(mode.as_str())
        .bind(after)
        .bind(batch)
        .fetch_all(&mut *tx)
        .await?;
        let Some(&last) = users.last() else {
            return Ok(None);
        };
        let sql = format!(
            "UPDATE notifications SET mail = 'sent', mailed_at = $3 \
             WHERE tenant_id = $1 AND mail = $2 AND user_id IN ({}) \
             RETURNING id, user_id, kind, space_id, idea_id, comment_id, actor_id, summary, status, created_at, read_at, \
                       debate_id, petition_id, report_id, detail, CAST(NULL AS TEXT) AS actor_name, CAST(NULL AS TEXT) AS space_title",
            id_list(users.iter().copied())
        );
        let mut rows: Vec<NotificationRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(t)
            .bind(mode.as_str())
            .bind(now.0)
            .fetch_all(&mut *tx)
            .await?;
        let mut letters = 0;
        if !rows.is_empty() {
            let people: BTreeSet<i64> = rows
                .iter()
                .flat_map(|r| [Some(r.user_id), r.actor_id])
                .flatten()
                .collect();
            let sql = format!(
                "SELECT id, email, display_name, locale FROM users WHERE tenant_id = $1 AND id IN ({})",
                id_list(people.into_iter())
            );
            let people: HashMap<i64, Person> = sqlx::query_as::<_, Person>(sqlx::AssertSqlSafe(sql))
                .bind(t)
                .fetch_all(&mut *tx)
                .await?
                .into_iter()
                .map(|p| (p.id, p))
                .collect();
            let spaces: BTreeSet<i64> = rows.iter().filter_map(|r| r.space_id).collect();
            let spaces: HashMap<i64, String> = if spaces.is_empty() {
                HashMap::new()
            } else {
                let sql = format!(
                    "SELECT id, title FROM spaces WHERE tenant_id = $1 AND id IN ({})",
                    id_list(spaces.into_iter())
                );
                sqlx::query_as::<_, (i64, String)>(sqlx::AssertSqlSafe(sql))
                    .bind(t)
                    .fetch_all(&mut *tx)
                    .await?
                    .into_iter()
                    .collect()
            };
            for r in &mut rows {
                r.actor_name = r.actor_id.and_then(|a| people.get(&a)).map(|p| p.display_name.clone());
                r.space_title = r.space_id.and_then(|s| spaces.get(&s)).cloned();
            }
            // Grouped by recipient, oldest first within each.
            rows.sort_by_key(|r| (r.user_id, r.id));
            for mine in rows.chunk_by(|a, b| a.user_id == b.user_id) {
                let Some(person) = people.get(&mine[0].user_id) else {
                    continue;
                };
                letters += queue_letters(&mut tx, tenant_slug, person, compose(person, mine)).await?;
            }
        }
        tx.commit().await?;
        Ok(Some((last, letters)))
    }

    /// Notifications written before `at` are not mailed: they are history
    /// (the demo city's), not news. Returns how many were waiting.
    pub async fn never_mail_before(&self, at: Timestamp) -> Result<u64, StoreError> {
        Ok(sqlx::query(
            "UPDATE notifications SET mail = 'none' \
             WHERE tenant_id = $1 AND mail IN ('immediate', 'daily', 'weekly') AND created_at < $2",
        )
        .bind(self.tenant.0)
        .bind(at.0)
        .execute(&mut *self.db.writer().await?)
        .await?
        .rows_affected())
    }

    /// Claims this tenant's digest of `cadence` ('daily', 'weekly' or
    /// 'monthly') for the period `day` (a day, week or month number) for
    /// this node: true for the first node that asks, or for a node taking
    /// over a run that did not finish within `lease_ms`.
    pub async fn claim_digest(
        &self,
        cadence: &str,
        day: i64,
        now: Timestamp,
        lease_ms: i64,
    ) -> Result<bool, StoreError> {
        let inserted = sqlx::query(
            "INSERT INTO notification_digests (tenant_id, day, started_at, cadence) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (tenant_id, cadence, day) DO NOTHING",
        )
        .bind(self.tenant.0)
        .bind(day)
        .bind(now.0)
        .bind(cadence)
        .execute(&mut *self.db.writer().await?)
        .await?
        .rows_affected();
        if inserted == 1 {
            return Ok(true);
        }
        let taken = sqlx::query(
            "UPDATE notification_digests SET started_at = $3 \
             WHERE tenant_id = $1 AND day = $2 AND finished_at IS NULL AND started_at < $4 AND cadence = $5",
        )
        .bind(self.tenant.0)
        .bind(day)
        .bind(now.0)
        .bind(now.0 - lease_ms)
        .bind(cadence)
        .execute(&mut *self.db.writer().await?)
        .await?
        .rows_affected();
        Ok(taken == 1)
    }

    pub async fn finish_digest(&self, cadence: &str, day: i64, now: Timestamp) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE notification_digests SET finished_at = $3 WHERE tenant_id = $1 AND day = $2 AND cadence = $4",
        )
        .bind(self.tenant.0)
        .bind(day)
        .bind(now.0)
        .bind(cadence)
        .execute(&mut *self.db.writer().await?)
        .await?;
        Ok(())
    }
}

/// The kinds a monthly recap tells of: what happened to an idea, a
/// petition or a problem report (not the comments, the replies, the new
/// ideas of a space).
pub const RECAP_KINDS: [Kind; 5] = [
    Kind::Status,
    Kind::PetitionStatus,
    Kind::ReportStatus,
    Kind::ReportReply,
    Kind::DebateConcluded,
];

impl Notifications<'_> {
    /// Queues one batch of the monthly recap `month`: up to `batch` people
    /// after the claim's cursor with a notification of [`RECAP_KINDS`]
    /// written in `[from, to)`, a confirmed address and the recap on.
    /// `compose` writes each person's mail from their rows of the month
    /// (oldest first; it may write none). The mails and the cursor commit
    /// together, so a node taking over the run mails nobody twice. Returns
    /// how many mails were queued, or `None` when nobody was left.
    pub async fn recap_batch(
        &self,
        tenant_slug: &str,
        month: i64,
        (from, to): (Timestamp, Timestamp),
        batch: i64,
        mut compose: impl FnMut(&Person, &[NotificationRow]) -> Option<Letter>,
    ) -> Result<Option<usize>, StoreError> {
        let t = self.tenant.0;
        let kinds = RECAP_KINDS.map(|k| format!("'{}'", k.as_str())).join(", ");
        let mut tx = self.db.unit().await?;
        let after: i64 = sqlx::query_scalar(
            "SELECT done_through FROM notification_digests WHERE tenant_id = $1 AND cadence = 'monthly' AND day = $2",
        )
        .bind(t)
        .bind(month)
        .fetch_optional(&mut *tx)
        .await?
        .unwrap_or(0);
        let sql = format!(
            "SELECT DISTINCT n.user_id FROM notifications n \
             JOIN users u ON u.tenant_id = n.tenant_id AND u.id = n.user_id \
             WHERE n.tenant_id = $1 AND n.created_at >= $2 AND n.created_at < $3 AND n.kind IN ({kinds}) \
             AND n.user_id > $4 AND u.email_confirmed_at IS NOT NULL AND u.monthly_recap <> 0 \
             ORDER BY n.user_id LIMIT $5"
        );
        let users: Vec<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(t)
            .bind(from.0)
            .bind(to.0)
            .bind(after)
            .bind(batch)
            .fetch_all(&mut *tx)
            .await?;
        let Some(&last) = users.last() else {
            return Ok(None);
        };
        let ids = id_list(users.iter().copied());
        let sql = format!(
            "SELECT {ROW} FROM {JOINS} WHERE n.tenant_id = $1 AND n.created_at >= $2 AND n.created_at < $3 \
             AND n.kind IN ({kinds}) AND n.user_id IN ({ids}) ORDER BY n.user_id, n.id"
        );
        let rows: Vec<NotificationRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(t)
            .bind(from.0)
            .bind(to.0)
            .fetch_all(&mut *tx)
            .await?;
        let sql = format!("SELECT id, email, display_name, locale FROM users WHERE tenant_id = $1 AND id IN ({ids})");
        let people: HashMap<i64, Person> = sqlx::query_as::<_, Person>(sqlx::AssertSqlSafe(sql))
            .bind(t)
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        let mut letters = 0;
        for mine in rows.chunk_by(|a, b| a.user_id == b.user_id) {
            let Some(person) = people.get(&mine[0].user_id) else {
                continue;
            };
            letters += queue_letters(&mut tx, tenant_slug, person, compose(person, mine)).await?;
        }
        sqlx::query(
            "UPDATE notification_digests SET done_through = $3 WHERE tenant_id = $1 AND cadence = 'monthly' AND day = $2",
        )
        .bind(t)
        .bind(month)
        .bind(last)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Some(letters))
    }
}

/// Integers for an `IN (…)` list: formatted numbers, so safe to splice.
fn id_list(ids: impl Iterator<Item = i64>) -> String {
    ids.map(|i| i.to_string()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod migration_0040 {
    use sqlx::{Connection, SqliteConnection};

    /// id, user_id, kind, space_id, idea_id, summary, status, created_at,
    /// read_at, mail, mailed_at.
    type Kept = (
        i64,
        i64,
        String,
        Option<i64>,
        Option<i64>,
        String,
        Option<String>,
        i64,
        Option<i64>,
        String,
        Option<i64>,
    );
    /// user_id, idea_id, space_id, petition_id, created_at.
    type Follow = (i64, Option<i64>, Option<i64>, Option<i64>, i64);

    const BEFORE: &str = "
        INSERT INTO tenants (id, slug, name, default_locale, created_at) VALUES (1, 'bucha', 'Буча', 'uk', 1);
        INSERT INTO users (tenant_id, id, email, display_name, password_hash, role, created_at)
            VALUES (1, 1, 'a@example.org', 'А', 'x', 'citizen', 1), (1, 2, 'b@example.org', 'Б', 'x', 'citizen', 1);
        INSERT INTO spaces (tenant_id, id, title, description, status, support_threshold, created_at)
            VALUES (1, 1, 'Парки', '', 'published', 10, 1);
        INSERT INTO ideas (tenant_id, id, space_id, title, body, status, created_at, updated_at)
            VALUES (1, 1, 1, 'Лавки', 'Опис', 'published', 1, 1);
        INSERT INTO follows (tenant_id, user_id, idea_id, created_at) VALUES (1, 2, 1, 2);
        INSERT INTO follows (tenant_id, user_id, space_id, created_at) VALUES (1, 2, 1, 2);
        INSERT INTO notifications (tenant_id, id, user_id, kind, space_id, idea_id, summary, status, created_at,
                                   read_at, mail, mailed_at)
            VALUES (1, 7, 2, 'status', 1, 1, 'Лавки', 'accepted', 3, 4, 'sent', 5);
        INSERT INTO petitions (tenant_id, id, author_id, title, body, threshold, created_at)
            VALUES (1, 1, 1, 'Перехід', 'Текст', 2, 1);
        INSERT INTO petition_signatures (tenant_id, petition_id, user_id, signed_at) VALUES (1, 1, 2, 6), (1, 1, 1, 6);";

    /// SQLite rebuilds `follows` and `notifications`: every row, key and
    /// index stays, and those who took part in a petition follow it.
    #[tokio::test]
    async fn the_rebuild_keeps_every_row_and_key() {
        let mut conn = SqliteConnection::connect("sqlite::memory:").await.unwrap();
        sqlx::raw_sql("PRAGMA foreign_keys = ON")
            .execute(&mut conn)
            .await
            .unwrap();
        let migrations = || crate::db::SQLITE_MIGRATIONS.iter();
        for m in migrations().filter(|m| m.version < 40) {
            sqlx::raw_sql(m.sql.clone()).execute(&mut conn).await.unwrap();
        }
        sqlx::raw_sql(BEFORE).execute(&mut conn).await.unwrap();
        let indexes = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('follows', 'notifications') \
                       AND name NOT LIKE 'sqlite_%' ORDER BY name";
        let before: Vec<String> = sqlx::query_scalar(indexes).fetch_all(&mut conn).await.unwrap();
        for m in migrations().filter(|m| m.version == 40) {
            sqlx::raw_sql(m.sql.clone()).execute(&mut conn).await.unwrap();
        }
        let row: Kept = sqlx::query_as(
            "SELECT id, user_id, kind, space_id, idea_id, summary, status, created_at, read_at, mail, mailed_at \
                 FROM notifications",
        )
        .fetch_one(&mut conn)
        .await
        .unwrap();
        assert_eq!(
            row,
            (
                7,
                2,
                "status".into(),
                Some(1),
                Some(1),
                "Лавки".into(),
                Some("accepted".into()),
                3,
                Some(4),
                "sent".into(),
                Some(5)
            )
        );
        let follows: Vec<Follow> = sqlx::query_as(
            "SELECT user_id, idea_id, space_id, petition_id, created_at FROM follows \
             ORDER BY user_id, idea_id, space_id, petition_id",
        )
        .fetch_all(&mut conn)
        .await
        .unwrap();
        assert_eq!(
            follows,
            [
                (1, None, None, Some(1), 1),
                (2, None, None, Some(1), 6),
                (2, None, Some(1), None, 2),
                (2, Some(1), None, None, 2)
            ],
            "the old follows, and the author and the signer of the petition (the author once)"
        );
        let after: Vec<String> = sqlx::query_scalar(indexes).fetch_all(&mut conn).await.unwrap();
        assert!(before.iter().all(|i| after.contains(i)), "{before:?} → {after:?}");
        assert_eq!(after.len(), before.len() + 4);
        // The keys still hold: a second follow of the same idea, one of
        // nothing, one of two things, and a row of another tenant's user.
        for bad in [
            "INSERT INTO follows (tenant_id, user_id, idea_id, created_at) VALUES (1, 2, 1, 9)",
            "INSERT INTO follows (tenant_id, user_id, created_at) VALUES (1, 2, 9)",
            "INSERT INTO follows (tenant_id, user_id, idea_id, petition_id, created_at) VALUES (1, 1, 1, 1, 9)",
            "INSERT INTO notifications (tenant_id, user_id, kind, petition_id, summary, created_at, mail) \
             VALUES (2, 1, 'petition_status', 1, 'x', 9, 'none')",
        ] {
            assert!(sqlx::raw_sql(bad).execute(&mut conn).await.is_err(), "{bad}");
        }
        sqlx::raw_sql(
            "INSERT INTO notifications (tenant_id, user_id, kind, petition_id, summary, created_at, mail) \
             VALUES (1, 1, 'petition_status', 1, 'Перехід', 9, 'none'); DELETE FROM petitions WHERE id = 1",
        )
        .execute(&mut conn)
        .await
        .unwrap();
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE petition_id IS NOT NULL")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        assert_eq!(left, 0, "a petition's notifications go with it");
    }
}
