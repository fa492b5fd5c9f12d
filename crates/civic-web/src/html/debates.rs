//! `/{tenant}/debates/{id}`: a debate's page (arguments for and against in
//! two columns, strongest or newest first, replies, convincing buttons,
//! the stance form, the balance and its history as a bar chart and a
//! table, the conclusion), all plain forms; officials set a debate up from
//! the space page, conclude it on its page and export its contributions.

use super::form_errors as errors_of;
use super::form_field as field;
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
use civic_app::debates::{self, ArgumentInput, ConclusionInput, DebateInput, DebateView, Thread};
use civic_core::debates::{Argument, ArgumentOrder, Balance, Stance};
use civic_core::user::Principal;
use civic_core::{SpaceId, Timestamp};
use http::{StatusCode, header};
use serde::Deserialize;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/spaces/{space}/debates/new", get(new_form).post(create))
        .route("/{tenant}/debates/{debate}", get(show))
        .route("/{tenant}/debates/{debate}/arguments", post(argue))
        .route("/{tenant}/debates/{debate}/stance", post(stance))
        .route("/{tenant}/debates/{debate}/conclusion", post(conclude))
        .route("/{tenant}/debates/{debate}/contributions.csv", get(contributions_csv))
        .route("/{tenant}/arguments/{argument}/convincing", post(convincing))
}

/// An argument as a card shows it.
pub struct ArgumentItem {
    pub id: i64,
    pub side: &'static str,
    /// "debate-side-for" / "debate-side-against".
    pub side_key: String,
    pub body: String,
    /// Hidden by the moderators: the notice is shown (with its text only
    /// for staff and its author).
    pub hidden: Option<String>,
    pub author: String,
    pub date: String,
    pub convincing: i64,
    pub cited: bool,
    /// The viewer marked it convincing.
    pub marked: bool,
    /// The viewer may mark it (signed in, open, not their own).
    pub may_mark: bool,
}

pub struct ThreadItem {
    pub argument: ArgumentItem,
    pub replies: Vec<ArgumentItem>,
}

/// One bar of the chart: the three shares in 5 % steps (CSS classes, the
/// undecided taking the rest so the bar is full), the counts and the shares
/// in words for the table.
pub struct BalanceRow {
    pub label: String,
    pub b: Balance,
    pub for_pct: i64,
    pub against_pct: i64,
    pub undecided_pct: i64,
    /// "50 %" / "50%" for, against, undecided.
    pub shares: [String; 3],
}

impl BalanceRow {
    fn of(shell: &Layout, label: String, b: Balance) -> BalanceRow {
        let step = |s: Stance| (b.percent(s) + 2) / 5 * 5;
        let (for_pct, against_pct) = (step(Stance::For), step(Stance::Against));
        let undecided_pct = if b.total() == 0 {
            0
        } else {
            (100 - for_pct - against_pct).max(0)
        };
        BalanceRow {
            label,
            for_pct,
            against_pct,
            undecided_pct,
            shares: Stance::ALL.map(|s| shell.i.percent(b.percent(s) as f64)),
            b,
        }
    }
}

#[derive(Template)]
#[template(path = "debate.html")]
struct DebatePage {
    shell: Layout,
    slug: String,
    v: DebateView,
    description_html: String,
    conclusion_html: String,
    status_key: &'static str,
    opens: Option<String>,
    closes: Option<String>,
    concluded_on: Option<String>,
    newest: bool,
    for_side: Vec<ThreadItem>,
    against_side: Vec<ThreadItem>,
    cited: Vec<ArgumentItem>,
    now: BalanceRow,
    history: Vec<BalanceRow>,
    my_stance: &'static str,
    /// (value, message key) of each stance.
    stances: Vec<(&'static str, String)>,
    manages: bool,
    /// Signed in and admitted by the space: the forms are offered.
    may_write: bool,
    /// Whether the space admits the viewer (false: only verified residents
    /// take part, and the viewer is not one).
    admitted: bool,
    csrf: String,
    notice: Option<String>,
    errors: Vec<(String, String)>,
    /// What was typed in a refused form: (form id, text).
    draft: (String, String),
    /// Every argument, for the conclusion's checkboxes.
    all: Vec<ArgumentItem>,
}

impl DebatePage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }

    /// The text typed into the form `form` before it was refused.
    fn typed(&self, form: &str) -> &str {
        if self.draft.0 == form { &self.draft.1 } else { "" }
    }

    /// The first problem of the form `form` when it was the one refused.
    fn form_error(&self, form: &str) -> Option<&str> {
        (self.draft.0 == form)
            .then(|| self.errors.first().map(|(_, m)| m.as_str()))
            .flatten()
    }

    fn argue_error(&self, side: &str) -> Option<&str> {
        self.form_error(&format!("argue-{side}"))
    }

    fn reply_error(&self, argument: impl std::borrow::Borrow<i64>) -> Option<&str> {
        self.form_error(&format!("reply-{}", argument.borrow()))
    }

    fn typed_argue(&self, side: &str) -> &str {
        self.typed(&format!("argue-{side}"))
    }

    fn typed_reply(&self, argument: impl std::borrow::Borrow<i64>) -> &str {
        self.typed(&format!("reply-{}", argument.borrow()))
    }
}

