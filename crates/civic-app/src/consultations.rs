//! Public consultations on a document: officials publish a draft cut into
//! sections, residents comment on a section and propose amendments while
//! comments are open, others support or oppose them, the city answers every
//! amendment (setting the final text) and publishes its synthesis.

use crate::audit::{self, Actor};
use crate::limits;
use crate::{AppError, Platform};
use civic_core::consultations::{
    Amendment, AmendmentStatus, Consultation, ConsultationPhase, DraftSection, SECTION_MAX, Section, SectionComment,
    SplitBy, check_sections, same_text, split_document,
};
use civic_core::user::StaffRoles;
use civic_core::{Invalid, Problems, Role, SpaceId, TenantId, Timestamp, UserId};
use civic_store::consultations::{Consultations, NewConsultation, Participation};

const TITLE_MAX: usize = 200;
const SUMMARY_MAX: usize = 10_000;
/// The longest document, in characters (a 60-article strategy is about 150,000).
pub const DOCUMENT_MAX: usize = 400_000;
const COMMENT_MAX: usize = 5_000;
const ANSWER_MIN: usize = 10;
const ANSWER_MAX: usize = 5_000;

/// Officials and administrators run consultations: they answer for the
/// city's document.
pub fn may_manage(role: Role) -> bool {
    role.is_among(StaffRoles::Officials)
}

fn staff_only(role: Role) -> Result<(), AppError> {
    if may_manage(role) {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "officials_only",
            "only the city's officials and administrators can do this",
        ))
    }
}

fn text(raw: &str, field: &'static str, min: usize, max: usize, what: &str) -> Result<String, Invalid> {
    let t = raw.trim();
    let n = t.chars().count();
    if (min..=max).contains(&n) {
        Ok(t.to_string())
    } else {
        Err(Invalid::new(
            field,
            "invalid_length",
            format!("{what} has {min} to {max} characters"),
        ))
    }
}

/// What staff fill in to publish a document for consultation.
#[derive(Debug, Clone, Default)]
pub struct ConsultationInput {
    pub title: String,
    pub summary: String,
    /// The document in Markdown (pasted, or converted from an upload).
    pub document: String,
    /// auto, articles, headings or paragraphs.
    pub split_by: String,
    /// `YYYY-MM-DD`, the last day comments are taken (optional).
    pub comments_end: String,
    /// Open for comments at once (otherwise it starts with information).
    pub open_now: bool,
}

fn split_of(raw: &str) -> Result<SplitBy, Invalid> {
    SplitBy::parse(raw).ok_or_else(|| {
        Invalid::new(
            "split_by",
            "invalid_split",
            "the document is cut by articles, headings or paragraphs",
        )
    })
}

/// The sections a document would be cut into (the form's preview and the
/// setting up use the same rules).
pub fn sections_of(document: &str, split_by: &str) -> Result<Vec<DraftSection>, Problems> {
    let mut p = Problems::new();
    let by = p.check(split_of(split_by));
    if document.chars().count() > DOCUMENT_MAX {
        p.push(Invalid::new(
            "document",
            "document_too_long",
            format!("the document has at most {DOCUMENT_MAX} characters"),
        ));
    }
    let Some(by) = by.filter(|_| p.is_empty()) else {
        return Err(p);
    };
    let sections = split_document(document, by);
    p.check(check_sections(&sections));
    p.into_result(|| sections)
}

/// The space a consultation is set up in: a draft or a published space that
/// has not ended (another tenant's is not found).
pub async fn setting_up_in(db: &Platform, tenant: TenantId, space: SpaceId) -> Result<(), AppError> {
    crate::spaces::preparing_any(db, tenant, space).await.map(|_| ())
}

