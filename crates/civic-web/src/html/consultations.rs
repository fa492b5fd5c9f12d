//! `/{tenant}/consultations/{id}`: a consultation's document cut into
//! numbered sections; `/{tenant}/sections/{id}`: one section with its
//! amendments (each a word-level difference against the text, with support
//! and the city's answer) and its comments; the synthesis report; and the
//! staff forms: publish a document, move the phase, answer amendments, set
//! the final text, export every contribution as CSV.

use super::register::localised;
use super::{Layout, render};
use crate::auth::{MaybeUser, actor};
use crate::client_address::ClientAddress;
use crate::error::{WebError, path_id as id};
use crate::extract::{CsrfForm, Officials, Path as TypedPath, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use civic_app::AppError;
use civic_app::consultations::{self, AnswerInput, ConsultationInput, PhaseInput};
use civic_core::SpaceId;
use civic_core::consultations::{
    Amendment, AmendmentStatus, Change, Consultation, ConsultationPhase, Section, SplitBy, word_diff,
};
use http::{StatusCode, header};
use serde::Deserialize;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/spaces/{space}/consultations/new", get(new_form).post(create))
        .route("/{tenant}/consultations/{consultation}", get(show))
        .route("/{tenant}/consultations/{consultation}/phase", post(set_phase))
        .route("/{tenant}/consultations/{consultation}/report", get(report))
        .route(
            "/{tenant}/consultations/{consultation}/contributions.csv",
            get(contributions_csv),
        )
        .route("/{tenant}/sections/{section}", get(section))
        .route("/{tenant}/sections/{section}/comments", post(comment))
        .route("/{tenant}/sections/{section}/amendments", post(amend))
        .route("/{tenant}/sections/{section}/final-text", post(final_text))
        .route("/{tenant}/sections/{section}/edit", post(edit_section))
        .route("/{tenant}/amendments/{amendment}/support", post(support))
        .route("/{tenant}/amendments/{amendment}/withdraw", post(withdraw))
        .route("/{tenant}/amendments/{amendment}/answer", post(answer))
}

fn errors_of(shell: &Layout, e: &AppError, suffix: &str) -> Option<Vec<(String, String)>> {
    e.problems().map(|p| {
        p.iter()
            .map(|i| (format!("{}{suffix}", i.field), localised(shell, i.code, &i.message)))
            .collect()
    })
}

/// One run of a difference as a template shows it.
pub struct DiffPart {
    /// "same", "added" or "removed".
    pub kind: &'static str,
    pub text: String,
}

fn diff_parts(original: &str, changed: &str) -> Vec<DiffPart> {
    word_diff(original, changed)
        .into_iter()
        .map(|c| match c {
            Change::Same(text) => DiffPart { kind: "same", text },
            Change::Added(text) => DiffPart { kind: "added", text },
            Change::Removed(text) => DiffPart { kind: "removed", text },
        })
        .collect()
}

/// A phase as the steps list shows it.
pub struct Step {
    pub key: String,
    pub current: bool,
}

fn steps(c: &Consultation) -> Vec<Step> {
    ConsultationPhase::ALL
        .iter()
        .map(|p| Step {
            key: format!("consultation-phase-{}", p.as_str()),
            current: *p == c.phase,
        })
        .collect()
}

/// A section's title: its heading as the document gives it ("Стаття 3.
/// Зелені зони" carries its own number), "Вступна частина" for an unheaded
/// opening, else "Розділ N".
fn section_title(shell: &Layout, s: &Section) -> String {
    if !s.heading.is_empty() {
        s.heading.clone()
    } else if s.position == 1 {
        shell.i.t("consultation-preamble")
    } else {
        shell
            .i
            .with("consultation-section-number", "number", &s.position.to_string())
    }
}

/// "1 правка, 2 коментарі", leaving out what there is none of.
fn activity(shell: &Layout, amendments: i64, comments: i64) -> String {
    let mut parts = Vec::new();
    if amendments > 0 {
        parts.push(shell.i.count("consultation-amendment-count", amendments));
    }
    if comments > 0 {
        parts.push(shell.i.count("consultation-comment-count", comments));
    }
    parts.join(", ")
}

