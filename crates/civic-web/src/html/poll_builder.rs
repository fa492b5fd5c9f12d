//! Staff build polls in the browser with JavaScript off: a form with a
//! fixed number of question slots ("add more questions" shows more), saved
//! as a draft, previewed as residents will see it, then published. Once
//! people have answered, the questions are shown read-only and only the
//! title, introduction, dates and settings change; "duplicate" copies the
//! poll as a new draft.

use super::{Layout, render};
use crate::auth::{CurrentUser, actor, require_csrf};
use crate::client_address::ClientAddress;
use crate::error::{WebError, path_id as id};
use crate::extract::{Officials, Path as TypedPath, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use civic_app::AppError;
use civic_app::polls::{self, NewPollInput};
use civic_core::polls::Poll as PollRecord;
use civic_core::polls::{ConditionInput, Kind, Question, QuestionInput, date_of, parse_date};
use civic_core::user::Principal;
use civic_core::{Role, SpaceId};
use http::StatusCode;
use std::collections::BTreeMap;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/spaces/{space}/polls/new", get(new_form).post(create))
        .route("/{tenant}/polls/{poll}/edit", get(edit_form).post(edit_submit))
        .route("/{tenant}/polls/{poll}/publish", post(publish))
        .route("/{tenant}/polls/{poll}/duplicate", post(duplicate))
}

