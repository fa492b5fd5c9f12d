//! Consultations on a document: the consultation, its numbered sections,
//! comments on a section, amendments with the city's answer, and one
//! support or opposition per person and amendment.

use crate::{Db, StoreError};
use civic_core::consultations::{
    Amendment, AmendmentStatus, Consultation, ConsultationPhase, DraftSection, Section, SectionComment,
};
use civic_core::{SpaceId, TenantId, Timestamp, UserId};

const SELECT_CONSULTATION: &str = "SELECT c.id, c.space_id, c.title, c.summary, c.phase, c.comments_end, \
     c.synthesis, c.created_at, CAST(CASE WHEN sp.status = 'draft' THEN 1 ELSE 0 END AS BIGINT) AS space_draft, \
     (SELECT COUNT(*) FROM consultation_sections s WHERE s.tenant_id = c.tenant_id AND s.consultation_id = c.id) AS section_count, \
     (SELECT COUNT(*) FROM section_comments m WHERE m.tenant_id = c.tenant_id AND m.consultation_id = c.id) AS comment_count, \
     (SELECT COUNT(*) FROM amendments a WHERE a.tenant_id = c.tenant_id AND a.consultation_id = c.id \
      AND a.status <> 'withdrawn') AS amendment_count \
     FROM consultations c JOIN spaces sp ON sp.tenant_id = c.tenant_id AND sp.id = c.space_id";

const SELECT_SECTION: &str = "SELECT s.id, s.consultation_id, s.position, s.heading, s.body, s.final_body, \
     (SELECT COUNT(*) FROM section_comments m WHERE m.tenant_id = s.tenant_id AND m.section_id = s.id) AS comment_count, \
     (SELECT COUNT(*) FROM amendments a WHERE a.tenant_id = s.tenant_id AND a.section_id = s.id \
      AND a.status <> 'withdrawn') AS amendment_count \
     FROM consultation_sections s";

const SELECT_COMMENT: &str = "SELECT m.id, m.section_id, m.parent_id, m.author_id, u.display_name AS author_name, \
     m.body, m.created_at FROM section_comments m LEFT JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.author_id";

const SELECT_AMENDMENT: &str = "SELECT a.id, a.section_id, a.author_id, u.display_name AS author_name, a.text, \
     a.status, a.answer, a.answered_at, a.created_at, \
     (SELECT COUNT(*) FROM amendment_supports x WHERE x.tenant_id = a.tenant_id AND x.amendment_id = a.id AND x.stance > 0) AS supports, \
     (SELECT COUNT(*) FROM amendment_supports x WHERE x.tenant_id = a.tenant_id AND x.amendment_id = a.id AND x.stance < 0) AS opposes \
     FROM amendments a LEFT JOIN users u ON u.tenant_id = a.tenant_id AND u.id = a.author_id";

/// A consultation to create, with its sections in document order.
pub struct NewConsultation<'a> {
    pub space: SpaceId,
    pub title: &'a str,
    pub summary: &'a str,
    pub phase: ConsultationPhase,
    pub comments_end: Option<i64>,
    pub sections: &'a [DraftSection],
}

/// Who took part and how much: the synthesis report's figures.
#[derive(Debug, Clone, Copy, Default, sqlx::FromRow)]
pub struct Participation {
    /// Distinct people who commented, proposed, supported or opposed.
    pub people: i64,
    pub commenters: i64,
    pub amendment_authors: i64,
    pub supporters: i64,
}

pub struct Consultations<'a> {
    db: &'a Db,
    tenant: TenantId,
}

impl<'a> Consultations<'a> {
    pub fn of(db: &'a Db, tenant: TenantId) -> Self {
        Consultations { db, tenant }
    }

