//! `/{tenant}/polls/{id}`: answering a poll on one page with plain form
//! controls (no JavaScript needed), the results page with bar charts drawn
//! as SVG on the server beside tables, and the anonymised CSV export.

use super::{Shell, render};
use crate::auth::{CurrentUser, MaybeUser, require_csrf, role_of};
use crate::error::{WebError, path_id as id};
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use civic_app::polls::{self, Outcome, QuestionResult, Results};
use civic_core::polls::{AnswerInput, Kind, Problem, Question};
use civic_core::{Timestamp, UserId};
use civic_store::polls::{AnswerRow, Polls};
use http::{StatusCode, header};
use serde::Deserialize;
use std::collections::BTreeMap;

pub struct ChoiceView {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

pub struct RankView {
    pub option: usize,
    pub label: String,
    pub selected: i64,
}

pub struct QuestionView {
    pub id: i64,
    pub kind: &'static str,
    pub text: String,
    pub required: bool,
    /// The id of the control an error summary links to.
    pub anchor: String,
    pub hints: Vec<String>,
    pub choices: Vec<ChoiceView>,
    pub ranks: Vec<RankView>,
    pub positions: Vec<i64>,
    pub value: String,
    pub min: String,
    pub max: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "poll.html")]
struct PollPage {
    shell: Shell,
    slug: String,
    id: i64,
    title: String,
    intro_html: String,
    phase: String,
    dates: Option<String>,
    signed_in: bool,
    /// The form is offered (open, and not answered unless changes are allowed).
    form: bool,
    answered: bool,
    allow_changes: bool,
    results_link: bool,
    csrf: String,
    notice: Option<String>,
    errors: Vec<(String, String)>,
    questions: Vec<QuestionView>,
}

impl PollPage {
    fn phase_key(&self) -> String {
        format!("poll-phase-{}", self.phase)
    }
}

fn kind_key(kind: Kind) -> &'static str {
    kind.as_str()
}