#[derive(Deserialize, Default)]
pub struct DoneQuery {
    done: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct SectionQuery {
    done: Option<String>,
    /// The page of comments, 1 (the newest threads) on.
    comments: Option<String>,
}

/// Comment threads on a page of a section: a contested article gathers
/// hundreds, too many for one page on a phone.
const THREADS_PER_PAGE: usize = 30;

/// A page number as a query or form gives it: 1 when absent or not one.
fn page_number(raw: Option<&str>) -> usize {
    raw.and_then(|r| r.trim().parse::<usize>().ok())
        .filter(|n| *n >= 1)
        .unwrap_or(1)
}

const NOTICES: [(&str, &str); 9] = [
    ("created", "consultation-notice-created"),
    ("phase", "consultation-notice-phase"),
    ("commented", "consultation-notice-commented"),
    ("amended", "consultation-notice-amended"),
    ("supported", "consultation-notice-supported"),
    ("withdrawn", "consultation-notice-withdrawn"),
    ("answered", "consultation-notice-answered"),
    ("final", "consultation-notice-final"),
    ("edited", "consultation-notice-edited"),
];

fn notice(shell: &Layout, done: Option<&str>) -> Option<String> {
    let done = done?;
    NOTICES.iter().find(|(k, _)| *k == done).map(|(_, key)| shell.i.t(key))
}

fn viewer(user: &MaybeUser) -> Option<civic_core::Role> {
    user.0.as_ref().map(|(p, _)| p.role)
}

fn csrf(user: &MaybeUser) -> String {
    user.0.as_ref().map(|(p, _)| p.csrf_token.clone()).unwrap_or_default()
}

/// A section as the document page lists it.
pub struct SectionItem {
    pub id: i64,
    pub position: i64,
    pub title: String,
    pub body_html: String,
    /// "1 правка, 2 коментарі"; empty when there is none.
    pub activity: String,
    pub changed: bool,
}

#[derive(Template)]
#[template(path = "consultation.html")]
pub struct ConsultationPage {
    shell: Layout,
    slug: String,
    c: Consultation,
    phase_key: String,
    summary_html: String,
    steps: Vec<Step>,
    comments_end: Option<String>,
    comments_end_value: String,
    takes_comments: bool,
    sections: Vec<SectionItem>,
    manages: bool,
    csrf: String,
    notice: Option<String>,
    errors: Vec<(String, String)>,
    phases: Vec<(&'static str, String)>,
    synthesis: String,
}

impl ConsultationPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }
}

async fn consultation_page(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    user: &MaybeUser,
    id: i64,
    notice: Option<String>,
    errors: Vec<(String, String)>,
) -> Result<Html<String>, WebError> {
    let t = tenant.tenant_id();
    let role = viewer(user);
    let c = consultations::get(&state.platform, t, id, role).await?;
    let closed = c.phase == ConsultationPhase::Closed;
    let sections = consultations::sections(&state.platform, t, &c)
        .await?
        .iter()
        .map(|s| SectionItem {
            id: s.id,
            position: s.position,
            title: section_title(&shell, s),
            // Once closed, the document reads in its final version.
            body_html: crate::markdown::to_safe_html(if closed { s.current_body() } else { &s.body }),
            activity: activity(&shell, s.amendment_count, s.comment_count),
            changed: s.final_body.is_some(),
        })
        .collect();
    let shell = shell
        .titled_form(c.title.clone(), !errors.is_empty(), "budget-error-prefix")
        .described(&c.summary);
    render(&ConsultationPage {
        slug: tenant.slug.clone(),
        summary_html: crate::markdown::to_safe_html(&c.summary),
        steps: steps(&c),
        comments_end: c.comments_end.map(|e| shell.i.date(e - 86_400_000)),
        comments_end_value: c.comments_end.map(civic_core::spaces::last_day).unwrap_or_default(),
        takes_comments: c.takes_contributions(civic_core::Timestamp::now()),
        sections,
        manages: role.is_some_and(consultations::may_manage),
        csrf: csrf(user),
        notice,
        errors,
        phases: ConsultationPhase::ALL
            .iter()
            .map(|p| (p.as_str(), format!("consultation-phase-{}", p.as_str())))
            .collect(),
        synthesis: c.synthesis.clone().unwrap_or_default(),
        phase_key: format!("consultation-phase-{}", c.phase.as_str()),
        c,
        shell,
    })
}