/// The questions the slots hold, and for each the slot it came from.
type SlotQuestions = (Vec<QuestionInput>, Vec<usize>);
/// A slot's number and what is wrong with it (a message key).
type SlotMistake = (usize, &'static str);

const DAY: i64 = 86_400_000;
/// Blank slots a new poll starts with, and how many "add more" adds.
const SLOTS: usize = 5;

/// One question slot as the form holds it: every field as typed.
#[derive(Default, Clone)]
pub struct Slot {
    pub n: usize,
    pub kind: String,
    pub text: String,
    pub required: bool,
    pub page: String,
    pub options: String,
    pub other: bool,
    pub rows: String,
    pub min_sel: String,
    pub max_sel: String,
    pub scale_min: String,
    pub scale_max: String,
    pub min_label: String,
    pub max_label: String,
    pub min: String,
    pub max: String,
    pub min_date: String,
    pub max_date: String,
    pub if_question: String,
    pub if_negate: bool,
    pub if_option: String,
}

impl Slot {
    fn is_blank(&self) -> bool {
        self.text.trim().is_empty() && self.options.trim().is_empty() && self.rows.trim().is_empty()
    }

    /// The slot filled from a stored question (slot `n`, 1-based).
    fn of(n: usize, q: &Question) -> Slot {
        let num = |v: Option<f64>| v.map(polls::format_number).unwrap_or_default();
        let int = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
        Slot {
            n,
            kind: q.kind.as_str().to_string(),
            text: q.text.clone(),
            required: q.required,
            page: q.page.to_string(),
            options: q.options.join("\n"),
            other: q.other,
            rows: q.rows.join("\n"),
            min_sel: int(q.min_selections),
            max_sel: int(q.max_selections),
            scale_min: int(q.scale_min),
            scale_max: int(q.scale_max),
            min_label: q.min_label.clone().unwrap_or_default(),
            max_label: q.max_label.clone().unwrap_or_default(),
            min: num(q.min),
            max: num(q.max),
            min_date: q.min_date.clone().unwrap_or_default(),
            max_date: q.max_date.clone().unwrap_or_default(),
            if_question: q.show_if.map(|c| c.question_id.to_string()).unwrap_or_default(),
            if_negate: q.show_if.is_some_and(|c| c.negate),
            if_option: q.show_if.map(|c| (c.option + 1).to_string()).unwrap_or_default(),
        }
    }
}

/// The whole form as typed.
#[derive(Default)]
pub struct Draft {
    pub title: String,
    pub intro: String,
    pub opens: String,
    pub closes: String,
    pub visibility: String,
    pub allow_changes: bool,
    pub anonymous: bool,
    pub eligibility: String,
    pub districts: Vec<String>,
    pub slots: Vec<Slot>,
}

fn date_field(ms: Option<i64>, end_of_day: bool) -> String {
    ms.map(|m| date_of((m - if end_of_day { DAY } else { 0 }).div_euclid(DAY)))
        .unwrap_or_default()
}

impl Draft {
    fn blank() -> Draft {
        Draft {
            visibility: "live".into(),
            anonymous: true,
            eligibility: "signed_in".into(),
            slots: (1..=SLOTS).map(|n| Slot { n, ..Slot::default() }).collect(),
            ..Draft::default()
        }
    }

    fn of(p: &PollRecord, questions: &[Question]) -> Draft {
        let mut slots: Vec<Slot> = questions.iter().enumerate().map(|(i, q)| Slot::of(i + 1, q)).collect();
        let start = slots.len();
        slots.extend((start + 1..=start + 2).map(|n| Slot { n, ..Slot::default() }));
        Draft {
            title: p.title.clone(),
            intro: p.intro.clone(),
            opens: date_field(p.opens_at, false),
            closes: date_field(p.closes_at, true),
            visibility: p.results_visibility.clone(),
            allow_changes: p.allow_changes == 1,
            anonymous: p.anonymous == 1,
            eligibility: p.eligibility.clone(),
            districts: p.district_list(),
            slots,
        }
    }

    /// Reads the posted fields: `qN-field` for slot N.
    fn parse(fields: &[(String, String)]) -> (String, String, Draft) {
        let mut d = Draft::default();
        let (mut csrf, mut action) = (String::new(), String::new());
        let mut slots: BTreeMap<usize, Slot> = BTreeMap::new();
        let mut count = 0;
        for (k, v) in fields {
            match k.as_str() {
                "csrf" => csrf = v.clone(),
                "action" => action = v.clone(),
                "title" => d.title = v.clone(),
                "intro" => d.intro = v.clone(),
                "opens" => d.opens = v.trim().to_string(),
                "closes" => d.closes = v.trim().to_string(),
                "results_visibility" => d.visibility = v.clone(),
                "allow_changes" => d.allow_changes = true,
                "anonymous" => d.anonymous = true,
                "eligibility" => d.eligibility = v.clone(),
                "districts" => d.districts.push(v.clone()),
                "slots" => count = v.parse::<usize>().unwrap_or(0).min(civic_core::polls::QUESTIONS_MAX),
                _ => {
                    let Some((n, field)) = k
                        .strip_prefix('q')
                        .and_then(|r| r.split_once('-'))
                        .and_then(|(n, f)| Some((n.parse::<usize>().ok()?, f)))
                    else {
                        continue;
                    };
                    if n == 0 || n > civic_core::polls::QUESTIONS_MAX {
                        continue;
                    }
                    let s = slots.entry(n).or_insert_with(|| Slot { n, ..Slot::default() });
                    let v = v.clone();
                    match field {
                        "kind" => s.kind = v,
                        "text" => s.text = v,
                        "required" => s.required = true,
                        "page" => s.page = v,
                        "options" => s.options = v,
                        "other" => s.other = true,
                        "rows" => s.rows = v,
                        "min-sel" => s.min_sel = v,
                        "max-sel" => s.max_sel = v,
                        "scale-min" => s.scale_min = v,
                        "scale-max" => s.scale_max = v,
                        "min-label" => s.min_label = v,
                        "max-label" => s.max_label = v,
                        "min" => s.min = v,
                        "max" => s.max = v,
                        "min-date" => s.min_date = v,
                        "max-date" => s.max_date = v,
                        "if-question" => s.if_question = v,
                        "if-negate" => s.if_negate = v == "not",
                        "if-option" => s.if_option = v,
                        _ => {}
                    }
                }
            }
        }
        let count = count.max(slots.keys().next_back().copied().unwrap_or(0));
        d.slots = (1..=count)
            .map(|n| slots.remove(&n).unwrap_or(Slot { n, ..Slot::default() }))
            .collect();
        (csrf, action, d)
    }

    /// The questions as the rules take them, and for each the slot it came
    /// from. A slot-level mistake (a number that is not one, a condition on
    /// an empty slot) is refused here, naming the slot.
    fn questions(&self) -> Result<SlotQuestions, SlotMistake> {
        let used: Vec<&Slot> = self.slots.iter().filter(|s| !s.is_blank()).collect();
        let position = |slot: usize| used.iter().position(|s| s.n == slot);
        let mut out = Vec::new();
        for s in &used {
            let int = |v: &str| -> Result<Option<i64>, (usize, &'static str)> {
                let v = v.trim();
                if v.is_empty() {
                    Ok(None)
                } else {
                    v.parse().map(Some).map_err(|_| (s.n, "invalid_question_bounds"))
                }
            };
            let num = |v: &str| -> Result<Option<f64>, (usize, &'static str)> {
                let v = v.trim().replace(',', ".");
                if v.is_empty() {
                    Ok(None)
                } else {
                    v.parse().map(Some).map_err(|_| (s.n, "invalid_question_bounds"))
                }
            };
            let text = |v: &str| Some(v.trim().to_string()).filter(|t| !t.is_empty());
            let lines = |v: &str| -> Vec<String> {
                v.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect()
            };
            let show_if = match int(&s.if_question)? {
                None => None,
                Some(target) => {
                    let index = usize::try_from(target)
                        .ok()
                        .and_then(position)
                        .ok_or((s.n, "invalid_question_condition"))?;
                    let choices = lines(&used[index].options);
                    let raw = s.if_option.trim();
                    // The option's number (1-based) or its text, as the clerk prefers.
                    let option = match raw.parse::<i64>() {
                        Ok(k) => k - 1,
                        Err(_) => choices
                            .iter()
                            .position(|c| c.eq_ignore_ascii_case(raw) || c.to_lowercase() == raw.to_lowercase())
                            .map_or(-1, |i| i as i64),
                    };
                    Some(ConditionInput {
                        question: index as i64,
                        option,
                        negate: s.if_negate,
                    })
                }
            };
            let kind = Kind::parse(&s.kind);
            out.push(QuestionInput {
                kind: s.kind.clone(),
                text: s.text.clone(),
                required: s.required,
                page: int(&s.page)?,
                options: if kind.is_some_and(Kind::has_options) {
                    lines(&s.options)
                } else {
                    Vec::new()
                },
                other: s.other && kind.is_some_and(Kind::may_have_other),
                rows: if kind == Some(Kind::Matrix) {
                    lines(&s.rows)
                } else {
                    Vec::new()
                },
                min_selections: int(&s.min_sel)?,
                max_selections: int(&s.max_sel)?,
                scale_min: int(&s.scale_min)?,
                scale_max: int(&s.scale_max)?,
                min_label: text(&s.min_label),
                max_label: text(&s.max_label),
                min: num(&s.min)?,
                max: num(&s.max)?,
                min_date: text(&s.min_date),
                max_date: text(&s.max_date),
                show_if,
            });
        }
        Ok((out, used.iter().map(|s| s.n).collect()))
    }

    /// Opening at the start of its day; closing at the end of its day (UTC).
    fn dates(&self) -> Result<(Option<i64>, Option<i64>), &'static str> {
        let day = |v: &str| -> Result<Option<i64>, &'static str> {
            if v.is_empty() {
                Ok(None)
            } else {
                parse_date(v).map(Some).ok_or("opens")
            }
        };
        let opens = day(&self.opens)?.map(|d| d * DAY);
        let closes = day(&self.closes).map_err(|_| "closes")?.map(|d| (d + 1) * DAY);
        Ok((opens, closes))
    }
}