fn views(shell: &Shell, questions: &[Question], given: &[AnswerInput], problems: &[Problem]) -> Vec<QuestionView> {
    let given: BTreeMap<i64, &AnswerInput> = given.iter().map(|a| (a.question_id, a)).collect();
    questions
        .iter()
        .map(|q| {
            let a = given.get(&q.id);
            let mut hints = Vec::new();
            if let Some(c) = q.show_if {
                let label = questions
                    .iter()
                    .find(|o| o.id == c.question_id)
                    .and_then(|o| o.options.get(c.option as usize))
                    .cloned()
                    .unwrap_or_default();
                let mut args = fluent_bundle::FluentArgs::new();
                args.set("question", c.question_id);
                args.set("option", label);
                hints.push(shell.i.with_args("poll-hint-condition", &args));
            }
            let mut choices = Vec::new();
            let mut ranks = Vec::new();
            let mut value = String::new();
            let (mut min, mut max) = (String::new(), String::new());
            match q.kind {
                Kind::SingleChoice | Kind::MultipleChoice => {
                    if q.kind == Kind::MultipleChoice {
                        let (lo, hi) = q.selections();
                        let mut args = fluent_bundle::FluentArgs::new();
                        args.set("min", lo);
                        args.set("max", hi);
                        hints.push(shell.i.with_args("poll-hint-selections", &args));
                    }
                    for (i, label) in q.options.iter().enumerate() {
                        let i = i as i64;
                        let checked = a
                            .is_some_and(|a| a.option == Some(i) || a.options.as_ref().is_some_and(|o| o.contains(&i)));
                        choices.push(ChoiceView {
                            value: i.to_string(),
                            label: label.clone(),
                            checked,
                        });
                    }
                }
                Kind::Scale => {
                    let (lo, hi) = q.scale();
                    for v in lo..=hi {
                        let mut label = v.to_string();
                        if v == lo
                            && let Some(l) = &q.min_label
                        {
                            label = format!("{v} — {l}");
                        }
                        if v == hi
                            && let Some(l) = &q.max_label
                        {
                            label = format!("{v} — {l}");
                        }
                        choices.push(ChoiceView {
                            value: v.to_string(),
                            label,
                            checked: a.is_some_and(|a| a.value == Some(v as f64)),
                        });
                    }
                }
                Kind::Ranking => {
                    hints.push(shell.i.t("poll-hint-ranking"));
                    let order = a.and_then(|a| a.ranking.clone()).unwrap_or_default();
                    for (i, label) in q.options.iter().enumerate() {
                        let selected = order.iter().position(|o| *o == i as i64).map_or(0, |p| p as i64 + 1);
                        ranks.push(RankView {
                            option: i,
                            label: label.clone(),
                            selected,
                        });
                    }
                }
                Kind::Number => {
                    value = a
                        .and_then(|a| a.value)
                        .filter(|v| v.is_finite())
                        .map(polls::format_number)
                        .unwrap_or_default();
                    min = q.min.map(polls::format_number).unwrap_or_default();
                    max = q.max.map(polls::format_number).unwrap_or_default();
                    if q.min.is_some() || q.max.is_some() {
                        let mut args = fluent_bundle::FluentArgs::new();
                        args.set("min", if min.is_empty() { "—".to_string() } else { min.clone() });
                        args.set("max", if max.is_empty() { "—".to_string() } else { max.clone() });
                        hints.push(shell.i.with_args("poll-hint-range", &args));
                    }
                }
                Kind::Date => {
                    value = a.and_then(|a| a.date.clone()).unwrap_or_default();
                    min = q.min_date.clone().unwrap_or_default();
                    max = q.max_date.clone().unwrap_or_default();
                    if !min.is_empty() || !max.is_empty() {
                        let mut args = fluent_bundle::FluentArgs::new();
                        args.set("min", if min.is_empty() { "—".to_string() } else { min.clone() });
                        args.set("max", if max.is_empty() { "—".to_string() } else { max.clone() });
                        hints.push(shell.i.with_args("poll-hint-range", &args));
                    }
                }
                Kind::ShortText | Kind::LongText => {
                    value = a.and_then(|a| a.text.clone()).unwrap_or_default();
                }
            }
            let anchor = match q.kind {
                Kind::SingleChoice | Kind::MultipleChoice | Kind::Scale => format!("q{}-0", q.id),
                Kind::Ranking => format!("q{}-r0", q.id),
                _ => format!("q{}", q.id),
            };
            let error = problems
                .iter()
                .find(|p| p.question_id == q.id)
                .map(|p| problem_text(shell, p));
            QuestionView {
                id: q.id,
                kind: kind_key(q.kind),
                text: q.text.clone(),
                required: q.required,
                anchor,
                hints,
                positions: (1..=q.options.len() as i64).collect(),
                choices,
                ranks,
                value,
                min,
                max,
                error,
            }
        })
        .collect()
}

fn problem_text(shell: &Shell, p: &Problem) -> String {
    let key = format!("poll-problem-{}", p.code);
    let text = shell.i.t(&key);
    if text == key { p.message.clone() } else { text }
}

#[derive(Deserialize)]
pub struct ShowQuery {
    done: Option<String>,
}

struct Submission<'a> {
    answers: &'a [AnswerInput],
    problems: &'a [Problem],
}