pub async fn show(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Path((_, consultation)): Path<(String, String)>,
    Query(query): Query<DoneQuery>,
) -> Result<Html<String>, WebError> {
    let notice = notice(&shell, query.done.as_deref());
    let consultation = id(&consultation)?;
    if user.0.is_some() || notice.is_some() {
        return consultation_page(&state, &tenant, shell, &user, consultation, notice, Vec::new()).await;
    }
    // A long document reads the same for every signed-out visitor.
    crate::page_cache::page_for_visitors(&state, "consultation", &tenant, consultation, "", shell, |shell| {
        consultation_page(&state, &tenant, shell, &user, consultation, None, Vec::new())
    })
    .await
}

/// An amendment as the section page shows it.
pub struct AmendmentItem {
    pub id: i64,
    pub author: String,
    pub date: String,
    pub status: &'static str,
    pub status_key: String,
    pub diff: Vec<DiffPart>,
    pub supports: i64,
    pub opposes: i64,
    pub answer: Option<String>,
    pub open: bool,
    pub mine: bool,
    /// The viewer's stance: 1 supports, -1 opposes, 0 neither.
    pub my_stance: i64,
    /// The ids of its answer form's fields (several forms share a page).
    pub status_field: String,
    pub reason_field: String,
    pub final_field: String,
}

/// A comment with its replies (one level, as on ideas' pages at 320 px).
pub struct CommentItem {
    pub id: i64,
    pub author: String,
    pub date: String,
    pub body_html: String,
    pub replies: Vec<CommentItem>,
    /// The id of its reply form's text field.
    pub body_field: String,
}

#[derive(Template)]
#[template(path = "consultation_section.html")]
pub struct SectionPage {
    shell: Layout,
    slug: String,
    c: Consultation,
    phase_key: String,
    s: Section,
    title: String,
    body_html: String,
    final_diff: Vec<DiffPart>,
    previous: Option<(i64, String)>,
    next: Option<(i64, String)>,
    amendments: Vec<AmendmentItem>,
    comments: Vec<CommentItem>,
    /// This page of comment threads, and how many there are.
    comments_page: usize,
    comment_pages: usize,
    /// "Сторінка 2 з 10".
    comment_page_label: String,
    takes_comments: bool,
    takes_answers: bool,
    manages: bool,
    /// Signed in and admitted by the space: the forms are offered.
    may_write: bool,
    /// Whether the space admits the viewer (false: only verified residents
    /// take part, and the viewer is not one).
    admitted: bool,
    csrf: String,
    notice: Option<String>,
    errors: Vec<(String, String)>,
    /// What the visitor typed, kept when the form is refused: (field, value).
    draft: Vec<(String, String)>,
    answers: Vec<(&'static str, String)>,
}

impl SectionPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }

    fn draft_of(&self, field: &str) -> Option<&str> {
        self.draft.iter().find(|(f, _)| f == field).map(|(_, v)| v.as_str())
    }

    /// The amendment form starts from the section's text.
    fn amendment_text(&self) -> &str {
        self.draft_of("text").unwrap_or(&self.s.body)
    }

    fn final_text(&self) -> &str {
        self.draft_of("final_text")
            .unwrap_or_else(|| self.s.final_body.as_deref().unwrap_or_default())
    }
}

struct Refused {
    errors: Vec<(String, String)>,
    draft: Vec<(String, String)>,
}

/// Which page of a section: its id and the page of comments.
#[derive(Clone, Copy)]
struct SectionAt {
    section: i64,
    comments_page: usize,
}

impl From<i64> for SectionAt {
    /// A section's first page.
    fn from(section: i64) -> Self {
        SectionAt {
            section,
            comments_page: 1,
        }
    }
}

fn author_name(shell: &Layout, name: &Option<String>) -> String {
    name.clone().unwrap_or_else(|| shell.i.t("consultation-author-gone"))
}

fn amendment_item(
    shell: &Layout,
    s: &Section,
    a: &Amendment,
    me: Option<i64>,
    stances: &[(i64, i64)],
) -> AmendmentItem {
    AmendmentItem {
        id: a.id,
        author: author_name(shell, &a.author_name),
        date: shell.i.date(a.created_at),
        status: a.status.as_str(),
        status_key: format!("amendment-status-{}", a.status.as_str()),
        diff: diff_parts(&s.body, &a.text),
        supports: a.supports,
        opposes: a.opposes,
        answer: a.answer.clone(),
        open: a.status == AmendmentStatus::Open,
        mine: me.is_some() && a.author_id == me,
        my_stance: stances.iter().find(|(id, _)| *id == a.id).map_or(0, |(_, v)| *v),
        status_field: format!("status-{}", a.id),
        reason_field: format!("reason-{}", a.id),
        final_field: format!("final_text-{}", a.id),
    }
}