pub struct KindChoice {
    pub value: &'static str,
    pub label: String,
}

#[derive(Template)]
#[template(path = "poll_edit.html")]
struct EditPage {
    shell: Layout,
    slug: String,
    /// Where the form posts.
    action: String,
    heading: String,
    csrf: String,
    d: Draft,
    kinds: Vec<KindChoice>,
    space_districts: Vec<String>,
    errors: Vec<(String, String)>,
    notice: Option<String>,
    /// Editing an existing poll: its id, status and responses.
    poll: Option<(i64, String, i64)>,
    /// People have answered: the questions are shown, not edited.
    locked: bool,
    locked_questions: Vec<Question>,
}

impl EditPage {
    fn district_checked(&self, d: &str) -> bool {
        self.d.districts.iter().any(|x| x == d)
    }

    fn kind_key(&self, q: &Question) -> String {
        format!("poll-kind-{}", q.kind.as_str())
    }

    fn status_key(&self, status: &str) -> String {
        format!("poll-status-{status}")
    }
}

fn kinds(shell: &Layout) -> Vec<KindChoice> {
    Kind::ALL
        .into_iter()
        .map(|k| KindChoice {
            value: k.as_str(),
            label: shell.i.t(&format!("poll-kind-{}", k.as_str())),
        })
        .collect()
}