async fn page(
    state: &AppState,
    tenant: &Tenant,
    shell: Shell,
    user: &MaybeUser,
    poll: i64,
    notice: Option<String>,
    submission: Option<Submission<'_>>,
) -> Result<Html<String>, WebError> {
    let t = tenant.tenant_id();
    let (p, questions) = polls::get(&state.db, t, poll).await?;
    let now = Timestamp::now();
    let principal = user.0.as_ref().map(|(p, _)| p);
    let answered = match principal {
        Some(u) => Polls::of(&state.db, t).has_responded(p.id, UserId(u.user_id)).await?,
        None => false,
    };
    let allow_changes = p.allow_changes == 1;
    let own = match (submission.as_ref(), principal) {
        (Some(s), _) => s.answers.to_vec(),
        (None, Some(u)) if answered && allow_changes => {
            polls::own_answers(&state.db, t, p.id, UserId(u.user_id)).await?
        }
        _ => Vec::new(),
    };
    let problems = submission.as_ref().map_or(&[][..], |s| s.problems);
    let questions_view = views(&shell, &questions, &own, problems);
    let errors = questions_view
        .iter()
        .filter_map(|q| {
            q.error.as_ref().map(|e| {
                (
                    q.anchor.clone(),
                    format!("{} {}: {e}", shell.i.t("poll-question"), q.id),
                )
            })
        })
        .collect::<Vec<_>>();
    let phase = p.phase(now).to_string();
    let dates = match (p.opens_at, p.closes_at) {
        (_, Some(c)) => Some(shell.i.with("poll-closes", "date", &shell.i.date(c))),
        (Some(o), None) => Some(shell.i.with("poll-opens", "date", &shell.i.date(o))),
        _ => None,
    };
    let staff = principal.is_some_and(|u| polls::may_manage(role_of(u)));
    let title = if errors.is_empty() {
        p.title.clone()
    } else {
        format!("{} {}", shell.i.t("poll-error-prefix"), p.title)
    };
    render(&PollPage {
        slug: tenant.slug.clone(),
        id: p.id,
        intro_html: crate::markdown::to_safe_html(&p.intro),
        form: phase == "open" && (!answered || allow_changes),
        signed_in: principal.is_some(),
        answered,
        allow_changes,
        results_link: polls::results_visible(&p, staff, now),
        csrf: principal.map(|p| p.csrf_token.clone()).unwrap_or_default(),
        notice,
        errors,
        questions: questions_view,
        phase,
        dates,
        shell: shell.titled(title),
        title: p.title,
    })
}

pub async fn show(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Shell,
    user: MaybeUser,
    Path((_, poll)): Path<(String, String)>,
    Query(query): Query<ShowQuery>,
) -> Result<Html<String>, WebError> {
    let notice = query.done.map(|_| shell.i.t("poll-thanks"));
    page(&state, &tenant, shell, &user, id(&poll)?, notice, None).await
}

/// The form's fields as answers: `q{id}` (repeated for multiple choice) and
/// `q{id}-{option}` = position for rankings.
fn answers_from_form(questions: &[Question], fields: &[(String, String)]) -> (String, Vec<AnswerInput>) {
    let mut csrf = String::new();
    let mut by_name: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (k, v) in fields {
        if k == "csrf" {
            csrf = v.clone();
        } else {
            by_name.entry(k.as_str()).or_default().push(v.as_str());
        }
    }
    let mut answers = Vec::new();
    for q in questions {
        let name = format!("q{}", q.id);
        let values: Vec<&str> = by_name
            .get(name.as_str())
            .map(|v| v.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect())
            .unwrap_or_default();
        let mut a = AnswerInput {
            question_id: q.id,
            ..AnswerInput::default()
        };
        let first = values.first().copied();
        match q.kind {
            Kind::SingleChoice => a.option = first.map(|v| v.parse::<i64>().unwrap_or(-1)),
            Kind::MultipleChoice => {
                if !values.is_empty() {
                    a.options = Some(values.iter().map(|v| v.parse::<i64>().unwrap_or(-1)).collect());
                }
            }
            Kind::Scale | Kind::Number => {
                a.value = first.map(|v| v.replace(',', ".").parse::<f64>().unwrap_or(f64::NAN));
            }
            Kind::Date => a.date = first.map(str::to_string),
            Kind::ShortText | Kind::LongText => a.text = first.map(str::to_string),
            Kind::Ranking => {
                let mut placed: Vec<(i64, i64)> = Vec::new();
                for option in 0..q.options.len() {
                    let field = format!("q{}-{option}", q.id);
                    if let Some(pos) = by_name
                        .get(field.as_str())
                        .and_then(|v| v.first())
                        .filter(|v| !v.trim().is_empty())
                    {
                        placed.push((pos.trim().parse::<i64>().unwrap_or(0), option as i64));
                    }
                }
                if !placed.is_empty() {
                    placed.sort();
                    let positions: Vec<i64> = placed.iter().map(|(p, _)| *p).collect();
                    let expected: Vec<i64> = (1..=q.options.len() as i64).collect();
                    a.ranking = Some(if positions == expected {
                        placed.iter().map(|(_, o)| *o).collect()
                    } else {
                        // Positions missing or repeated: an order that the
                        // rules refuse as "rank every option once".
                        vec![placed[0].1, placed[0].1]
                    });
                }
            }
        }
        if !a.is_blank() || (q.kind == Kind::Number && a.value.is_some()) {
            answers.push(a);
        }
    }
    (csrf, answers)
}