async fn section_page(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    user: &MaybeUser,
    at: SectionAt,
    notice: Option<String>,
    refused: Option<Refused>,
) -> Result<Html<String>, WebError> {
    let SectionAt { section, comments_page } = at;
    let t = tenant.tenant_id();
    let principal = user.0.as_ref().map(|(p, _)| p);
    let role = principal.map(|p| p.role);
    let (c, s) = consultations::section(&state.platform, t, section, role).await?;
    let all = consultations::sections(&state.platform, t, &c).await?;
    let d = consultations::discussion(&state.platform, t, &s, principal.map(|p| p.user_id)).await?;
    let admitted =
        civic_app::spaces::admits_in(&state.platform, t, SpaceId(c.space_id), principal.map(|p| p.user_id)).await?;
    let me = principal.map(|p| p.user_id.0);
    let neighbour = |position: i64| {
        all.iter()
            .find(|x| x.position == position)
            .map(|x| (x.id, section_title(&shell, x)))
    };
    let (previous, next) = (neighbour(s.position - 1), neighbour(s.position + 1));
    let amendments = d
        .amendments
        .iter()
        .map(|a| amendment_item(&shell, &s, a, me, &d.my_stances))
        .collect();
    let comment_item = |m: &civic_core::consultations::SectionComment| CommentItem {
        id: m.id,
        author: author_name(&shell, &m.author_name),
        date: shell.i.date(m.created_at),
        body_html: crate::markdown::to_safe_html(&m.body),
        replies: Vec::new(),
        body_field: format!("body-{}", m.id),
    };
    let mut comments: Vec<CommentItem> = d
        .comments
        .iter()
        .filter(|m| m.parent_id.is_none())
        .map(comment_item)
        .collect();
    for reply in d.comments.iter().filter(|m| m.parent_id.is_some()) {
        // A reply to a reply is shown under the comment that began the thread.
        let mut root = reply.parent_id;
        while let Some(p) = root.and_then(|r| d.comments.iter().find(|m| m.id == r)) {
            match p.parent_id {
                Some(up) => root = Some(up),
                None => break,
            }
        }
        if let Some(thread) = comments.iter_mut().find(|c| Some(c.id) == root) {
            thread.replies.push(comment_item(reply));
        }
    }
    // The newest threads first (replies stay in their order), a page at a time.
    comments.reverse();
    let comment_pages = comments.len().div_ceil(THREADS_PER_PAGE).max(1);
    let comments_page = comments_page.min(comment_pages);
    let comments: Vec<CommentItem> = comments
        .into_iter()
        .skip((comments_page - 1) * THREADS_PER_PAGE)
        .take(THREADS_PER_PAGE)
        .collect();
    let title = section_title(&shell, &s);
    let (errors, draft) = refused.map(|r| (r.errors, r.draft)).unwrap_or_default();
    let refused = !errors.is_empty();
    let shell = shell.titled_form(title.clone(), refused, "budget-error-prefix");
    render(&SectionPage {
        slug: tenant.slug.clone(),
        title,
        body_html: crate::markdown::to_safe_html(&s.body),
        final_diff: s
            .final_body
            .as_deref()
            .map(|f| diff_parts(&s.body, f))
            .unwrap_or_default(),
        previous,
        next,
        amendments,
        comments,
        comments_page,
        comment_pages,
        comment_page_label: {
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("page", comments_page.to_string());
            args.set("pages", comment_pages.to_string());
            shell.i.with_args("consultation-comment-page", &args)
        },
        takes_comments: c.takes_contributions(civic_core::Timestamp::now()),
        takes_answers: c.takes_answers(),
        manages: role.is_some_and(consultations::may_manage),
        may_write: principal.is_some() && admitted,
        admitted,
        csrf: csrf(user),
        notice,
        errors,
        draft,
        answers: AmendmentStatus::ANSWERS
            .iter()
            .map(|a| (a.as_str(), format!("amendment-status-{}", a.as_str())))
            .collect(),
        phase_key: format!("consultation-phase-{}", c.phase.as_str()),
        c,
        s,
        shell,
    })
}