fn staff(principal: &Principal) -> Result<Role, WebError> {
    let role = principal.role;
    if polls::may_manage(role) {
        Ok(role)
    } else {
        Err(WebError::forbidden(
            "staff_only",
            "only the municipality's officials can build polls",
        ))
    }
}

/// An app error as the builder shows it: (anchor, message) in the
/// visitor's language, naming the slot a question problem is in.
fn builder_error(shell: &Layout, e: AppError, slots: &[usize]) -> Result<(String, String), WebError> {
    match e {
        AppError::Invalid(problems) => {
            let invalid = problems.into_first();
            let message = shell.i.t(&format!("field-error-{}", invalid.code));
            if invalid.field == "questions" {
                // "question N: …" names the Nth used slot.
                let n: usize = invalid
                    .message
                    .strip_prefix("question ")
                    .and_then(|r| r.split(':').next())
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(1);
                let slot = slots.get(n.saturating_sub(1)).copied().unwrap_or(1);
                Ok((format!("q{slot}-text"), slot_message(shell, slot, &message)))
            } else {
                Ok((invalid.field.to_string(), message))
            }
        }
        AppError::Conflict { code, .. } => Ok(("questions".into(), shell.i.t(&format!("conflict-{code}")))),
        other => Err(other.into()),
    }
}

fn slot_message(shell: &Layout, slot: usize, message: &str) -> String {
    format!("{} {slot}: {message}", shell.i.t("poll-question"))
}

async fn space_districts(state: &AppState, tenant: &Tenant, space: i64) -> Result<Vec<String>, WebError> {
    Ok(civic_app::spaces::district_choices(&state.platform, tenant.tenant_id(), SpaceId(space)).await?)
}

pub async fn new_form(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
    TypedPath((_, space)): TypedPath<(String, SpaceId)>,
) -> Result<Html<String>, WebError> {
    civic_app::polls::creating_in(&state.platform, tenant.tenant_id(), space).await?;
    let heading = shell.i.t("poll-new-title");
    render(&EditPage {
        kinds: kinds(&shell),
        space_districts: space_districts(&state, &tenant, space.0).await?,
        shell: shell.titled(heading.clone()),
        slug: tenant.slug.clone(),
        action: format!("/{}/spaces/{}/polls/new", tenant.slug, space.0),
        heading,
        csrf: principal.csrf_token.clone(),
        d: Draft::blank(),
        errors: Vec::new(),
        notice: None,
        poll: None,
        locked: false,
        locked_questions: Vec::new(),
    })
}

/// What one post of the builder asks for.
struct Posted {
    action: String,
    draft: Draft,
}

fn posted(
    principal: &Principal,
    via: &crate::auth::SignedInWith,
    fields: &[(String, String)],
) -> Result<Posted, WebError> {
    let (csrf, action, draft) = Draft::parse(fields);
    require_csrf(principal, via, &csrf)?;
    Ok(Posted { action, draft })
}