const NOTICES: [(&str, &str); 5] = [
    ("argued", "debate-notice-argued"),
    ("stance", "debate-notice-stance"),
    ("convincing", "debate-notice-convincing"),
    ("concluded", "debate-notice-concluded"),
    ("created", "debate-notice-created"),
];

#[derive(Deserialize, Default)]
pub struct PageQuery {
    done: Option<String>,
    sort: Option<String>,
}

fn notice(shell: &Layout, done: Option<&str>) -> Option<String> {
    let done = done?;
    NOTICES.iter().find(|(k, _)| *k == done).map(|(_, key)| shell.i.t(key))
}

struct Refused {
    errors: Vec<(String, String)>,
    draft: (String, String),
}

#[allow(clippy::too_many_arguments)]
async fn debate_page(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    principal: Option<&Principal>,
    debate: i64,
    order: ArgumentOrder,
    notice: Option<String>,
    refused: Option<Refused>,
) -> Result<Html<String>, WebError> {
    let who = principal.map(|p| (p.user_id, p.role));
    let v = debates::view(&state.platform, tenant.tenant_id(), debate, who, order).await?;
    let admitted = civic_app::spaces::admits_in(
        &state.platform,
        tenant.tenant_id(),
        SpaceId(v.debate.space_id),
        principal.map(|p| p.user_id),
    )
    .await?;
    let me = principal.map(|p| p.user_id.0);
    let item = |a: &Argument| ArgumentItem {
        id: a.id,
        side: a.side.as_str(),
        side_key: format!("debate-side-{}", a.side.as_str()),
        body: a.body.clone(),
        hidden: a.moderation.map(|_| match &a.moderation_reason {
            Some(r) if !r.is_empty() => format!(
                "{} {}",
                shell.i.t("moderation-notice"),
                shell.i.with("moderation-notice-reason", "reason", r)
            ),
            _ => shell.i.t("moderation-notice"),
        }),
        author: a.author_name.clone().unwrap_or_else(|| shell.i.t("debate-someone")),
        date: shell.i.date(a.created_at),
        convincing: a.convincing,
        cited: a.cited != 0,
        marked: v.my_convincing.contains(&a.id),
        may_mark: v.open && admitted && me.is_some() && a.author_id != me,
    };
    let thread = |t: &Thread| ThreadItem {
        argument: item(&t.argument),
        replies: t.replies.iter().map(item).collect(),
    };
    let for_side: Vec<ThreadItem> = v.for_side.iter().map(thread).collect();
    let against_side: Vec<ThreadItem> = v.against_side.iter().map(thread).collect();
    let cited = v.cited().into_iter().map(item).collect();
    let all = v
        .for_side
        .iter()
        .chain(v.against_side.iter())
        .map(|t| item(&t.argument))
        .collect();
    let now = BalanceRow::of(&shell, shell.i.t("debate-balance-now"), v.standing.balance);
    let history = v
        .standing
        .history
        .iter()
        // The history is kept by UTC day (balance_by_day): name that day
        // as it is, not its midnight seen from the town's zone, which west
        // of UTC is the day before.
        .map(|(day, b)| BalanceRow::of(&shell, shell.i.calendar_date(Timestamp(*day).ymd()), *b))
        .collect();
    let d = &v.debate;
    let status_key = if d.concluded() {
        "debate-status-concluded"
    } else if v.open {
        "debate-status-open"
    } else {
        "debate-status-closed"
    };
    let title = d.question.clone();
    let shell = shell
        .titled_form(title, refused.is_some(), "debate-error-prefix")
        .described(&d.description);
    let (errors, draft) = refused.map_or((Vec::new(), (String::new(), String::new())), |r| (r.errors, r.draft));
    render(&DebatePage {
        slug: tenant.slug.clone(),
        description_html: crate::markdown::to_safe_html(&d.description),
        conclusion_html: d
            .conclusion
            .as_deref()
            .map(crate::markdown::to_safe_html)
            .unwrap_or_default(),
        status_key,
        opens: d.opens_at.map(|at| shell.i.date(at)),
        closes: d.closes_at.map(|e| shell.i.date(e - 86_400_000)),
        concluded_on: d.concluded_at.map(|at| shell.i.date(at)),
        newest: order == ArgumentOrder::Newest,
        for_side,
        against_side,
        cited,
        now,
        history,
        my_stance: v.my_stance.map_or("", |s| s.as_str()),
        stances: Stance::ALL
            .iter()
            .map(|s| (s.as_str(), format!("debate-stance-{}", s.as_str())))
            .collect(),
        manages: principal.is_some_and(|p| debates::may_manage(p.role)),
        may_write: principal.is_some() && admitted,
        admitted,
        csrf: principal.map(|p| p.csrf_token.clone()).unwrap_or_default(),
        notice,
        errors,
        draft,
        all,
        v,
        shell,
    })
}

