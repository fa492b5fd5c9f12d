//! What the platform holds about one person, and forgetting it.

use crate::{Db, StoreError};
use civic_core::{TenantId, Timestamp, UserId};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub id: i64,
    /// To recognise the caller's own session; never shown.
    pub token_hash: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub user_agent: Option<String>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
    pub expires_at: Option<i64>,
    pub last_used_at: Option<i64>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct IdeaRow {
    pub id: i64,
    pub space_id: i64,
    pub title: String,
    pub body: String,
    pub status: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CommentRow {
    pub id: i64,
    pub idea_id: i64,
    pub body: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SupportRow {
    pub idea_id: i64,
    pub created_at: i64,
}

/// One contribution of the person outside ideas (which have their own
/// lists), for the export: `kind` names the table's meaning (`petition`,
/// `petition_signature`, `report`, `report_voice`, `poll_response`,
/// `poll_answer`, `debate_argument`, `debate_stance`, `debate_convincing`,
/// `consultation_comment`, `amendment`, `amendment_stance`, `statement`,
/// `statement_vote`, `budget_project`, `budget_ballot`, `budget_mark`,
/// `contest_submission`, `contest_vote`, `volunteer_signup`,
/// `comment_vote`, `debate_stance_change`, `poll_draft` (answers saved
/// but not sent, as JSON), `project_update`, `flag` (a post reported to
/// the moderators: `title` the kind of post, `choice` the reason)); `id` is
/// the row's own id where it has one, `of_id` what it belongs to (the
/// petition, the poll, the debate …), `body` what was written (for a
/// `poll_answer` its text, or the number given to a scale, number or date
/// question), `choice` a vote, side, stance, district or status as stored
/// (for a `poll_answer` the option's number), `position` a rank.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ContributionRow {
    pub kind: String,
    pub id: Option<i64>,
    pub of_id: Option<i64>,
    pub title: Option<String>,
    pub body: Option<String>,
    pub choice: Option<String>,
    pub position: Option<i64>,
    pub at: i64,
}

/// Every contribution of user `$2` in tenant `$1` that the idea lists do
/// not cover, oldest first. Columns: kind, id, of_id, title, body, choice,
/// position, at.
const CONTRIBUTIONS: &str = "SELECT kind, id, of_id, title, body, choice, position, at FROM ( \
     SELECT 'petition' AS kind, p.id AS id, CAST(NULL AS BIGINT) AS of_id, p.title AS title, p.body AS body, \
       p.status AS choice, CAST(NULL AS BIGINT) AS position, p.created_at AS at \
       FROM petitions p WHERE p.tenant_id = $1 AND p.author_id = $2 \
     UNION ALL SELECT 'petition_signature', NULL, ps.petition_id, NULL, NULL, NULL, NULL, ps.signed_at \
       FROM petition_signatures ps WHERE ps.tenant_id = $1 AND ps.user_id = $2 \
     UNION ALL SELECT 'report', r.id, r.category_id, r.address, r.body, r.status, NULL, r.created_at \
       FROM reports r WHERE r.tenant_id = $1 AND r.author_id = $2 \
     UNION ALL SELECT 'report_voice', NULL, rv.report_id, NULL, NULL, NULL, NULL, rv.created_at \
       FROM report_voices rv WHERE rv.tenant_id = $1 AND rv.user_id = $2 \
     UNION ALL SELECT 'poll_response', pr.id, pr.poll_id, NULL, NULL, NULLIF(pr.district, ''), NULL, pr.submitted_at \
       FROM poll_responses pr WHERE pr.tenant_id = $1 AND pr.user_id = $2 \
     UNION ALL SELECT 'poll_answer', pa.response_id, pa.question_id, NULL, \
       CASE WHEN pa.choice < 0 AND pa.text IS NULL THEN CAST(pa.value AS TEXT) ELSE pa.text END, \
       CASE WHEN pa.choice >= 0 THEN CAST(pa.choice AS TEXT) END, pa.rank, pr.submitted_at \
       FROM poll_answers pa JOIN poll_responses pr ON pr.tenant_id = pa.tenant_id AND pr.id = pa.response_id \
       WHERE pa.tenant_id = $1 AND pr.user_id = $2 \
     UNION ALL SELECT 'debate_argument', da.id, da.debate_id, NULL, da.body, da.side, NULL, da.created_at \
       FROM debate_arguments da WHERE da.tenant_id = $1 AND da.author_id = $2 \
     UNION ALL SELECT 'debate_stance', NULL, ds.debate_id, NULL, NULL, ds.stance, NULL, ds.updated_at \
       FROM debate_stances ds WHERE ds.tenant_id = $1 AND ds.user_id = $2 \
     UNION ALL SELECT 'debate_convincing', NULL, dc.argument_id, NULL, NULL, NULL, NULL, dc.created_at \
       FROM debate_convincing dc WHERE dc.tenant_id = $1 AND dc.user_id = $2 \
     UNION ALL SELECT 'consultation_comment', sc.id, sc.section_id, NULL, sc.body, NULL, NULL, sc.created_at \
       FROM section_comments sc WHERE sc.tenant_id = $1 AND sc.author_id = $2 \
     UNION ALL SELECT 'amendment', a.id, a.section_id, NULL, a.text, a.status, NULL, a.created_at \
       FROM amendments a WHERE a.tenant_id = $1 AND a.author_id = $2 \
     UNION ALL SELECT 'amendment_stance', NULL, asu.amendment_id, NULL, NULL, CAST(asu.stance AS TEXT), NULL, \
       asu.created_at FROM amendment_supports asu WHERE asu.tenant_id = $1 AND asu.user_id = $2 \
     UNION ALL SELECT 'statement', st.id, st.conversation_id, NULL, st.body, st.status, NULL, st.created_at \
       FROM statements st WHERE st.tenant_id = $1 AND st.author_id = $2 \
     UNION ALL SELECT 'statement_vote', NULL, sv.statement_id, NULL, NULL, CAST(sv.vote AS TEXT), NULL, sv.voted_at \
       FROM statement_votes sv WHERE sv.tenant_id = $1 AND sv.user_id = $2 \
     UNION ALL SELECT 'budget_project', bp.id, bp.budget_id, bp.title, bp.body, bp.status, NULL, bp.created_at \
       FROM budget_projects bp WHERE bp.tenant_id = $1 AND bp.author_id = $2 \
     UNION ALL SELECT 'budget_ballot', bb.id, bb.budget_id, NULL, NULL, bb.channel, NULL, bb.cast_at \
       FROM budget_ballots bb WHERE bb.tenant_id = $1 AND bb.voter_id = $2 \
     UNION ALL SELECT 'budget_mark', bm.ballot_id, bm.project_id, NULL, NULL, CAST(bm.points AS TEXT), bm.position, \
       bb.cast_at FROM budget_marks bm JOIN budget_ballots bb ON bb.tenant_id = bm.tenant_id AND bb.id = bm.ballot_id \
       WHERE bm.tenant_id = $1 AND bb.voter_id = $2 \
     UNION ALL SELECT 'contest_submission', cs.id, cs.contest_id, cs.title, cs.description, NULL, NULL, cs.created_at \
       FROM contest_submissions cs WHERE cs.tenant_id = $1 AND cs.author_id = $2 \
     UNION ALL SELECT 'contest_vote', NULL, cv.submission_id, NULL, NULL, NULL, NULL, cv.voted_at \
       FROM contest_votes cv WHERE cv.tenant_id = $1 AND cv.user_id = $2 \
     UNION ALL SELECT 'volunteer_signup', NULL, vs.task_id, NULL, NULL, NULL, NULL, vs.created_at \
       FROM volunteer_signups vs WHERE vs.tenant_id = $1 AND vs.user_id = $2 \
     UNION ALL SELECT 'comment_vote', NULL, cvo.comment_id, NULL, NULL, CAST(cvo.value AS TEXT), NULL, cvo.created_at \
       FROM comment_votes cvo WHERE cvo.tenant_id = $1 AND cvo.user_id = $2 \
     UNION ALL SELECT 'debate_stance_change', NULL, dh.debate_id, NULL, NULL, dh.stance, NULL, dh.at \
       FROM debate_stance_history dh WHERE dh.tenant_id = $1 AND dh.user_id = $2 \
     UNION ALL SELECT 'poll_draft', NULL, pd.poll_id, NULL, pd.answers_json, NULLIF(pd.district, ''), NULL, pd.updated_at \
       FROM poll_drafts pd WHERE pd.tenant_id = $1 AND pd.user_id = $2 \
     UNION ALL SELECT 'project_update', pu.id, pu.project_id, NULL, pu.body, NULL, NULL, pu.created_at \
       FROM project_updates pu WHERE pu.tenant_id = $1 AND pu.author_id = $2 \
     UNION ALL SELECT 'flag', f.id, f.item_id, f.item_type, f.text, f.reason, NULL, f.created_at \
       FROM flags f WHERE f.tenant_id = $1 AND f.user_id = $2 \
   ) c ORDER BY at, kind";

/// One thing the person did, for their activity page: `kind` is `idea`,
/// `comment`, `support`, `poll` (a poll or survey answered) or `signature`
/// (a petition signed); `item_id` the idea, poll or petition it is about,
/// `entry_id` the comment (or the item itself).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ActivityRow {
    pub kind: String,
    pub item_id: i64,
    pub entry_id: i64,
    pub title: String,
    pub at: i64,
}