pub async fn answer(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Shell,
    user: MaybeUser,
    CurrentUser(principal, via): CurrentUser,
    Path((_, poll)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let poll = id(&poll)?;
    let t = tenant.tenant_id();
    let (_, questions) = polls::get(&state.db, t, poll).await?;
    let (csrf, answers) = answers_from_form(&questions, &fields);
    require_csrf(&principal, &via, &csrf)?;
    match polls::respond(&state.db, t, UserId(principal.user_id), poll, &answers).await? {
        Ok(Outcome::Created | Outcome::Replaced) => {
            Ok(Redirect::to(&format!("/{}/polls/{poll}?done=1", tenant.slug)).into_response())
        }
        Err(problems) => {
            let submission = Submission {
                answers: &answers,
                problems: &problems,
            };
            let html = page(&state, &tenant, shell, &user, poll, None, Some(submission)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
    }
}

#[derive(Template)]
#[template(path = "poll_results.html")]
struct ResultsPage {
    shell: Shell,
    slug: String,
    id: i64,
    title: String,
    hidden: bool,
    staff: bool,
    r: Option<Results>,
    charts: BTreeMap<i64, String>,
}

impl ResultsPage {
    fn chart(&self, question: &i64) -> &str {
        self.charts.get(question).map_or("", String::as_str)
    }

    fn percent(&self, p: &f64) -> String {
        format!("{}%", polls::format_number(*p))
    }

    fn number(&self, v: &f64) -> String {
        polls::format_number(*v)
    }

    fn kind_is(&self, q: &QuestionResult, kind: &str) -> bool {
        q.kind.as_str() == kind
    }

    fn date(&self, days: &f64) -> String {
        civic_core::polls::date_of(days.round() as i64)
    }
}

/// Horizontal bars, one per row, as SVG: `role="img"` with a title; the
/// table beside it holds the same numbers.
fn bars_svg(rows: &[(String, f64, String)], title: &str) -> String {
    const W: f64 = 640.0;
    const LABEL: f64 = 220.0;
    const ROW: f64 = 30.0;
    let esc = |s: &str| {
        askama::filters::escape(s, askama::filters::Html)
            .map(|e| e.to_string())
            .unwrap_or_default()
    };
    let h = ROW * rows.len().max(1) as f64 + 8.0;
    let top = rows.iter().map(|(_, v, _)| *v).fold(0.0_f64, f64::max).max(1e-9);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {h}\" role=\"img\" class=\"bar-chart\"><title>{}</title>",
        esc(title)
    );
    for (i, (label, value, shown)) in rows.iter().enumerate() {
        let y = 4.0 + i as f64 * ROW;
        let short: String = if label.chars().count() > 30 {
            label.chars().take(29).chain(std::iter::once('…')).collect()
        } else {
            label.clone()
        };
        let width = (value / top * (W - LABEL - 90.0)).max(0.0);
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{ty:.1}\" font-size=\"14\" fill=\"currentColor\">{}</text>\
             <rect x=\"{LABEL}\" y=\"{y:.1}\" width=\"{width:.1}\" height=\"{bh:.1}\" fill=\"currentColor\" fill-opacity=\"0.75\"/>\
             <text x=\"{tx:.1}\" y=\"{ty:.1}\" font-size=\"14\" fill=\"currentColor\">{}</text>",
            esc(&short),
            esc(shown),
            ty = y + 18.0,
            bh = ROW - 8.0,
            tx = LABEL + width + 6.0,
        ));
    }
    svg.push_str("</svg>");
    svg
}