pub async fn show(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Path((_, debate)): Path<(String, String)>,
    Query(query): Query<PageQuery>,
) -> Result<Html<String>, WebError> {
    let notice = notice(&shell, query.done.as_deref());
    let order = ArgumentOrder::parse(query.sort.as_deref());
    let principal = user.0.as_ref().map(|(p, _)| p);
    debate_page(&state, &tenant, shell, principal, id(&debate)?, order, notice, None).await
}

fn to_debate(slug: &str, debate: i64, done: &str, anchor: &str) -> Response {
    Redirect::to(&format!("/{slug}/debates/{debate}?done={done}#{anchor}")).into_response()
}

/// The id of the element a problem's link in the error summary leads to:
/// the text box of the form that was sent, else the form itself.
fn anchor(form: &str, field: &str) -> String {
    match (field, form.strip_prefix("argue-"), form.strip_prefix("reply-")) {
        ("body", Some(side), _) => format!("body-{side}"),
        ("body", _, Some(argument)) => format!("reply-body-{argument}"),
        ("text", _, _) => "text".into(),
        ("arguments", _, _) => "arguments-cited".into(),
        _ => form.to_string(),
    }
}

/// Renders the page again with a refused form's problems (422), or passes
/// any other error on.
#[allow(clippy::too_many_arguments)]
async fn refused(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    principal: &Principal,
    debate: i64,
    e: AppError,
    form: &str,
    typed: &str,
) -> Result<Response, WebError> {
    match errors_of(&shell, &e) {
        Some(errors) => {
            let errors = errors.into_iter().map(|(f, m)| (anchor(form, &f), m)).collect();
            let draft = (form.to_string(), typed.chars().take(2_000).collect());
            let html = debate_page(
                state,
                tenant,
                shell,
                Some(principal),
                debate,
                ArgumentOrder::Strongest,
                None,
                Some(Refused { errors, draft }),
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
        None => Err(e.into()),
    }
}

pub async fn argue(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Path((_, debate)): Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let debate = id(&debate)?;
    let Some((principal, _)) = user.0.as_ref() else {
        return Err(WebError::Unauthorized);
    };
    let parent = match field(&fields, "parent_id").trim() {
        "" => None,
        raw => Some(raw.parse::<i64>().unwrap_or(-1)),
    };
    let body = field(&fields, "body");
    let input = ArgumentInput {
        side: field(&fields, "side"),
        body,
        parent,
    };
    let form = match parent {
        Some(p) => format!("reply-{p}"),
        None => format!("argue-{}", input.side.trim()),
    };
    match debates::argue(&state.platform, tenant.tenant_id(), principal.user_id, debate, &input).await {
        Ok(a) => Ok(to_debate(&tenant.slug, debate, "argued", &format!("argument-{}", a.id))),
        Err(e) => refused(&state, &tenant, shell, principal, debate, e, &form, body).await,
    }
}

pub async fn stance(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Path((_, debate)): Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let debate = id(&debate)?;
    let Some((principal, _)) = user.0.as_ref() else {
        return Err(WebError::Unauthorized);
    };
    let chosen = field(&fields, "stance");
    match debates::set_stance(&state.platform, tenant.tenant_id(), principal.user_id, debate, chosen).await {
        Ok(_) => Ok(to_debate(&tenant.slug, debate, "stance", "stance")),
        Err(e) => refused(&state, &tenant, shell, principal, debate, e, "stance", "").await,
    }
}

pub async fn convincing(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, argument)): Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let Some((principal, _)) = user.0.as_ref() else {
        return Err(WebError::Unauthorized);
    };
    let on = match field(&fields, "action") {
        "withdraw" => false,
        "mark" | "" => true,
        _ => return Err(WebError::BadRequest("action is mark or withdraw".into())),
    };
    let a = debates::set_convincing(
        &state.platform,
        tenant.tenant_id(),
        principal.user_id,
        id(&argument)?,
        on,
    )
    .await?;
    Ok(to_debate(
        &tenant.slug,
        a.debate_id,
        "convincing",
        &format!("argument-{}", a.id),
    ))
}