/// Publishes a document for consultation in a space. Officials; audited.
pub async fn create(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    space: SpaceId,
    input: &ConsultationInput,
) -> Result<i64, AppError> {
    staff_only(role)?;
    setting_up_in(db, tenant, space).await?;
    let mut p = Problems::new();
    let title = p.check(text(&input.title, "title", 5, TITLE_MAX, "the title"));
    let summary = p.check(text(&input.summary, "summary", 0, SUMMARY_MAX, "the summary"));
    let comments_end = p.check(civic_core::spaces::day_end("comments_end", &input.comments_end));
    let sections = match sections_of(&input.document, &input.split_by) {
        Ok(s) => Some(s),
        Err(problems) => {
            for i in problems.iter() {
                p.push(i.clone());
            }
            None
        }
    };
    let (Some(title), Some(summary), Some(comments_end), Some(sections)) = (title, summary, comments_end, sections)
    else {
        return Err(p.into());
    };
    if !p.is_empty() {
        return Err(p.into());
    }
    let phase = if input.open_now {
        ConsultationPhase::Comments
    } else {
        ConsultationPhase::Information
    };
    let tx = db.begin().await?;
    let id = Consultations::of(&tx, tenant)
        .create(&NewConsultation {
            space,
            title: &title,
            summary: &summary,
            phase,
            comments_end,
            sections: &sections,
        })
        .await?;
    audit::record(
        &tx,
        tenant,
        actor,
        audit::action::CONSULTATION_CREATED,
        &format!("consultation {id}"),
        &title,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A consultation the viewer may see: a draft space's only for staff.
pub async fn get(db: &Platform, tenant: TenantId, id: i64, viewer: Option<Role>) -> Result<Consultation, AppError> {
    let c = Consultations::of(db, tenant).get(id).await?.ok_or(AppError::NotFound)?;
    if c.space_draft != 0 && !viewer.is_some_and(may_manage) {
        return Err(AppError::NotFound);
    }
    Ok(c)
}

/// The consultations of a space the viewer may see.
pub async fn in_space(
    db: &Platform,
    tenant: TenantId,
    space: SpaceId,
    viewer: Option<Role>,
) -> Result<Vec<Consultation>, AppError> {
    crate::spaces::listable(db, tenant, space, viewer.is_some_and(may_manage)).await?;
    Ok(Consultations::of(db, tenant).in_space(space).await?)
}

/// Consultations taking comments now (the home page asks with them).
pub async fn asking_now(db: &Platform, tenant: TenantId) -> Result<Vec<Consultation>, AppError> {
    let now = Timestamp::now();
    Ok(Consultations::of(db, tenant)
        .asking()
        .await?
        .into_iter()
        .filter(|c| c.takes_contributions(now))
        .collect())
}

pub async fn sections(db: &Platform, tenant: TenantId, c: &Consultation) -> Result<Vec<Section>, AppError> {
    Ok(Consultations::of(db, tenant).sections(c.id).await?)
}

/// A section with its consultation, if the viewer may see it.
pub async fn section(
    db: &Platform,
    tenant: TenantId,
    id: i64,
    viewer: Option<Role>,
) -> Result<(Consultation, Section), AppError> {
    let s = Consultations::of(db, tenant)
        .section(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = get(db, tenant, s.consultation_id, viewer).await?;
    Ok((c, s))
}

/// What a section's page shows besides the section.
pub struct SectionDiscussion {
    pub comments: Vec<SectionComment>,
    pub amendments: Vec<Amendment>,
    /// The viewer's stance on each amendment: (amendment, +1 | -1).
    pub my_stances: Vec<(i64, i64)>,
}

pub async fn discussion(
    db: &Platform,
    tenant: TenantId,
    section: &Section,
    viewer: Option<UserId>,
) -> Result<SectionDiscussion, AppError> {
    let store = Consultations::of(db, tenant);
    let my_stances = match viewer {
        Some(u) => store.stances_of(section.id, u).await?,
        None => Vec::new(),
    };
    Ok(SectionDiscussion {
        comments: store.comments(section.id).await?,
        amendments: store.amendments(section.id).await?,
        my_stances,
    })
}

fn closed_for_comments() -> AppError {
    AppError::conflict(
        "consultation_not_taking_comments",
        "this consultation does not take comments or amendments now",
    )
}

/// Refuses taking part unless comments are open and the space takes part.
async fn takes_part(db: &Platform, tenant: TenantId, c: &Consultation, user: UserId) -> Result<(), AppError> {
    if !c.takes_contributions(Timestamp::now()) {
        return Err(closed_for_comments());
    }
    let space = crate::spaces::open_public_space(db, tenant, SpaceId(c.space_id)).await?;
    crate::spaces::may_take_part(db, tenant, &space, user).await
}

/// A resident's comment on a section, or a reply to one of its comments.
pub async fn comment(
    db: &Platform,
    tenant: TenantId,
    author: UserId,
    section: i64,
    body: &str,
    parent: Option<i64>,
) -> Result<i64, AppError> {
    let (c, s) = self::section(db, tenant, section, None).await?;
    takes_part(db, tenant, &c, author).await?;
    let body = text(body, "body", 2, COMMENT_MAX, "a comment")?;
    let store = Consultations::of(db, tenant);
    if let Some(parent) = parent {
        let found = store.comment(parent).await?;
        if found.is_none_or(|p| p.section_id != s.id) {
            return Err(Invalid::new(
                "parent_id",
                "invalid_section_parent",
                "the reply is to a comment on this section",
            )
            .into());
        }
    }
    limits::content(db, tenant, author).await?;
    Ok(store.add_comment(&s, parent, author, &body).await?)
}

/// A resident's amendment: the section as they would write it.
pub async fn amend(
    db: &Platform,
    tenant: TenantId,
    author: UserId,
    section: i64,
    proposed: &str,
) -> Result<i64, AppError> {
    let (c, s) = self::section(db, tenant, section, None).await?;
    takes_part(db, tenant, &c, author).await?;
    let proposed = proposed.replace("\r\n", "\n");
    let proposed = text(&proposed, "text", 1, SECTION_MAX, "the amended text")?;
    if same_text(&proposed, &s.body) {
        return Err(Invalid::new(
            "text",
            "amendment_unchanged",
            "the amended text is the same as the section; change the words you would change",
        )
        .into());
    }
    limits::content(db, tenant, author).await?;
    Ok(Consultations::of(db, tenant)
        .add_amendment(&s, author, &proposed)
        .await?)
}

/// An amendment with its section and consultation, if the viewer may see it.
pub async fn amendment(
    db: &Platform,
    tenant: TenantId,
    id: i64,
    viewer: Option<Role>,
) -> Result<(Consultation, Section, Amendment), AppError> {
    let a = Consultations::of(db, tenant)
        .amendment(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (c, s) = section(db, tenant, a.section_id, viewer).await?;
    Ok((c, s, a))
}

fn not_open(a: &Amendment) -> AppError {
    if a.status == AmendmentStatus::Withdrawn {
        AppError::conflict("amendment_withdrawn", "this amendment was withdrawn by its author")
    } else {
        AppError::conflict("amendment_answered", "the city has already answered this amendment")
    }
}

/// Supports (`stance` > 0) or opposes (< 0) an open amendment; a second
/// call replaces the first. Not one's own.
pub async fn support(
    db: &Platform,
    tenant: TenantId,
    user: UserId,
    amendment: i64,
    supports: bool,
) -> Result<(), AppError> {
    let (c, _, a) = self::amendment(db, tenant, amendment, None).await?;
    if a.status != AmendmentStatus::Open {
        return Err(not_open(&a));
    }
    if a.author_id == Some(user.0) {
        return Err(AppError::conflict(
            "own_amendment",
            "you proposed this amendment; others support or oppose it",
        ));
    }
    takes_part(db, tenant, &c, user).await?;
    Consultations::of(db, tenant)
        .set_support(amendment, user, if supports { 1 } else { -1 })
        .await?;
    Ok(())
}

/// Withdraws the person's support or opposition (idempotent).
pub async fn unsupport(db: &Platform, tenant: TenantId, user: UserId, amendment: i64) -> Result<(), AppError> {
    let (c, _, a) = self::amendment(db, tenant, amendment, None).await?;
    if a.status != AmendmentStatus::Open {
        return Err(not_open(&a));
    }
    takes_part(db, tenant, &c, user).await?;
    Consultations::of(db, tenant).withdraw_support(amendment, user).await?;
    Ok(())
}

/// The author withdraws an amendment the city has not answered yet.
pub async fn withdraw(db: &Platform, tenant: TenantId, user: UserId, amendment: i64) -> Result<(), AppError> {
    let (c, _, a) = self::amendment(db, tenant, amendment, None).await?;
    if a.author_id != Some(user.0) {
        return Err(AppError::forbidden(
            "not_your_amendment",
            "only the author can withdraw an amendment",
        ));
    }
    if a.status != AmendmentStatus::Open {
        return Err(not_open(&a));
    }
    if c.phase == ConsultationPhase::Closed {
        return Err(closed_for_comments());
    }
    if !Consultations::of(db, tenant)
        .settle(amendment, AmendmentStatus::Withdrawn, None)
        .await?
    {
        return Err(AppError::conflict(
            "amendment_answered",
            "the city has already answered this amendment",
        ));
    }
    Ok(())
}

/// The city's answer to an amendment.
#[derive(Debug, Clone, Default)]
pub struct AnswerInput {
    /// accepted, accepted_in_part or rejected.
    pub status: String,
    pub reason: String,
    /// The section's final text (accepted in part); for an accepted
    /// amendment, empty means the amendment's own text.
    pub final_text: String,
}

/// Officials answer an open amendment with a public reason; an accepted
/// amendment becomes the section's final text. Audited.
pub async fn answer(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    amendment: i64,
    input: &AnswerInput,
) -> Result<(), AppError> {
    staff_only(role)?;
    let (c, s, a) = self::amendment(db, tenant, amendment, Some(role)).await?;
    if a.status != AmendmentStatus::Open {
        return Err(not_open(&a));
    }
    if !c.takes_answers() {
        return Err(AppError::conflict(
            "consultation_closed",
            "this consultation is closed; its answers can no longer change",
        ));
    }
    let mut p = Problems::new();
    let status = p.check(AmendmentStatus::parse_answer(&input.status).ok_or_else(|| {
        Invalid::new(
            "status",
            "invalid_amendment_answer",
            "the answer is accepted, accepted in part or rejected",
        )
    }));
    let reason = p.check(text(&input.reason, "reason", ANSWER_MIN, ANSWER_MAX, "the reason"));
    let final_text = p.check(text(
        &input.final_text.replace("\r\n", "\n"),
        "final_text",
        0,
        SECTION_MAX,
        "the final text",
    ));
    if status == Some(AmendmentStatus::AcceptedInPart) && final_text.as_deref() == Some("") {
        p.push(Invalid::new(
            "final_text",
            "final_text_needed",
            "an amendment accepted in part needs the section's final text",
        ));
    }
    let (Some(status), Some(reason), Some(final_text)) = (status, reason, final_text) else {
        return Err(p.into());
    };
    if !p.is_empty() {
        return Err(p.into());
    }
    let final_body = match status {
        AmendmentStatus::Accepted if final_text.is_empty() => Some(a.text.clone()),
        AmendmentStatus::Accepted | AmendmentStatus::AcceptedInPart => Some(final_text),
        _ => None,
    };
    let tx = db.begin().await?;
    let store = Consultations::of(&tx, tenant);
    if !store.settle(amendment, status, Some(&reason)).await? {
        return Err(AppError::conflict(
            "amendment_answered",
            "the city has already answered this amendment",
        ));
    }
    if let Some(body) = final_body {
        store.set_final_body(s.id, Some(&body)).await?;
    }
    audit::record(
        &tx,
        tenant,
        actor,
        audit::action::AMENDMENT_ANSWERED,
        &format!("amendment {amendment}"),
        status.as_str(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Officials set a section's final text directly (a change that comments
/// asked for); empty restores the original.
pub async fn set_final_text(
    db: &Platform,
    tenant: TenantId,
    role: Role,
    section: i64,
    final_text: &str,
) -> Result<(), AppError> {
    staff_only(role)?;
    let (c, s) = self::section(db, tenant, section, Some(role)).await?;
    if !c.takes_answers() {
        return Err(AppError::conflict(
            "consultation_closed",
            "this consultation is closed; its final text can no longer change",
        ));
    }
    let t = text(
        &final_text.replace("\r\n", "\n"),
        "final_text",
        0,
        SECTION_MAX,
        "the final text",
    )?;
    let value = (!t.is_empty() && !same_text(&t, &s.body)).then_some(t);
    Consultations::of(db, tenant)
        .set_final_body(s.id, value.as_deref())
        .await?;
    Ok(())
}

/// Officials correct a section's heading and text before anyone proposed
/// an amendment to it (amendments are read against the original).
pub async fn edit_section(
    db: &Platform,
    tenant: TenantId,
    role: Role,
    section: i64,
    heading: &str,
    body: &str,
) -> Result<(), AppError> {
    staff_only(role)?;
    let (c, s) = self::section(db, tenant, section, Some(role)).await?;
    // Comments and amendments (withdrawn ones too) were written about the
    // text as it is: once there is any, only the final text may change.
    let said = discussion(db, tenant, &s, None).await?;
    if !said.comments.is_empty() || !said.amendments.is_empty() || c.phase == ConsultationPhase::Closed {
        return Err(AppError::conflict(
            "section_has_contributions",
            "residents have already commented on this section's text or amended it; set its final text instead",
        ));
    }
    let mut p = Problems::new();
    let heading = p.check(text(heading, "heading", 0, TITLE_MAX, "the heading"));
    let body = p.check(text(
        &body.replace("\r\n", "\n"),
        "body",
        1,
        SECTION_MAX,
        "the section text",
    ));
    let (Some(heading), Some(body)) = (heading, body) else {
        return Err(p.into());
    };
    // Position and id stay; only this section's words change.
    Consultations::of(db, tenant)
        .edit_section(s.id, &heading, &body)
        .await?;
    Ok(())
}

/// What staff set when they move a consultation on.
pub struct PhaseInput<'a> {
    pub phase: &'a str,
    pub comments_end: &'a str,
    pub synthesis: &'a str,
}

/// Moves a consultation to a phase; closing it publishes the synthesis,
/// which then needs its text. Officials; audited.
pub async fn set_phase(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    id: i64,
    input: &PhaseInput<'_>,
) -> Result<(), AppError> {
    staff_only(role)?;
    let c = get(db, tenant, id, Some(role)).await?;
    let mut p = Problems::new();
    let phase = p.check(
        ConsultationPhase::parse(input.phase.trim())
            .ok_or_else(|| Invalid::new("phase", "invalid_phase", "the phase is one of the consultation's steps")),
    );
    let comments_end = p.check(civic_core::spaces::day_end("comments_end", input.comments_end));
    let synthesis = p.check(text(input.synthesis, "synthesis", 0, SUMMARY_MAX, "the synthesis"));
    if phase == Some(ConsultationPhase::Closed) && synthesis.as_deref() == Some("") {
        p.push(Invalid::new(
            "synthesis",
            "synthesis_needed",
            "closing the consultation publishes the synthesis: write what the city concluded",
        ));
    }
    let (Some(phase), Some(comments_end), Some(synthesis)) = (phase, comments_end, synthesis) else {
        return Err(p.into());
    };
    if !p.is_empty() {
        return Err(p.into());
    }
    let tx = db.begin().await?;
    Consultations::of(&tx, tenant)
        .set_phase(
            c.id,
            phase,
            comments_end,
            (!synthesis.is_empty()).then_some(synthesis.as_str()),
        )
        .await?;
    audit::record(
        &tx,
        tenant,
        actor,
        audit::action::CONSULTATION_PHASE,
        &format!("consultation {id}"),
        phase.as_str(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The synthesis report: every section with its amendments and answers,
/// and who took part.
pub struct Report {
    pub consultation: Consultation,
    pub sections: Vec<(Section, Vec<Amendment>)>,
    pub participation: Participation,
    /// Amendments still without the city's answer.
    pub unanswered: i64,
}

/// The report is public once the consultation is closed; staff see it
/// while they write it.
pub async fn report(db: &Platform, tenant: TenantId, id: i64, viewer: Option<Role>) -> Result<Report, AppError> {
    let c = get(db, tenant, id, viewer).await?;
    if c.phase != ConsultationPhase::Closed && !viewer.is_some_and(may_manage) {
        return Err(AppError::NotFound);
    }
    let store = Consultations::of(db, tenant);
    let mut amendments = store.all_amendments(c.id).await?;
    let unanswered = amendments.iter().filter(|a| a.status == AmendmentStatus::Open).count() as i64;
    let sections = store
        .sections(c.id)
        .await?
        .into_iter()
        .map(|s| {
            let (mine, rest): (Vec<Amendment>, Vec<Amendment>) = std::mem::take(&mut amendments)
                .into_iter()
                .partition(|a| a.section_id == s.id);
            amendments = rest;
            (s, mine)
        })
        .collect();
    Ok(Report {
        participation: store.participation(c.id).await?,
        consultation: c,
        sections,
        unanswered,
    })
}

/// Every comment and amendment, for the staff's CSV export.
pub async fn contributions(
    db: &Platform,
    tenant: TenantId,
    role: Role,
    id: i64,
) -> Result<(Consultation, Vec<Section>, Vec<SectionComment>, Vec<Amendment>), AppError> {
    staff_only(role)?;
    let c = get(db, tenant, id, Some(role)).await?;
    let store = Consultations::of(db, tenant);
    let sections = store.sections(c.id).await?;
    let comments = store.all_comments(c.id).await?;
    let amendments = store.all_amendments(c.id).await?;
    Ok((c, sections, comments, amendments))
}