/// The person's contributions, newest first, the same rows the export
/// copies (ideas, comments not deleted, supports) and the polls answered
/// and petitions signed.
const ACTIVITY: &str = "SELECT kind, item_id, entry_id, title, at FROM ( \
     SELECT 'idea' AS kind, i.id AS item_id, i.id AS entry_id, i.title AS title, i.created_at AS at \
       FROM ideas i WHERE i.tenant_id = $1 AND i.author_id = $2 \
     UNION ALL SELECT 'comment', c.idea_id, c.id, i.title, c.created_at \
       FROM comments c JOIN ideas i ON i.tenant_id = c.tenant_id AND i.id = c.idea_id \
       WHERE c.tenant_id = $1 AND c.author_id = $2 AND c.deleted_at IS NULL \
     UNION ALL SELECT 'support', s.idea_id, s.idea_id, i.title, s.created_at \
       FROM supports s JOIN ideas i ON i.tenant_id = s.tenant_id AND i.id = s.idea_id \
       WHERE s.tenant_id = $1 AND s.user_id = $2 \
     UNION ALL SELECT 'poll', r.poll_id, r.poll_id, p.title, r.submitted_at \
       FROM poll_responses r JOIN polls p ON p.tenant_id = r.tenant_id AND p.id = r.poll_id \
       WHERE r.tenant_id = $1 AND r.user_id = $2 \
     UNION ALL SELECT 'signature', g.petition_id, g.petition_id, p.title, g.signed_at \
       FROM petition_signatures g JOIN petitions p ON p.tenant_id = g.tenant_id AND p.id = g.petition_id \
       WHERE g.tenant_id = $1 AND g.user_id = $2 \
   ) AS activity ORDER BY at DESC, kind, entry_id DESC LIMIT $3 OFFSET $4";