pub async fn section(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Path((_, section)): Path<(String, String)>,
    Query(query): Query<SectionQuery>,
) -> Result<Html<String>, WebError> {
    let notice = notice(&shell, query.done.as_deref());
    let at = SectionAt {
        section: id(&section)?,
        comments_page: page_number(query.comments.as_deref()),
    };
    let section = at.section;
    if user.0.is_some() || notice.is_some() {
        return section_page(&state, &tenant, shell, &user, at, notice, None).await;
    }
    let page = at.comments_page.to_string();
    crate::page_cache::page_for_visitors(
        &state,
        "consultation-section",
        &tenant,
        section,
        &page,
        shell,
        |shell| section_page(&state, &tenant, shell, &user, at, None, None),
    )
    .await
}

fn to_section(slug: &str, section: i64, done: &str, anchor: &str) -> Response {
    Redirect::to(&format!("/{slug}/sections/{section}?done={done}#{anchor}")).into_response()
}

/// Back to the page of comments the reply was written on.
fn to_comments_page(slug: &str, at: SectionAt, anchor: &str) -> Response {
    let SectionAt { section, comments_page } = at;
    Redirect::to(&format!(
        "/{slug}/sections/{section}?done=commented&comments={comments_page}#{anchor}"
    ))
    .into_response()
}

/// Answers a refused section form with the page again (422), each problem
/// next to its field and the typed text kept; other errors as they are.
#[allow(clippy::too_many_arguments)]
async fn refuse_on_section(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    user: &MaybeUser,
    at: impl Into<SectionAt>,
    e: AppError,
    suffix: &str,
    draft: Vec<(String, String)>,
) -> Result<Response, WebError> {
    match errors_of(&shell, &e, suffix) {
        Some(errors) => {
            let html = section_page(
                state,
                tenant,
                shell,
                user,
                at.into(),
                None,
                Some(Refused { errors, draft }),
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
        None => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    parent_id: Option<String>,
    /// The page of comments the form was on (a reply returns to it).
    #[serde(default)]
    page: Option<String>,
}

pub async fn comment(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Path((_, section)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<CommentForm>,
) -> Result<Response, WebError> {
    let section = id(&section)?;
    // A new comment starts a thread on the first page; a reply stays on its own.
    let at = SectionAt {
        section,
        comments_page: page_number(f.page.as_deref()),
    };
    let Some((principal, _)) = user.0.as_ref() else {
        return Err(WebError::Unauthorized);
    };
    let parent = match f.parent_id.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(raw) => Some(id(raw)?),
        None => None,
    };
    let body: String = f.body.chars().take(6_000).collect();
    match consultations::comment(
        &state.platform,
        tenant.tenant_id(),
        principal.user_id,
        section,
        &body,
        parent,
    )
    .await
    {
        Ok(cid) => Ok(to_comments_page(&tenant.slug, at, &format!("comment-{cid}"))),
        Err(e) => {
            let suffix = parent.map(|p| format!("-{p}")).unwrap_or_default();
            let draft = vec![(format!("body{suffix}"), body)];
            refuse_on_section(&state, &tenant, shell, &user, at, e, &suffix, draft).await
        }
    }
}

#[derive(Deserialize)]
pub struct AmendmentForm {
    #[serde(default)]
    text: String,
}

pub async fn amend(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Path((_, section)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<AmendmentForm>,
) -> Result<Response, WebError> {
    let section = id(&section)?;
    let Some((principal, _)) = user.0.as_ref() else {
        return Err(WebError::Unauthorized);
    };
    let text: String = f
        .text
        .chars()
        .take(civic_core::consultations::SECTION_MAX + 1_000)
        .collect();
    match consultations::amend(&state.platform, tenant.tenant_id(), principal.user_id, section, &text).await {
        Ok(aid) => Ok(to_section(
            &tenant.slug,
            section,
            "amended",
            &format!("amendment-{aid}"),
        )),
        Err(e) => {
            let draft = vec![("text".to_string(), text)];
            refuse_on_section(&state, &tenant, shell, &user, section, e, "", draft).await
        }
    }
}

#[derive(Deserialize)]
pub struct SupportForm {
    /// support, oppose or withdraw.
    #[serde(default)]
    stance: String,
}

pub async fn support(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, amendment)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<SupportForm>,
) -> Result<Response, WebError> {
    let amendment = id(&amendment)?;
    let Some((principal, _)) = user.0.as_ref() else {
        return Err(WebError::Unauthorized);
    };
    let t = tenant.tenant_id();
    let (_, s, _) = consultations::amendment(&state.platform, t, amendment, Some(principal.role)).await?;
    match f.stance.trim() {
        "support" => consultations::support(&state.platform, t, principal.user_id, amendment, true).await?,
        "oppose" => consultations::support(&state.platform, t, principal.user_id, amendment, false).await?,
        "withdraw" => consultations::unsupport(&state.platform, t, principal.user_id, amendment).await?,
        _ => {
            return Err(civic_core::Invalid::new(
                "stance",
                "invalid_amendment_stance",
                "the stance is support or oppose",
            )
            .into());
        }
    }
    Ok(to_section(
        &tenant.slug,
        s.id,
        "supported",
        &format!("amendment-{amendment}"),
    ))
}

pub async fn withdraw(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, amendment)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let amendment = id(&amendment)?;
    let Some((principal, _)) = user.0.as_ref() else {
        return Err(WebError::Unauthorized);
    };
    let t = tenant.tenant_id();
    let (_, s, _) = consultations::amendment(&state.platform, t, amendment, Some(principal.role)).await?;
    consultations::withdraw(&state.platform, t, principal.user_id, amendment).await?;
    Ok(to_section(
        &tenant.slug,
        s.id,
        "withdrawn",
        &format!("amendment-{amendment}"),
    ))
}

#[derive(Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    final_text: String,
}

// An axum handler: one argument per extractor.
#[allow(clippy::too_many_arguments)]
pub async fn answer(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, amendment)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<AnswerForm>,
) -> Result<Response, WebError> {
    let amendment = id(&amendment)?;
    let t = tenant.tenant_id();
    let (_, s, _) = consultations::amendment(&state.platform, t, amendment, Some(principal.role)).await?;
    let cut = |v: &str, n: usize| v.chars().take(n).collect::<String>();
    let input = AnswerInput {
        status: cut(&f.status, 30),
        reason: cut(&f.reason, 6_000),
        final_text: cut(&f.final_text, civic_core::consultations::SECTION_MAX + 1_000),
    };
    match consultations::answer(
        &state.platform,
        t,
        &actor(&principal, &address),
        principal.role,
        amendment,
        &input,
    )
    .await
    {
        Ok(()) => Ok(to_section(
            &tenant.slug,
            s.id,
            "answered",
            &format!("amendment-{amendment}"),
        )),
        Err(e) => {
            let suffix = format!("-{amendment}");
            let draft = vec![
                (format!("status{suffix}"), input.status),
                (format!("reason{suffix}"), input.reason),
                (format!("final_text{suffix}"), input.final_text),
            ];
            refuse_on_section(&state, &tenant, shell, &user, s.id, e, &suffix, draft).await
        }
    }
}