pub async fn conclude(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, debate)): Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let debate = id(&debate)?;
    let cited: Vec<i64> = fields
        .iter()
        .filter(|(k, _)| k == "argument")
        .map(|(_, v)| v.trim().parse::<i64>().unwrap_or(-1))
        .collect();
    let text = field(&fields, "text");
    match debates::conclude(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        debate,
        &ConclusionInput {
            text,
            arguments: &cited,
        },
    )
    .await
    {
        Ok(()) => Ok(to_debate(&tenant.slug, debate, "concluded", "conclusion")),
        Err(e) => refused(&state, &tenant, shell, &principal, debate, e, "conclude", text).await,
    }
}

pub async fn contributions_csv(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    Path((_, debate)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let (d, rows) = debates::contributions(&state.platform, tenant.tenant_id(), principal.role, id(&debate)?).await?;
    let mut bytes = String::from("kind,id,parent_id,author,value,text,at\r\n");
    for r in &rows {
        let row = [
            r.kind.clone(),
            r.id.to_string(),
            r.parent_id.map(|p| p.to_string()).unwrap_or_default(),
            super::spaces::csv_field(r.author_name.as_deref().unwrap_or("")),
            r.value.clone(),
            super::spaces::csv_field(&r.body),
            civic_core::Timestamp(r.at).iso_date(),
        ];
        bytes.push_str(&row.join(","));
        bytes.push_str("\r\n");
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"debate-{}-contributions.csv\"", d.id),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "debate_form.html")]
struct DebateFormPage {
    shell: Layout,
    slug: String,
    space_id: i64,
    csrf: String,
    form: DebateInput,
    errors: Vec<(String, String)>,
}

impl DebateFormPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }
}

fn debate_form(
    shell: Layout,
    slug: &str,
    space: SpaceId,
    csrf: &str,
    form: DebateInput,
    errors: Vec<(String, String)>,
) -> Result<Html<String>, WebError> {
    let title = shell.i.t("debate-new-title");
    let shell = shell.titled_form(title, !errors.is_empty(), "debate-error-prefix");
    render(&DebateFormPage {
        slug: slug.to_string(),
        space_id: space.0,
        csrf: csrf.to_string(),
        form,
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
    debates::setting_up_in(&state.platform, tenant.tenant_id(), space).await?;
    debate_form(
        shell,
        &tenant.slug,
        space,
        &principal.csrf_token,
        DebateInput::default(),
        Vec::new(),
    )
}

pub async fn create(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    TypedPath((_, space)): TypedPath<(String, SpaceId)>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let cut = |name: &str, n: usize| field(&fields, name).chars().take(n).collect::<String>();
    let input = DebateInput {
        question: cut("question", 400),
        description: cut("description", 12_000),
        opens: cut("opens_on", 12),
        closes: cut("closes_on", 12),
    };
    match debates::create(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        space,
        &input,
    )
    .await
    {
        Ok(id) => Ok(to_debate(&tenant.slug, id, "created", "main")),
        Err(e) => match errors_of(&shell, &e) {
            Some(errors) => {
                let html = debate_form(shell, &tenant.slug, space, &principal.csrf_token, input, errors)?;
                Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
            }
            None => Err(e.into()),
        },
    }
}