/// Checks the form and hands its input to `save` (which gives the draft
/// back); on a refusal, the form again with the errors (422).
async fn save_or_show<F, Fut>(
    shell: Layout,
    mut page: EditPage,
    posted: Posted,
    keep: Option<&[Question]>,
    save: F,
) -> Result<Result<i64, Response>, WebError>
where
    F: FnOnce(Vec<QuestionInput>, Draft) -> Fut,
    Fut: std::future::Future<Output = (Draft, Result<i64, AppError>)>,
{
    let mut d = posted.draft;
    if d.slots.is_empty() && keep.is_none() {
        d.slots = (1..=SLOTS).map(|n| Slot { n, ..Slot::default() }).collect();
    }
    if posted.action == "more" {
        let start = d.slots.len();
        d.slots
            .extend((start + 1..=start + SLOTS).map(|n| Slot { n, ..Slot::default() }));
        page.d = d;
        return Ok(Err(render(&page)?.into_response()));
    }
    let refused = |mut page: EditPage, d: Draft, errors: Vec<(String, String)>| -> Result<Response, WebError> {
        page.d = d;
        page.errors = errors;
        let title = format!("{} {}", shell.i.t("poll-error-prefix"), page.heading);
        page.shell = page.shell.clone().titled(title);
        Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
    };
    let (questions, slots) = match keep {
        Some(stored) => (stored.iter().map(QuestionInput::from).collect(), Vec::new()),
        None => match d.questions() {
            Ok(q) => q,
            Err((slot, code)) => {
                let message = slot_message(&shell, slot, &shell.i.t(&format!("field-error-{code}")));
                return Ok(Err(refused(page, d, vec![(format!("q{slot}-text"), message)])?));
            }
        },
    };
    if let Err(field) = d.dates() {
        let message = shell.i.t("field-error-invalid_dates");
        return Ok(Err(refused(page, d, vec![(field.to_string(), message)])?));
    }
    match save(questions, d).await {
        (_, Ok(id)) => Ok(Ok(id)),
        (d, Err(e)) => {
            let error = builder_error(&shell, e, &slots)?;
            Ok(Err(refused(page, d, vec![error])?))
        }
    }
}

fn input<'a>(d: &'a Draft, questions: &'a [QuestionInput], publish: bool) -> NewPollInput<'a> {
    let (opens_at, closes_at) = d.dates().unwrap_or((None, None));
    NewPollInput {
        title: &d.title,
        intro: &d.intro,
        opens_at,
        closes_at,
        results_visibility: if d.visibility == "after_close" {
            "after_close"
        } else {
            "live"
        },
        allow_changes: d.allow_changes,
        questions,
        eligibility: if d.eligibility.is_empty() {
            "signed_in"
        } else {
            &d.eligibility
        },
        districts: &d.districts,
        anonymous: d.anonymous,
        publish,
    }
}

pub async fn create(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, via): CurrentUser,
    address: ClientAddress,
    Path((_, space)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let posted = posted(&principal, &via, &fields)?;
    let role = staff(&principal)?;
    let space = SpaceId::parse(&space).ok_or(WebError::NotFound)?;
    let t = tenant.tenant_id();
    let heading = shell.i.t("poll-new-title");
    let page = EditPage {
        kinds: kinds(&shell),
        space_districts: space_districts(&state, &tenant, space.0).await?,
        shell: shell.clone().titled(heading.clone()),
        slug: tenant.slug.clone(),
        action: format!("/{}/spaces/{}/polls/new", tenant.slug, space.0),
        heading,
        csrf: principal.csrf_token.clone(),
        d: Draft::default(),
        errors: Vec::new(),
        notice: None,
        poll: None,
        locked: false,
        locked_questions: Vec::new(),
    };
    let who = actor(&principal, &address);
    let db = state.platform.clone();
    let done = save_or_show(shell, page, posted, None, |questions, d| async move {
        let r = polls::create(&db, t, &who, role, space, &input(&d, &questions, false)).await;
        (d, r)
    })
    .await?;
    Ok(match done {
        Ok(id) => Redirect::to(&format!("/{}/polls/{id}/edit?saved=1", tenant.slug)).into_response(),
        Err(page) => page,
    })
}