#[derive(Deserialize)]
pub struct FinalTextForm {
    #[serde(default)]
    final_text: String,
}

pub async fn final_text(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Staff(principal, _): Staff<Officials>,
    Path((_, section)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<FinalTextForm>,
) -> Result<Response, WebError> {
    let section = id(&section)?;
    let text: String = f
        .final_text
        .chars()
        .take(civic_core::consultations::SECTION_MAX + 1_000)
        .collect();
    match consultations::set_final_text(&state.platform, tenant.tenant_id(), principal.role, section, &text).await {
        Ok(()) => Ok(to_section(&tenant.slug, section, "final", "final-text")),
        Err(e) => {
            let draft = vec![("final_text".to_string(), text)];
            refuse_on_section(&state, &tenant, shell, &user, section, e, "", draft).await
        }
    }
}

#[derive(Deserialize)]
pub struct EditSectionForm {
    #[serde(default)]
    heading: String,
    #[serde(default)]
    body: String,
}

pub async fn edit_section(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Staff(principal, _): Staff<Officials>,
    Path((_, section)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<EditSectionForm>,
) -> Result<Response, WebError> {
    let section = id(&section)?;
    let heading: String = f.heading.chars().take(300).collect();
    let body: String = f
        .body
        .chars()
        .take(civic_core::consultations::SECTION_MAX + 1_000)
        .collect();
    match consultations::edit_section(
        &state.platform,
        tenant.tenant_id(),
        principal.role,
        section,
        &heading,
        &body,
    )
    .await
    {
        Ok(()) => Ok(to_section(&tenant.slug, section, "edited", "main")),
        Err(e) => {
            let draft = vec![("edit-heading".to_string(), heading), ("edit-body".to_string(), body)];
            match errors_of(&shell, &e, "") {
                Some(errors) => {
                    let errors = errors.into_iter().map(|(f, m)| (format!("edit-{f}"), m)).collect();
                    let refused = Some(Refused { errors, draft });
                    let html = section_page(&state, &tenant, shell, &user, section.into(), None, refused).await?;
                    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
                }
                None => Err(e.into()),
            }
        }
    }
}

#[derive(Template)]
#[template(path = "consultation_form.html")]
pub struct ConsultationFormPage {
    shell: Layout,
    slug: String,
    space_id: SpaceId,
    csrf: String,
    form: ConsultationInput,
    splits: Vec<(&'static str, String)>,
    errors: Vec<(String, String)>,
}

impl ConsultationFormPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }
}

fn consultation_form(
    shell: Layout,
    slug: &str,
    space: SpaceId,
    csrf: &str,
    form: ConsultationInput,
    errors: Vec<(String, String)>,
) -> Result<Html<String>, WebError> {
    let title = shell.i.t("consultation-new-title");
    let shell = shell.titled(title);
    render(&ConsultationFormPage {
        slug: slug.to_string(),
        space_id: space,
        csrf: csrf.to_string(),
        form,
        splits: SplitBy::ALL
            .iter()
            .map(|s| (s.as_str(), format!("consultation-split-{}", s.as_str())))
            .collect(),
        errors,
        shell,
    })
}

pub async fn new_form(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
    TypedPath((_, space)): TypedPath<(String, SpaceId)>,
) -> Result<Html<String>, WebError> {
    consultations::setting_up_in(&state.platform, tenant.tenant_id(), space).await?;
    let form = ConsultationInput {
        split_by: "auto".into(),
        open_now: true,
        ..ConsultationInput::default()
    };
    consultation_form(shell, &tenant.slug, space, &principal.csrf_token, form, Vec::new())
}

#[derive(Deserialize)]
pub struct NewConsultationForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    document: String,
    #[serde(default)]
    split_by: String,
    #[serde(default)]
    comments_end: String,
    #[serde(default)]
    open_now: Option<String>,
}