/// Everything about one account except secrets (password and token hashes).
#[derive(Debug, Clone)]
pub struct PersonalData {
    pub sessions: Vec<SessionRow>,
    pub tokens: Vec<TokenRow>,
    pub ideas: Vec<IdeaRow>,
    pub comments: Vec<CommentRow>,
    pub supports: Vec<SupportRow>,
    /// Everything else the person wrote, signed, voted or chose.
    pub contributions: Vec<ContributionRow>,
    pub follows: Vec<crate::follows::FollowRow>,
    /// Mail modes chosen per kind of notification.
    pub notification_settings: Vec<crate::notifications::SettingRow>,
    /// The language of the person's mail, if chosen.
    pub mail_locale: Option<String>,
    /// Whether the monthly recap of the town's participation comes.
    pub monthly_recap: bool,
}

/// What happens to public contributions when an account is deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contributions {
    /// Ideas and comments stay, shown as by a deleted user.
    Keep,
    /// Ideas are deleted; comments are deleted, or blanked where others
    /// replied to them so the thread still reads.
    Remove,
}

pub struct Privacy<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> Privacy<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        Privacy { db, tenant }
    }

    pub async fn sessions(&self, user: UserId, now: Timestamp) -> Result<Vec<SessionRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, token_hash, created_at, last_seen_at, expires_at, user_agent FROM sessions \
             WHERE tenant_id = $1 AND user_id = $2 AND expires_at > $3 ORDER BY last_seen_at DESC",
        )
        .bind(self.tenant.0)
        .bind(user.0)
        .bind(now.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    pub async fn tokens(&self, user: UserId) -> Result<Vec<TokenRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, name, created_at, revoked_at, expires_at, last_used_at FROM api_tokens WHERE tenant_id = $1 AND user_id = $2 ORDER BY id DESC",
        )
        .bind(self.tenant.0)
        .bind(user.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// A page of the person's activity, newest first.
    pub async fn activity(&self, user: UserId, limit: u32, offset: u64) -> Result<Vec<ActivityRow>, StoreError> {
        Ok(sqlx::query_as(ACTIVITY)
            .bind(self.tenant.0)
            .bind(user.0)
            .bind(i64::from(limit))
            .bind(i64::try_from(offset).unwrap_or(i64::MAX))
            .fetch_all(&mut *self.db.reader().await?)
            .await?)
    }

    pub async fn export(&self, user: UserId) -> Result<PersonalData, StoreError> {
        let t = self.tenant.0;
        let mut r = self.db.reader().await?;
        let ideas = sqlx::query_as(
            "SELECT id, space_id, title, body, status, created_at FROM ideas WHERE tenant_id = $1 AND author_id = $2 ORDER BY id",
        )
        .bind(t)
        .bind(user.0)
        .fetch_all(&mut *r)
        .await?;
        let comments = sqlx::query_as(
            "SELECT id, idea_id, body, created_at FROM comments \
             WHERE tenant_id = $1 AND author_id = $2 AND deleted_at IS NULL ORDER BY id",
        )
        .bind(t)
        .bind(user.0)
        .fetch_all(&mut *r)
        .await?;
        let supports = sqlx::query_as(
            "SELECT idea_id, created_at FROM supports WHERE tenant_id = $1 AND user_id = $2 ORDER BY created_at",
        )
        .bind(t)
        .bind(user.0)
        .fetch_all(&mut *r)
        .await?;
        let contributions = sqlx::query_as(CONTRIBUTIONS)
            .bind(t)
            .bind(user.0)
            .fetch_all(&mut *r)
            .await?;
        // The connection goes back before other calls take one (in a
        // transaction they share it).
        drop(r);
        Ok(PersonalData {
            sessions: self.sessions(user, Timestamp(0)).await?,
            tokens: self.tokens(user).await?,
            ideas,
            comments,
            supports,
            contributions,
            follows: crate::follows::Follows::of(self.db, self.tenant).of_user(user).await?,
            notification_settings: crate::notifications::Notifications::of(self.db, self.tenant)
                .settings(user)
                .await?,
            mail_locale: crate::notifications::Notifications::of(self.db, self.tenant)
                .locale(user)
                .await?,
            monthly_recap: crate::notifications::Notifications::of(self.db, self.tenant)
                .recap(user)
                .await?,
        })
    }

    /// Ends one session of the account (not another account's).
    pub async fn end_session(&self, user: UserId, session_id: i64) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM sessions WHERE tenant_id = $1 AND user_id = $2 AND id = $3")
            .bind(self.tenant.0)
            .bind(user.0)
            .bind(session_id)
            .execute(&mut *self.db.writer().await?)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Ends every session of the account except the one with `keep_hash`.
    pub async fn end_other_sessions(&self, user: UserId, keep_hash: Option<&str>) -> Result<u64, StoreError> {
        Ok(sqlx::query(
            "DELETE FROM sessions WHERE tenant_id = $1 AND user_id = $2 AND ($3 IS NULL OR token_hash <> $3)",
        )
        .bind(self.tenant.0)
        .bind(user.0)
        .bind(keep_hash)
        .execute(&mut *self.db.writer().await?)
        .await?
        .rows_affected())
    }

    /// Deletes the account in one transaction. Its supports go and the
    /// ideas they counted for are counted down, so every count stays equal
    /// to the rows behind it. Sessions, tokens and e-mail links go with the
    /// account (foreign keys cascade).
    pub async fn delete_account(&self, user: UserId, contributions: Contributions) -> Result<bool, StoreError> {
        let t = self.tenant.0;
        let now = Timestamp::now().0;
        let mut tx = self.db.unit().await?;
        sqlx::query(
            "UPDATE ideas SET support_count = support_count - 1 \
             WHERE tenant_id = $1 AND id IN (SELECT idea_id FROM supports WHERE tenant_id = $1 AND user_id = $2) \
             AND id NOT IN (SELECT idea_id FROM uncounted_supports WHERE tenant_id = $1 AND user_id = $2)",
        )
        .bind(t)
        .bind(user.0)
        .execute(&mut *tx)
        .await?;
        // A support not counted yet is simply no longer to be counted.
        sqlx::query("DELETE FROM uncounted_supports WHERE tenant_id = $1 AND user_id = $2")
            .bind(t)
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM supports WHERE tenant_id = $1 AND user_id = $2")
            .bind(t)
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        // Votes in conversations go the same way, and the results are
        // marked stale so they are computed again without them.
        for sql in [
            "UPDATE statements SET vote_count = vote_count - 1 \
             WHERE tenant_id = $1 AND id IN (SELECT statement_id FROM statement_votes WHERE tenant_id = $1 AND user_id = $2)",
            "UPDATE conversations SET votes_version = votes_version + 1 \
             WHERE tenant_id = $1 AND id IN (SELECT conversation_id FROM statement_votes WHERE tenant_id = $1 AND user_id = $2)",
            "DELETE FROM statement_votes WHERE tenant_id = $1 AND user_id = $2",
            // Votes on comments: the scores drop by them, then they go.
            "UPDATE comments SET score = score - (SELECT CAST(COALESCE(SUM(v.value), 0) AS BIGINT) FROM comment_votes v \
             WHERE v.tenant_id = comments.tenant_id AND v.comment_id = comments.id AND v.user_id = $2) \
             WHERE tenant_id = $1 AND id IN (SELECT comment_id FROM comment_votes WHERE tenant_id = $1 AND user_id = $2)",
            "DELETE FROM comment_votes WHERE tenant_id = $1 AND user_id = $2",
        ] {
            sqlx::query(sql).bind(t).bind(user.0).execute(&mut *tx).await?;
        }
        match contributions {
            Contributions::Keep => {
                sqlx::query("UPDATE comments SET author_id = NULL WHERE tenant_id = $1 AND author_id = $2")
                    .bind(t)
                    .bind(user.0)
                    .execute(&mut *tx)
                    .await?;
            }
            Contributions::Remove => {
                // Comments on the person's own ideas go with those ideas;
                // the others are counted down on their ideas first.
                sqlx::query(
                    "UPDATE ideas SET comment_count = comment_count - ( \
                       SELECT COUNT(*) FROM comments c WHERE c.tenant_id = ideas.tenant_id AND c.idea_id = ideas.id \
                       AND c.author_id = $2 AND c.deleted_at IS NULL) \
                     WHERE tenant_id = $1 AND id IN (SELECT idea_id FROM comments WHERE tenant_id = $1 AND author_id = $2)",
                )
                .bind(t)
                .bind(user.0)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "UPDATE comments SET body = '', search_text = '', author_id = NULL, deleted_at = $3 \
                     WHERE tenant_id = $1 AND author_id = $2 AND EXISTS ( \
                       SELECT 1 FROM comments r WHERE r.tenant_id = comments.tenant_id AND r.parent_id = comments.id)",
                )
                .bind(t)
                .bind(user.0)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                sqlx::query("DELETE FROM comments WHERE tenant_id = $1 AND author_id = $2")
                    .bind(t)
                    .bind(user.0)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM ideas WHERE tenant_id = $1 AND author_id = $2")
                    .bind(t)
                    .bind(user.0)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        // Statements in conversations: the text stays (others voted on it)
        // unless the person asked for removal.
        let statements = match contributions {
            Contributions::Keep => "UPDATE statements SET author_id = NULL WHERE tenant_id = $1 AND author_id = $2",
            Contributions::Remove => "DELETE FROM statements WHERE tenant_id = $1 AND author_id = $2",
        };
        sqlx::query(statements).bind(t).bind(user.0).execute(&mut *tx).await?;
        // What they followed and were told goes; in others' notifications
        // they are no longer named.
        for sql in [
            "DELETE FROM follows WHERE tenant_id = $1 AND user_id = $2",
            "DELETE FROM notifications WHERE tenant_id = $1 AND user_id = $2",
            "DELETE FROM notification_settings WHERE tenant_id = $1 AND user_id = $2",
            "UPDATE notifications SET actor_id = NULL WHERE tenant_id = $1 AND actor_id = $2",
        ] {
            sqlx::query(sql).bind(t).bind(user.0).execute(&mut *tx).await?;
        }
        // Ballots in budgets still voting go with the account (its choice
        // is withdrawn, as a cancel would); ballots already counted stay,
        // re-keyed so that no later account (SQLite may reuse the id) takes
        // them over. Budget projects stay on their ballots without a name.
        for sql in [
            "UPDATE budgets SET ballot_count = ballot_count - (SELECT COUNT(*) FROM budget_ballots bb \
             WHERE bb.tenant_id = budgets.tenant_id AND bb.budget_id = budgets.id AND bb.voter_id = $2) \
             WHERE tenant_id = $1 AND phase = 'voting' \
             AND id IN (SELECT budget_id FROM budget_ballots WHERE tenant_id = $1 AND voter_id = $2)",
            "DELETE FROM budget_marks WHERE tenant_id = $1 AND ballot_id IN (SELECT bb.id FROM budget_ballots bb \
             JOIN budgets b ON b.tenant_id = bb.tenant_id AND b.id = bb.budget_id \
             WHERE bb.tenant_id = $1 AND bb.voter_id = $2 AND b.phase = 'voting')",
            "DELETE FROM budget_ballots WHERE tenant_id = $1 AND voter_id = $2 \
             AND budget_id IN (SELECT id FROM budgets WHERE tenant_id = $1 AND phase = 'voting')",
            "UPDATE budget_ballots SET voter_key = 'deleted:' || CAST(id AS TEXT), voter_id = NULL \
             WHERE tenant_id = $1 AND voter_id = $2",
            "UPDATE budget_projects SET author_id = NULL WHERE tenant_id = $1 AND author_id = $2",
            // Debates: arguments stay without a name (others replied to
            // them); convincing marks and stances go with the account.
            "UPDATE debate_arguments SET author_id = NULL WHERE tenant_id = $1 AND author_id = $2",
            "UPDATE debates SET moderator_id = NULL WHERE tenant_id = $1 AND moderator_id = $2",
            "UPDATE debates SET concluded_by = NULL WHERE tenant_id = $1 AND concluded_by = $2",
            "DELETE FROM debate_convincing WHERE tenant_id = $1 AND user_id = $2",
            "DELETE FROM debate_stances WHERE tenant_id = $1 AND user_id = $2",
            "DELETE FROM debate_stance_history WHERE tenant_id = $1 AND user_id = $2",
            // Problem reports: reports and the city's replies stay without a
            // name (the place still has the problem); voices and department
            // memberships go with the account.
            "UPDATE reports SET author_id = NULL WHERE tenant_id = $1 AND author_id = $2",
            "UPDATE report_events SET actor_id = NULL WHERE tenant_id = $1 AND actor_id = $2",
            "DELETE FROM report_voices WHERE tenant_id = $1 AND user_id = $2",
            "DELETE FROM department_members WHERE tenant_id = $1 AND user_id = $2",
        ] {
            sqlx::query(sql).bind(t).bind(user.0).execute(&mut *tx).await?;
        }
        // Contests and joint projects (issue 19): submissions and progress
        // updates stay without a name; public votes, jury seats, conflicts
        // and volunteer sign-ups go with the account (a sign-up's place is
        // freed); a juror's scores stay counted, without the juror.
        for sql in [
            "UPDATE contest_submissions SET author_id = NULL WHERE tenant_id = $1 AND author_id = $2",
            "UPDATE contests SET created_by = NULL WHERE tenant_id = $1 AND created_by = $2",
            "UPDATE contest_scores SET juror_id = NULL WHERE tenant_id = $1 AND juror_id = $2",
            "DELETE FROM contest_votes WHERE tenant_id = $1 AND user_id = $2",
            "DELETE FROM contest_jurors WHERE tenant_id = $1 AND user_id = $2",
            "DELETE FROM contest_conflicts WHERE tenant_id = $1 AND juror_id = $2",
            "UPDATE joint_projects SET created_by = NULL WHERE tenant_id = $1 AND created_by = $2",
            "UPDATE project_updates SET author_id = NULL WHERE tenant_id = $1 AND author_id = $2",
            "UPDATE volunteer_tasks SET taken = taken - 1 WHERE tenant_id = $1 AND taken > 0 AND id IN \
             (SELECT task_id FROM volunteer_signups WHERE tenant_id = $1 AND user_id = $2)",
            "DELETE FROM volunteer_signups WHERE tenant_id = $1 AND user_id = $2",
        ] {
            sqlx::query(sql).bind(t).bind(user.0).execute(&mut *tx).await?;
        }
        // Consultations: asked to, the person's comments go (replies to
        // them stay, as replies to no one) and so do the amendments the
        // city has not answered; answered ones stay in the public record,
        // as does everything when kept, without a name. Supports go while
        // the consultation is open and stay counted once it is closed.
        let consultation_sql: &[&str] = match contributions {
            Contributions::Keep => &[],
            Contributions::Remove => &[
                "UPDATE section_comments SET parent_id = NULL WHERE tenant_id = $1 AND parent_id IN \
                 (SELECT id FROM section_comments WHERE tenant_id = $1 AND author_id = $2)",
                "DELETE FROM section_comments WHERE tenant_id = $1 AND author_id = $2",
                "DELETE FROM amendments WHERE tenant_id = $1 AND author_id = $2 AND status IN ('open', 'withdrawn')",
            ],
        };
        for sql in consultation_sql.iter().chain(&[
            "UPDATE section_comments SET author_id = NULL WHERE tenant_id = $1 AND author_id = $2",
            "UPDATE amendments SET author_id = NULL WHERE tenant_id = $1 AND author_id = $2",
            "DELETE FROM amendment_supports WHERE tenant_id = $1 AND user_id = $2 AND amendment_id IN \
             (SELECT a.id FROM amendments a JOIN consultations c ON c.tenant_id = a.tenant_id \
              AND c.id = a.consultation_id WHERE a.tenant_id = $1 AND c.phase <> 'closed')",
            "UPDATE amendment_supports SET user_id = NULL WHERE tenant_id = $1 AND user_id = $2",
        ]) {
            sqlx::query(*sql).bind(t).bind(user.0).execute(&mut *tx).await?;
        }
        // Petitions: a signature on one still collecting goes with the
        // account (and from the count); once collection ended it stays
        // counted without a name. Unpublished petitions go; published ones
        // stay in the public record without their author's name.
        for sql in [
            "UPDATE petitions SET signature_count = signature_count - 1 WHERE tenant_id = $1 \
             AND status = 'collecting' AND id IN \
             (SELECT petition_id FROM petition_signatures WHERE tenant_id = $1 AND user_id = $2)",
            "DELETE FROM petition_signatures WHERE tenant_id = $1 AND user_id = $2 AND petition_id IN \
             (SELECT id FROM petitions WHERE tenant_id = $1 AND status = 'collecting')",
            "UPDATE petition_signatures SET user_id = NULL WHERE tenant_id = $1 AND user_id = $2",
            "DELETE FROM petitions WHERE tenant_id = $1 AND author_id = $2 AND status IN ('draft', 'submitted', 'refused')",
            "UPDATE petitions SET author_id = NULL WHERE tenant_id = $1 AND author_id = $2",
        ] {
            sqlx::query(sql).bind(t).bind(user.0).execute(&mut *tx).await?;
        }
        sqlx::query("UPDATE ideas SET author_id = NULL WHERE tenant_id = $1 AND author_id = $2")
            .bind(t)
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        // Poll responses go with the account; the result counters follow.
        crate::polls::untally_user(&mut tx, self.tenant, user).await?;
        let deleted = sqlx::query("DELETE FROM users WHERE tenant_id = $1 AND id = $2")
            .bind(t)
            .bind(user.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(deleted == 1)
    }
}