async fn edit_page(
    state: &AppState,
    tenant: &Tenant,
    shell: &Layout,
    principal: &Principal,
    poll: i64,
) -> Result<(EditPage, PollRecord, Vec<Question>), WebError> {
    let role = staff(principal)?;
    let (p, questions) = polls::get_for_staff(&state.platform, tenant.tenant_id(), role, poll).await?;
    let heading = shell.i.with("poll-edit-title", "title", &p.title);
    let locked = p.response_count > 0;
    let page = EditPage {
        kinds: kinds(shell),
        space_districts: space_districts(state, tenant, p.space_id).await?,
        shell: shell.clone().titled(heading.clone()),
        slug: tenant.slug.clone(),
        action: format!("/{}/polls/{poll}/edit", tenant.slug),
        heading,
        csrf: principal.csrf_token.clone(),
        d: Draft::of(&p, &questions),
        errors: Vec::new(),
        notice: None,
        poll: Some((p.id, p.status.clone(), p.response_count)),
        locked,
        locked_questions: if locked { questions.clone() } else { Vec::new() },
    };
    Ok((page, p, questions))
}

#[derive(serde::Deserialize)]
pub struct EditQuery {
    saved: Option<String>,
    error: Option<String>,
}

pub async fn edit_form(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, _): CurrentUser,
    Path((_, poll)): Path<(String, String)>,
    axum::extract::Query(query): axum::extract::Query<EditQuery>,
) -> Result<Response, WebError> {
    let (mut page, _, _) = edit_page(&state, &tenant, &shell, &principal, id(&poll)?).await?;
    if query.saved.is_some() {
        page.notice = Some(shell.i.t("poll-saved"));
    }
    // Publishing was refused: say why, as a form error.
    if let Some(code) = query.error.as_deref().filter(|c| *c == "no_questions") {
        page.errors = vec![("questions".into(), shell.i.t(&format!("field-error-{code}")))];
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    }
    Ok(render(&page)?.into_response())
}

pub async fn edit_submit(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, via): CurrentUser,
    address: ClientAddress,
    Path((_, poll)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let posted = posted(&principal, &via, &fields)?;
    let poll = id(&poll)?;
    let (page, p, stored) = edit_page(&state, &tenant, &shell, &principal, poll).await?;
    let role = principal.role;
    let t = tenant.tenant_id();
    // A locked poll's form carries no question slots: its questions stay.
    let keep = (page.locked && posted.draft.slots.is_empty()).then_some(stored.as_slice());
    let who = actor(&principal, &address);
    let db = state.platform.clone();
    let published = p.status == "published";
    let done = save_or_show(shell, page, posted, keep, |questions, d| async move {
        let r = polls::update(&db, t, &who, role, poll, &input(&d, &questions, published))
            .await
            .map(|()| poll);
        (d, r)
    })
    .await?;
    Ok(match done {
        Ok(id) => Redirect::to(&format!("/{}/polls/{id}/edit?saved=1", tenant.slug)).into_response(),
        Err(page) => page,
    })
}

#[derive(serde::Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

pub async fn publish(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, via): CurrentUser,
    address: ClientAddress,
    Path((_, poll)): Path<(String, String)>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, WebError> {
    require_csrf(&principal, &via, &form.csrf)?;
    let role = staff(&principal)?;
    let poll = id(&poll)?;
    match polls::publish(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        role,
        poll,
    )
    .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/{}/polls/{poll}", tenant.slug)).into_response()),
        // Back to the builder, which explains (no questions, or an
        // eligibility that cannot be checked yet).
        Err(AppError::Invalid(problems)) => {
            let invalid = problems.into_first();
            Ok(Redirect::to(&format!("/{}/polls/{poll}/edit?error={}", tenant.slug, invalid.code)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn duplicate(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, via): CurrentUser,
    address: ClientAddress,
    Path((_, poll)): Path<(String, String)>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, WebError> {
    require_csrf(&principal, &via, &form.csrf)?;
    let role = staff(&principal)?;
    let copy = polls::duplicate(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        role,
        id(&poll)?,
    )
    .await?;
    Ok(Redirect::to(&format!("/{}/polls/{copy}/edit?saved=1", tenant.slug)).into_response())
}