pub async fn results(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Shell,
    MaybeUser(user): MaybeUser,
    Path((_, poll)): Path<(String, String)>,
) -> Result<Html<String>, WebError> {
    let poll = id(&poll)?;
    let t = tenant.tenant_id();
    let staff = user.as_ref().is_some_and(|(p, _)| polls::may_manage(role_of(p)));
    let (p, _) = polls::get(&state.db, t, poll).await?;
    let r = polls::results(&state.db, t, poll, staff).await?;
    let mut charts = BTreeMap::new();
    if let Some(r) = &r {
        for q in &r.questions {
            let rows: Vec<(String, f64, String)> = if !q.ranking.is_empty() {
                q.ranking
                    .iter()
                    .map(|o| (o.label.clone(), o.borda as f64, o.borda.to_string()))
                    .collect()
            } else {
                q.options
                    .iter()
                    .map(|o| {
                        (
                            o.label.clone(),
                            o.count as f64,
                            format!("{} ({}%)", o.count, polls::format_number(o.percent)),
                        )
                    })
                    .collect()
            };
            if !rows.is_empty() && rows.len() <= 60 {
                charts.insert(q.id, bars_svg(&rows, &q.text));
            }
        }
    }
    let heading = shell.i.t("poll-results-title");
    render(&ResultsPage {
        shell: shell.titled(format!("{heading}: {}", p.title)),
        slug: tenant.slug.clone(),
        id: p.id,
        title: p.title,
        hidden: r.is_none(),
        staff,
        r,
        charts,
    })
}

/// Responses as CSV, one row per response and one column per question,
/// numbered in the export (no account, no e-mail). Streamed in batches.
pub async fn export(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, poll)): Path<(String, String)>,
) -> Result<Response, WebError> {
    if !polls::may_manage(role_of(&principal)) {
        return Err(WebError::Forbidden(
            "only the municipality's officials can export responses".into(),
        ));
    }
    let poll = id(&poll)?;
    let t = tenant.tenant_id();
    let (_, questions) = polls::get(&state.db, t, poll).await?;
    let header_line = polls::csv_header(&questions);
    struct Cursor {
        db: civic_store::Db,
        questions: Vec<Question>,
        after: i64,
        number: i64,
        header: Option<String>,
        done: bool,
    }
    let start = Cursor {
        db: state.db.clone(),
        questions,
        after: 0,
        number: 0,
        header: Some(format!("\u{feff}{header_line}")),
        done: false,
    };
    let stream = futures_util::stream::unfold(start, move |mut c| async move {
        if let Some(h) = c.header.take() {
            return Some((Ok::<_, std::io::Error>(h), c));
        }
        if c.done {
            return None;
        }
        let batch = match Polls::of(&c.db, t).export_batch(poll, c.after, 500).await {
            Ok(b) => b,
            Err(e) => {
                tracing::warn!(error = %e, "export stopped");
                return Some((Err(std::io::Error::other("export failed")), Cursor { done: true, ..c }));
            }
        };
        if batch.is_empty() {
            return None;
        }
        let mut out = String::new();
        let mut current: Option<i64> = None;
        let mut answers: Vec<AnswerRow> = Vec::new();
        for (response, answer) in batch {
            if current.is_some_and(|r| r != response) {
                c.number += 1;
                out.push_str(&polls::csv_row(c.number, &c.questions, &answers));
                answers.clear();
            }
            current = Some(response);
            answers.extend(answer);
        }
        if let Some(last) = current {
            c.number += 1;
            out.push_str(&polls::csv_row(c.number, &c.questions, &answers));
            c.after = last;
        }
        Some((Ok(out), c))
    });
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"poll-{poll}.csv\""),
            ),
        ],
        axum::body::Body::from_stream(stream),
    )
        .into_response())
}