    /// Stores the consultation and its sections at once.
    pub async fn create(&self, new: &NewConsultation<'_>) -> Result<i64, StoreError> {
        let mut tx = self.db.unit().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO consultations (tenant_id, space_id, title, summary, phase, comments_end, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(self.tenant.0)
        .bind(new.space.0)
        .bind(new.title)
        .bind(new.summary)
        .bind(new.phase)
        .bind(new.comments_end)
        .bind(Timestamp::now().0)
        .fetch_one(&mut *tx)
        .await?;
        for (i, s) in new.sections.iter().enumerate() {
            sqlx::query(
                "INSERT INTO consultation_sections (tenant_id, consultation_id, position, heading, body) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(self.tenant.0)
            .bind(id)
            .bind(i as i64 + 1)
            .bind(&s.heading)
            .bind(&s.body)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// The consultations of a space, oldest first.
    pub async fn in_space(&self, space: SpaceId) -> Result<Vec<Consultation>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_CONSULTATION} WHERE c.tenant_id = $1 AND c.space_id = $2 ORDER BY c.created_at, c.id"
        )))
        .bind(self.tenant.0)
        .bind(space.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// Consultations taking comments in the tenant's published spaces (the home page).
    pub async fn asking(&self) -> Result<Vec<Consultation>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_CONSULTATION} WHERE c.tenant_id = $1 AND c.phase = 'comments' AND sp.status = 'published' \
             ORDER BY c.id"
        )))
        .bind(self.tenant.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    pub async fn get(&self, id: i64) -> Result<Option<Consultation>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_CONSULTATION} WHERE c.tenant_id = $1 AND c.id = $2"
        )))
        .bind(self.tenant.0)
        .bind(id)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    /// Moves the consultation to a phase, with its closing date and the
    /// city's synthesis text.
    pub async fn set_phase(
        &self,
        id: i64,
        phase: ConsultationPhase,
        comments_end: Option<i64>,
        synthesis: Option<&str>,
    ) -> Result<bool, StoreError> {
        let mut conn = self.db.writer().await?;
        Ok(sqlx::query(
            "UPDATE consultations SET phase = $3, comments_end = $4, synthesis = $5 WHERE tenant_id = $1 AND id = $2",
        )
        .bind(self.tenant.0)
        .bind(id)
        .bind(phase)
        .bind(comments_end)
        .bind(synthesis)
        .execute(&mut *conn)
        .await?
        .rows_affected()
            == 1)
    }

    /// The sections of a consultation in document order.
    pub async fn sections(&self, consultation: i64) -> Result<Vec<Section>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_SECTION} WHERE s.tenant_id = $1 AND s.consultation_id = $2 ORDER BY s.position"
        )))
        .bind(self.tenant.0)
        .bind(consultation)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    pub async fn section(&self, id: i64) -> Result<Option<Section>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_SECTION} WHERE s.tenant_id = $1 AND s.id = $2"
        )))
        .bind(self.tenant.0)
        .bind(id)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    /// Sets the text a section has after the consultation (`None`: the original stays).
    pub async fn set_final_body(&self, section: i64, text: Option<&str>) -> Result<bool, StoreError> {
        let mut conn = self.db.writer().await?;
        Ok(
            sqlx::query("UPDATE consultation_sections SET final_body = $3 WHERE tenant_id = $1 AND id = $2")
                .bind(self.tenant.0)
                .bind(section)
                .bind(text)
                .execute(&mut *conn)
                .await?
                .rows_affected()
                == 1,
        )
    }

    /// Corrects a section's heading and original text.
    pub async fn edit_section(&self, section: i64, heading: &str, body: &str) -> Result<bool, StoreError> {
        let mut conn = self.db.writer().await?;
        Ok(sqlx::query(
            "UPDATE consultation_sections SET heading = $3, body = $4, final_body = NULL WHERE tenant_id = $1 AND id = $2",
        )
        .bind(self.tenant.0)
        .bind(section)
        .bind(heading)
        .bind(body)
        .execute(&mut *conn)
        .await?
        .rows_affected()
            == 1)
    }

    pub async fn add_comment(
        &self,
        section: &Section,
        parent: Option<i64>,
        author: UserId,
        body: &str,
    ) -> Result<i64, StoreError> {
        let mut conn = self.db.writer().await?;
        Ok(sqlx::query_scalar(
            "INSERT INTO section_comments (tenant_id, consultation_id, section_id, parent_id, author_id, body, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(self.tenant.0)
        .bind(section.consultation_id)
        .bind(section.id)
        .bind(parent)
        .bind(author.0)
        .bind(body)
        .bind(Timestamp::now().0)
        .fetch_one(&mut *conn)
        .await?)
    }

    pub async fn comment(&self, id: i64) -> Result<Option<SectionComment>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_COMMENT} WHERE m.tenant_id = $1 AND m.id = $2"
        )))
        .bind(self.tenant.0)
        .bind(id)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    /// The comments of a section, oldest first.
    pub async fn comments(&self, section: i64) -> Result<Vec<SectionComment>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_COMMENT} WHERE m.tenant_id = $1 AND m.section_id = $2 ORDER BY m.created_at, m.id"
        )))
        .bind(self.tenant.0)
        .bind(section)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// Every comment of a consultation, by section (the CSV export).
    pub async fn all_comments(&self, consultation: i64) -> Result<Vec<SectionComment>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_COMMENT} WHERE m.tenant_id = $1 AND m.consultation_id = $2 ORDER BY m.section_id, m.id"
        )))
        .bind(self.tenant.0)
        .bind(consultation)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    pub async fn add_amendment(&self, section: &Section, author: UserId, text: &str) -> Result<i64, StoreError> {
        let mut conn = self.db.writer().await?;
        Ok(sqlx::query_scalar(
            "INSERT INTO amendments (tenant_id, consultation_id, section_id, author_id, text, status, created_at) \
             VALUES ($1, $2, $3, $4, $5, 'open', $6) RETURNING id",
        )
        .bind(self.tenant.0)
        .bind(section.consultation_id)
        .bind(section.id)
        .bind(author.0)
        .bind(text)
        .bind(Timestamp::now().0)
        .fetch_one(&mut *conn)
        .await?)
    }

    pub async fn amendment(&self, id: i64) -> Result<Option<Amendment>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_AMENDMENT} WHERE a.tenant_id = $1 AND a.id = $2"
        )))
        .bind(self.tenant.0)
        .bind(id)
        .fetch_optional(&mut *self.db.reader().await?)
        .await?)
    }

    /// The amendments of a section, oldest first (withdrawn ones included:
    /// the page says they were withdrawn).
    pub async fn amendments(&self, section: i64) -> Result<Vec<Amendment>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_AMENDMENT} WHERE a.tenant_id = $1 AND a.section_id = $2 ORDER BY a.created_at, a.id"
        )))
        .bind(self.tenant.0)
        .bind(section)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// Every amendment of a consultation, by section (report and export).
    pub async fn all_amendments(&self, consultation: i64) -> Result<Vec<Amendment>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT_AMENDMENT} WHERE a.tenant_id = $1 AND a.consultation_id = $2 ORDER BY a.section_id, a.id"
        )))
        .bind(self.tenant.0)
        .bind(consultation)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// Moves an open amendment to a status (withdrawn or an answer). False
    /// when it was no longer open (a concurrent answer or withdrawal won).
    pub async fn settle(
        &self,
        amendment: i64,
        status: AmendmentStatus,
        answer: Option<&str>,
    ) -> Result<bool, StoreError> {
        let mut conn = self.db.writer().await?;
        let answered_at = status.is_answered().then(|| Timestamp::now().0);
        Ok(sqlx::query(
            "UPDATE amendments SET status = $3, answer = $4, answered_at = $5 \
             WHERE tenant_id = $1 AND id = $2 AND status = 'open'",
        )
        .bind(self.tenant.0)
        .bind(amendment)
        .bind(status)
        .bind(answer)
        .bind(answered_at)
        .execute(&mut *conn)
        .await?
        .rows_affected()
            == 1)
    }

    /// Sets the person's support (+1) or opposition (-1), replacing an
    /// earlier one; the unique key keeps one per person and amendment.
    pub async fn set_support(&self, amendment: i64, user: UserId, stance: i64) -> Result<(), StoreError> {
        let mut conn = self.db.writer().await?;
        sqlx::query(
            "INSERT INTO amendment_supports (tenant_id, amendment_id, user_id, stance, created_at) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (tenant_id, amendment_id, user_id) DO UPDATE SET stance = excluded.stance",
        )
        .bind(self.tenant.0)
        .bind(amendment)
        .bind(user.0)
        .bind(stance)
        .bind(Timestamp::now().0)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    pub async fn withdraw_support(&self, amendment: i64, user: UserId) -> Result<bool, StoreError> {
        let mut conn = self.db.writer().await?;
        Ok(
            sqlx::query("DELETE FROM amendment_supports WHERE tenant_id = $1 AND amendment_id = $2 AND user_id = $3")
                .bind(self.tenant.0)
                .bind(amendment)
                .bind(user.0)
                .execute(&mut *conn)
                .await?
                .rows_affected()
                == 1,
        )
    }

    /// The person's stances on the amendments of a section: (amendment, +1|-1).
    pub async fn stances_of(&self, section: i64, user: UserId) -> Result<Vec<(i64, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT x.amendment_id, x.stance FROM amendment_supports x \
             JOIN amendments a ON a.tenant_id = x.tenant_id AND a.id = x.amendment_id \
             WHERE x.tenant_id = $1 AND a.section_id = $2 AND x.user_id = $3",
        )
        .bind(self.tenant.0)
        .bind(section)
        .bind(user.0)
        .fetch_all(&mut *self.db.reader().await?)
        .await?)
    }

    /// Who took part in a consultation.
    pub async fn participation(&self, consultation: i64) -> Result<Participation, StoreError> {
        Ok(sqlx::query_as(
            "SELECT \
             (SELECT COUNT(DISTINCT who) FROM ( \
                SELECT author_id AS who FROM section_comments WHERE tenant_id = $1 AND consultation_id = $2 AND author_id IS NOT NULL \
                UNION SELECT author_id FROM amendments WHERE tenant_id = $1 AND consultation_id = $2 AND author_id IS NOT NULL \
                UNION SELECT x.user_id FROM amendment_supports x JOIN amendments a ON a.tenant_id = x.tenant_id AND a.id = x.amendment_id \
                      WHERE x.tenant_id = $1 AND a.consultation_id = $2) AS everyone) AS people, \
             (SELECT COUNT(DISTINCT author_id) FROM section_comments WHERE tenant_id = $1 AND consultation_id = $2) AS commenters, \
             (SELECT COUNT(DISTINCT author_id) FROM amendments WHERE tenant_id = $1 AND consultation_id = $2) AS amendment_authors, \
             (SELECT COUNT(DISTINCT x.user_id) FROM amendment_supports x JOIN amendments a ON a.tenant_id = x.tenant_id \
                AND a.id = x.amendment_id WHERE x.tenant_id = $1 AND a.consultation_id = $2) AS supporters",
        )
        .bind(self.tenant.0)
        .bind(consultation)
        .fetch_one(&mut *self.db.reader().await?)
        .await?)
    }
}