pub async fn create(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    TypedPath((_, space)): TypedPath<(String, SpaceId)>,
    CsrfForm(f): CsrfForm<NewConsultationForm>,
) -> Result<Response, WebError> {
    let cut = |s: &str, n: usize| s.chars().take(n).collect::<String>();
    let input = ConsultationInput {
        title: cut(&f.title, 300),
        summary: cut(&f.summary, 12_000),
        document: cut(&f.document, consultations::DOCUMENT_MAX + 1_000),
        split_by: cut(&f.split_by, 20),
        comments_end: cut(&f.comments_end, 12),
        open_now: f.open_now.is_some(),
    };
    match consultations::create(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        space,
        &input,
    )
    .await
    {
        Ok(id) => Ok(Redirect::to(&format!("/{}/consultations/{id}?done=created", tenant.slug)).into_response()),
        Err(e) => match errors_of(&shell, &e, "") {
            Some(errors) => {
                let html = consultation_form(shell, &tenant.slug, space, &principal.csrf_token, input, errors)?;
                Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
            }
            None => Err(e.into()),
        },
    }
}

#[derive(Deserialize)]
pub struct PhaseForm {
    #[serde(default)]
    phase: String,
    #[serde(default)]
    comments_end: String,
    #[serde(default)]
    synthesis: String,
}

// An axum handler: one argument per extractor.
#[allow(clippy::too_many_arguments)]
pub async fn set_phase(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, consultation)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<PhaseForm>,
) -> Result<Response, WebError> {
    let consultation = id(&consultation)?;
    let synthesis: String = f.synthesis.chars().take(12_000).collect();
    match consultations::set_phase(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        consultation,
        &PhaseInput {
            phase: &f.phase.chars().take(20).collect::<String>(),
            comments_end: &f.comments_end.chars().take(12).collect::<String>(),
            synthesis: &synthesis,
        },
    )
    .await
    {
        Ok(()) => Ok(Redirect::to(&format!(
            "/{}/consultations/{consultation}?done=phase#manage",
            tenant.slug
        ))
        .into_response()),
        Err(e) => match errors_of(&shell, &e, "") {
            Some(errors) => {
                let html = consultation_page(&state, &tenant, shell, &user, consultation, None, errors).await?;
                Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
            }
            None => Err(e.into()),
        },
    }
}

/// A section of the synthesis report.
pub struct ReportSection {
    pub id: i64,
    pub title: String,
    pub comment_count: i64,
    pub amendments: Vec<AmendmentItem>,
    pub changed: bool,
    pub amendment_count: i64,
    pub final_diff: Vec<DiffPart>,
}

#[derive(Template)]
#[template(path = "consultation_report.html")]
pub struct ReportPage {
    shell: Layout,
    slug: String,
    c: Consultation,
    synthesis_html: String,
    people: i64,
    commenters: i64,
    amendment_authors: i64,
    supporters: i64,
    unanswered: i64,
    answered: Vec<(String, i64)>,
    sections: Vec<ReportSection>,
    manages: bool,
}

pub async fn report(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Path((_, consultation)): Path<(String, String)>,
) -> Result<Html<String>, WebError> {
    let role = viewer(&user);
    let r = consultations::report(&state.platform, tenant.tenant_id(), id(&consultation)?, role).await?;
    let mut tally = [0i64; 3];
    let sections = r
        .sections
        .iter()
        .map(|(s, amendments)| {
            for a in amendments {
                if let Some(i) = AmendmentStatus::ANSWERS.iter().position(|x| *x == a.status) {
                    tally[i] += 1;
                }
            }
            let amendment_count = amendments
                .iter()
                .filter(|a| a.status != AmendmentStatus::Withdrawn)
                .count() as i64;
            ReportSection {
                amendment_count,
                id: s.id,
                title: section_title(&shell, s),
                comment_count: s.comment_count,
                amendments: amendments
                    .iter()
                    .filter(|a| a.status != AmendmentStatus::Withdrawn)
                    .map(|a| amendment_item(&shell, s, a, None, &[]))
                    .collect(),
                changed: s.final_body.is_some(),
                final_diff: diff_parts(&s.body, s.current_body()),
            }
        })
        .collect();
    let answered = AmendmentStatus::ANSWERS
        .iter()
        .zip(tally)
        .map(|(a, n)| (format!("amendment-status-{}", a.as_str()), n))
        .collect();
    let title = shell
        .i
        .with("consultation-report-title", "title", &r.consultation.title);
    let shell = shell.titled(title);
    render(&ReportPage {
        slug: tenant.slug.clone(),
        synthesis_html: crate::markdown::to_safe_html(r.consultation.synthesis.as_deref().unwrap_or_default()),
        people: r.participation.people,
        commenters: r.participation.commenters,
        amendment_authors: r.participation.amendment_authors,
        supporters: r.participation.supporters,
        unanswered: r.unanswered,
        answered,
        sections,
        manages: role.is_some_and(consultations::may_manage),
        c: r.consultation,
        shell,
    })
}

/// Every comment and amendment of a consultation, one per line, for the
/// city's own analysis (staff only).
pub async fn contributions_csv(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    Path((_, consultation)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let (c, sections, comments, amendments) =
        consultations::contributions(&state.platform, tenant.tenant_id(), principal.role, id(&consultation)?).await?;
    let number = |section: i64| sections.iter().find(|s| s.id == section).map_or(0, |s| s.position);
    let field = super::spaces::csv_field;
    let mut bytes = String::from("kind,id,section,parent_id,author,created_at,text,status,supports,opposes,answer\r\n");
    for m in &comments {
        let row = [
            "comment".to_string(),
            m.id.to_string(),
            number(m.section_id).to_string(),
            m.parent_id.map(|p| p.to_string()).unwrap_or_default(),
            field(m.author_name.as_deref().unwrap_or_default()),
            civic_core::Timestamp(m.created_at).iso_date(),
            field(&m.body),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ];
        bytes.push_str(&row.join(","));
        bytes.push_str("\r\n");
    }
    for a in &amendments {
        let row = [
            "amendment".to_string(),
            a.id.to_string(),
            number(a.section_id).to_string(),
            String::new(),
            field(a.author_name.as_deref().unwrap_or_default()),
            civic_core::Timestamp(a.created_at).iso_date(),
            field(&a.text),
            a.status.as_str().to_string(),
            a.supports.to_string(),
            a.opposes.to_string(),
            field(a.answer.as_deref().unwrap_or_default()),
        ];
        bytes.push_str(&row.join(","));
        bytes.push_str("\r\n");
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"consultation-{}-contributions.csv\"", c.id),
            ),
        ],
        bytes,
    )
        .into_response())
}
