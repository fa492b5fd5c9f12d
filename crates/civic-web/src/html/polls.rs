//! `/{tenant}/polls/{id}`: answering a poll on one page with plain form
//! controls (no JavaScript needed), the results page with bar charts drawn
//! as SVG on the server beside tables, and the anonymised CSV export.

use super::{Layout, render};
use crate::auth::{CurrentUser, MaybeUser, require_csrf};
use crate::client_address::ClientAddress;
use crate::error::{WebError, path_id as id};
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use civic_app::poll_drafts::{self, Go, PostedPage, Step};
use civic_app::polls::{self, QuestionResult, Results};
use civic_core::polls::Poll as PollRecord;
use civic_core::polls::{self as rules, AnswerInput, Kind, Problem, Question};
use civic_core::{SpaceId, Timestamp};
use http::{StatusCode, header};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/polls/{poll}", get(show).post(answer))
        .route("/{tenant}/polls/{poll}/results", get(results))
        .route("/{tenant}/polls/{poll}/preview", get(preview))
        .route("/{tenant}/polls/{poll}/export.csv", get(export))
}

pub struct ChoiceView {
    pub value: String,
    pub label: String,
    pub checked: bool,
    /// (address, description) of the option's picture.
    pub image: Option<(String, String)>,
}

pub struct RankView {
    pub option: usize,
    pub label: String,
    pub selected: i64,
    pub image: Option<(String, String)>,
}

/// The options' pictures of one poll, and where they are served.
pub struct Pictures {
    base: String,
    by_option: HashMap<(i64, String), civic_core::polls::OptionImage>,
}

impl Pictures {
    /// (address, description) of option `i` (0-based) of question `q`.
    fn of(&self, q: &Question, i: usize) -> Option<(String, String)> {
        let label = q.options.get(i)?;
        let pic = self.by_option.get(&(q.id, label.clone()))?;
        Some((
            format!("{}/{}/{}?v={}", self.base, q.id, i + 1, pic.updated_at),
            pic.alt.clone(),
        ))
    }
}

pub struct MatrixRowView {
    pub index: usize,
    pub label: String,
    pub selected: i64,
}

pub struct QuestionView {
    pub id: i64,
    /// "Other: please specify": the option's value, and the text given.
    pub other: Option<(String, String)>,
    pub columns: Vec<String>,
    pub matrix: Vec<MatrixRowView>,
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
    shell: Layout,
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
    /// The page shown (its number), its position and how many pages.
    page: i64,
    position: usize,
    page_count: usize,
    /// The pages before and after, when there are.
    back: Option<i64>,
    next: Option<i64>,
    /// Staff's preview: the same page, nothing sent.
    preview: bool,
    /// The district question (on the first page), when the space has districts.
    districts: Vec<String>,
    district: String,
    district_required: bool,
    /// Only verified residents answer, and the signed-in viewer is not one.
    verified_only: bool,
    district_error: Option<String>,
    anonymous: bool,
    staff: bool,
    draft: bool,
}

impl PollPage {
    fn progress_label(&self) -> String {
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("page", self.position);
        args.set("pages", self.page_count);
        self.shell.i.with_args("poll-page-of", &args)
    }

    fn phase_key(&self) -> String {
        format!("poll-phase-{}", self.phase)
    }
}

fn kind_key(kind: Kind) -> &'static str {
    kind.as_str()
}

fn views(
    shell: &Layout,
    questions: &[Question],
    given: &[AnswerInput],
    problems: &[Problem],
    pictures: &Pictures,
) -> Vec<QuestionView> {
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
            let mut other = None;
            let mut matrix = Vec::new();
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
                    let other_label = shell.i.t("poll-other");
                    for i in 0..q.choice_count() {
                        let checked = a
                            .is_some_and(|a| a.option == Some(i) || a.options.as_ref().is_some_and(|o| o.contains(&i)));
                        choices.push(ChoiceView {
                            value: i.to_string(),
                            label: q.option_label(i, &other_label).to_string(),
                            checked,
                            image: pictures.of(q, i as usize),
                        });
                    }
                    if q.other {
                        let text = a.and_then(|a| a.other.clone()).unwrap_or_default();
                        other = Some((q.options.len().to_string(), text));
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
                            image: None,
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
                            image: pictures.of(q, i),
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
                Kind::Matrix => {
                    let picks = a.and_then(|a| a.matrix.clone()).unwrap_or_default();
                    matrix = q
                        .rows
                        .iter()
                        .enumerate()
                        .map(|(index, label)| MatrixRowView {
                            index,
                            label: label.clone(),
                            selected: picks.get(index).copied().unwrap_or(-1),
                        })
                        .collect();
                }
            }
            let anchor = match q.kind {
                Kind::Matrix => format!("q{}-m0-0", q.id),
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
                other,
                columns: if q.kind == Kind::Matrix {
                    q.options.clone()
                } else {
                    Vec::new()
                },
                matrix,
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

fn problem_text(shell: &Layout, p: &Problem) -> String {
    let key = format!("poll-problem-{}", p.code);
    let text = shell.i.t(&key);
    if text == key { p.message.clone() } else { text }
}

#[derive(Deserialize)]
pub struct ShowQuery {
    done: Option<String>,
    page: Option<i64>,
}

struct Submission<'a> {
    answers: &'a [AnswerInput],
    problems: &'a [Problem],
    district: &'a str,
    district_error: Option<String>,
}

/// What the poll page shows besides the poll.
struct View<'a> {
    page: Option<i64>,
    notice: Option<String>,
    submission: Option<Submission<'a>>,
    preview: bool,
}

async fn page(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    user: &MaybeUser,
    (p, questions): (PollRecord, Vec<Question>),
    view: View<'_>,
) -> Result<Html<String>, WebError> {
    let t = tenant.tenant_id();
    let now = Timestamp::now();
    let principal = user.0.as_ref().map(|(p, _)| p);
    let progress = match principal {
        Some(u) if !view.preview => Some(poll_drafts::progress(&state.platform, t, p.id, u.user_id).await?),
        _ => None,
    };
    let answered = progress.as_ref().is_some_and(|g| g.answered);
    let allow_changes = p.allow_changes == 1;
    let saved = progress.and_then(|g| g.draft).filter(|_| view.submission.is_none());
    let (own, district) = match (view.submission.as_ref(), principal, &saved) {
        (Some(s), _, _) => (s.answers.to_vec(), s.district.to_string()),
        (None, _, Some(d)) => (d.answers.clone(), d.district.clone()),
        (None, Some(u), None) if answered && allow_changes => (
            polls::own_answers(&state.platform, t, p.id, u.user_id).await?,
            String::new(),
        ),
        _ => (Vec::new(), String::new()),
    };
    let pages = rules::pages(&questions);
    let current = view
        .page
        .or(saved.as_ref().map(|d| d.page))
        .filter(|n| pages.contains(n))
        .unwrap_or(pages[0]);
    let problems = view.submission.as_ref().map_or(&[][..], |s| s.problems);
    // A question whose condition rests on an earlier page is left out when
    // that answer hides it; one resting on this page shows with its hint.
    let given: BTreeMap<i64, &AnswerInput> = own
        .iter()
        .filter(|a| !a.is_blank())
        .map(|a| (a.question_id, a))
        .collect();
    let shown = rules::shown(&questions, &given);
    let page_of = |id: i64| questions.iter().find(|q| q.id == id).map_or(current, |q| q.page);
    let on_page: Vec<Question> = questions
        .iter()
        .filter(|q| q.page == current)
        .filter(|q| {
            q.show_if
                .is_none_or(|c| page_of(c.question_id) == current || shown.contains(&q.id))
        })
        .cloned()
        .collect();
    let pictures = Pictures {
        base: format!("/{}/polls/{}/images", tenant.slug, p.id),
        by_option: civic_app::poll_images::of_poll(&state.platform, t, p.id).await?,
    };
    let questions_view = views(&shell, &on_page, &own, problems, &pictures);
    let district_error = view.submission.as_ref().and_then(|s| s.district_error.clone());
    let mut errors = Vec::new();
    if let Some(e) = &district_error {
        errors.push(("district".to_string(), e.clone()));
    }
    errors.extend(questions_view.iter().filter_map(|q| {
        q.error.as_ref().map(|e| {
            (
                q.anchor.clone(),
                format!("{} {}: {e}", shell.i.t("poll-question"), q.id),
            )
        })
    }));
    let phase = p.phase(now).to_string();
    let dates = match (p.opens_at, p.closes_at) {
        (_, Some(c)) => Some(shell.i.with("poll-closes", "date", &shell.i.date(c))),
        (Some(o), None) => Some(shell.i.with("poll-opens", "date", &shell.i.date(o))),
        _ => None,
    };
    let staff = principal.is_some_and(|u| polls::may_manage(u.role));
    let title = if errors.is_empty() {
        p.title.clone()
    } else {
        format!("{} {}", shell.i.t("poll-error-prefix"), p.title)
    };
    let districts = if current == pages[0] && (p.eligibility == "districts" || !view.preview) {
        polls::district_choices(&state.platform, t, &p).await?
    } else {
        Vec::new()
    };
    let districts = if p.eligibility == "districts" {
        p.district_list()
    } else {
        districts
    };
    // Only verified residents answer (the poll's rule, or its space's): a
    // signed-in person who is not one is told where to verify, and gets no
    // form to fill in only to be refused. A visitor still reads the
    // questions, with the way to sign in.
    let verified_only = !view.preview
        && match principal {
            Some(u) => {
                (p.eligibility == "verified"
                    && !civic_app::verification::is_verified(&state.platform, t, u.user_id).await?)
                    || !civic_app::spaces::admits_in(&state.platform, t, SpaceId(p.space_id), Some(u.user_id)).await?
            }
            None => false,
        };
    render(&PollPage {
        verified_only,
        slug: tenant.slug.clone(),
        id: p.id,
        intro_html: crate::markdown::to_safe_html(&p.intro),
        form: view.preview || (phase == "open" && (!answered || allow_changes) && !verified_only),
        signed_in: principal.is_some(),
        answered,
        allow_changes,
        results_link: !view.preview && polls::results_visible(&p, staff, now),
        csrf: principal.map(|p| p.csrf_token.clone()).unwrap_or_default(),
        notice: view.notice,
        errors,
        questions: questions_view,
        position: pages.iter().position(|n| *n == current).map_or(1, |i| i + 1),
        page_count: pages.len(),
        back: poll_drafts::step(&questions, &own, current, false),
        next: poll_drafts::step(&questions, &own, current, true),
        page: current,
        preview: view.preview,
        districts: if current == pages[0] { districts } else { Vec::new() },
        district,
        district_required: p.eligibility == "districts",
        district_error,
        anonymous: p.anonymous == 1,
        staff,
        draft: p.status == "draft",
        phase,
        dates,
        shell: shell.titled(title),
        title: p.title,
    })
}

pub async fn show(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Path((_, poll)): Path<(String, String)>,
    Query(query): Query<ShowQuery>,
) -> Result<Html<String>, WebError> {
    let notice = query.done.map(|_| shell.i.t("poll-thanks"));
    let loaded = polls::get(&state.platform, tenant.tenant_id(), id(&poll)?).await?;
    let view = View {
        page: query.page,
        notice,
        submission: None,
        preview: false,
    };
    page(&state, &tenant, shell, &user, loaded, view).await
}

/// Exactly what residents will see, page by page, for staff (drafts too).
pub async fn preview(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    CurrentUser(principal, _): CurrentUser,
    Path((_, poll)): Path<(String, String)>,
    Query(query): Query<ShowQuery>,
) -> Result<Html<String>, WebError> {
    let loaded = polls::get_for_staff(&state.platform, tenant.tenant_id(), principal.role, id(&poll)?).await?;
    let view = View {
        page: query.page,
        notice: Some(shell.i.t("poll-preview-notice")),
        submission: None,
        preview: true,
    };
    page(&state, &tenant, shell, &user, loaded, view).await
}

/// The form's fields as answers: `q{id}` (repeated for multiple choice) and
/// `q{id}-{option}` = position for rankings.
fn answers_from_form(questions: &[Question], fields: &[(String, String)]) -> (Posted, Vec<AnswerInput>) {
    let mut posted = Posted::default();
    let mut by_name: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (k, v) in fields {
        match k.as_str() {
            "csrf" => posted.csrf = v.clone(),
            "go" => posted.go = v.clone(),
            "page" => posted.page = v.parse().ok(),
            "district" => posted.district = Some(v.trim().to_string()),
            _ => by_name.entry(k.as_str()).or_default().push(v.as_str()),
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
            Kind::Matrix => {
                let picks: Vec<i64> = (0..q.rows.len())
                    .map(|row| {
                        by_name
                            .get(format!("q{}-m{row}", q.id).as_str())
                            .and_then(|v| v.first())
                            .filter(|v| !v.trim().is_empty())
                            .map_or(-1, |v| v.trim().parse::<i64>().unwrap_or(i64::MAX))
                    })
                    .collect();
                a.matrix = Some(picks);
            }
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
        if q.kind.may_have_other() {
            a.other = by_name
                .get(format!("q{}-other", q.id).as_str())
                .and_then(|v| v.first())
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty());
        }
        if !a.is_blank() || (q.kind == Kind::Number && a.value.is_some()) {
            answers.push(a);
        }
    }
    (posted, answers)
}

/// The form's other fields: where the respondent goes, from which page.
#[derive(Default)]
struct Posted {
    csrf: String,
    /// "back", "next" or "submit".
    go: String,
    page: Option<i64>,
    district: Option<String>,
}

/// One page of answers: merged into the account's saved progress, then
/// on to the next page (checked), back (not checked), or sent (the whole
/// response checked; a problem sends the respondent to its page).
pub async fn answer(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    CurrentUser(principal, via): CurrentUser,
    Path((_, poll)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let poll = id(&poll)?;
    let t = tenant.tenant_id();
    let (p, questions) = polls::get(&state.platform, t, poll).await?;
    let (posted, given) = answers_from_form(&questions, &fields);
    require_csrf(&principal, &via, &posted.csrf)?;
    let page_posted = PostedPage {
        page: posted.page,
        go: Go::from_button(&posted.go),
        district: posted.district,
        answers: given,
    };
    let step = poll_drafts::post_page(&state.platform, t, principal.user_id, (&p, &questions), page_posted).await?;
    let refusal = match step {
        Step::ToPage(to) => {
            return Ok(Redirect::to(&format!("/{}/polls/{poll}?page={to}", tenant.slug)).into_response());
        }
        Step::Sent => return Ok(Redirect::to(&format!("/{}/polls/{poll}?done=1", tenant.slug)).into_response()),
        Step::Refused(refusal) => refusal,
    };
    let submission = Submission {
        answers: &refusal.answers,
        problems: &refusal.problems,
        district: &refusal.district,
        district_error: refusal.district_problem.as_ref().map(|e| shell.i.problem(e)),
    };
    let view = View {
        page: Some(refusal.page),
        notice: None,
        submission: Some(submission),
        preview: false,
    };
    let html = page(&state, &tenant, shell, &user, (p, questions), view).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}

#[derive(Template)]
#[template(path = "poll_results.html")]
struct ResultsPage {
    shell: Layout,
    slug: String,
    id: i64,
    title: String,
    hidden: bool,
    staff: bool,
    r: Option<Results>,
    charts: BTreeMap<i64, String>,
    /// Cross-tab choices: ("question-option", "Q. option").
    filters: Vec<(String, String)>,
    answer: String,
}

impl ResultsPage {
    fn district_is(&self, d: &str) -> bool {
        self.r.as_ref().and_then(|r| r.district.as_deref()) == Some(d)
    }

    /// 0–5: how dark a heat-table cell is, by its share of the row.
    fn heat(&self, row: &polls::MatrixRow, column: &usize) -> i64 {
        let share = row.percents.get(*column).copied().unwrap_or(0.0);
        (share / 20.0).ceil().clamp(0.0, 5.0) as i64
    }

    fn chart(&self, question: &i64) -> &str {
        self.charts.get(question).map_or("", String::as_str)
    }

    fn percent(&self, p: &f64) -> String {
        self.shell.i.percent(*p)
    }

    fn number(&self, v: &f64) -> String {
        self.shell.i.number(*v)
    }

    fn kind_is(&self, q: &QuestionResult, kind: &str) -> bool {
        q.kind.as_str() == kind
    }

    fn date(&self, days: &f64) -> String {
        civic_core::polls::date_of(days.round() as i64)
    }
}

/// The width the chart is drawn for: about a phone's, so that its 14-unit
/// text stays at least 12 px tall on a 320 px screen; the stylesheet caps
/// how wide it grows on a large one.
const CHART_WIDTH: f64 = 360.0;
const CHART_TEXT: f64 = 14.0;

/// A horizontal bar chart as SVG (`role="img"` with a title; the table
/// beside it holds the same numbers): each option's label on its own line,
/// its bar below, the number after the bar. Drawn on the server.
pub(super) fn bars_svg(rows: &[(String, f64, String)], title: &str) -> String {
    const ROW: f64 = 46.0;
    const BAR: f64 = 14.0;
    const NUMBER: f64 = 96.0;
    let esc = |s: &str| {
        askama::filters::escape(s, askama::filters::Html)
            .map(|e| e.to_string())
            .unwrap_or_default()
    };
    let h = ROW * rows.len().max(1) as f64 + 4.0;
    let top = rows.iter().map(|(_, v, _)| *v).fold(0.0_f64, f64::max).max(1e-9);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {CHART_WIDTH} {h}\" role=\"img\" class=\"bar-chart\"><title>{}</title>",
        esc(title)
    );
    for (i, (label, value, shown)) in rows.iter().enumerate() {
        let y = i as f64 * ROW;
        let short: String = if label.chars().count() > 44 {
            label.chars().take(43).chain(std::iter::once('…')).collect()
        } else {
            label.clone()
        };
        let width = (value / top * (CHART_WIDTH - NUMBER)).max(0.0);
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{ty:.1}\" font-size=\"{CHART_TEXT}\" fill=\"currentColor\">{}</text>\
             <rect x=\"0\" y=\"{by:.1}\" width=\"{width:.1}\" height=\"{BAR}\" fill=\"currentColor\" fill-opacity=\"0.75\"/>\
             <text x=\"{tx:.1}\" y=\"{ny:.1}\" font-size=\"{CHART_TEXT}\" fill=\"currentColor\">{}</text>",
            esc(&short),
            esc(shown),
            ty = y + 16.0,
            by = y + 22.0,
            ny = y + 34.0,
            tx = width + 6.0,
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[derive(Deserialize)]
pub struct ResultsQuery {
    district: Option<String>,
    /// "question-option", as the filter form sends it.
    answer: Option<String>,
}

pub async fn results(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    MaybeUser(user): MaybeUser,
    address: ClientAddress,
    Path((_, poll)): Path<(String, String)>,
    Query(query): Query<ResultsQuery>,
) -> Result<Html<String>, WebError> {
    let poll = id(&poll)?;
    let t = tenant.tenant_id();
    let staff = user.as_ref().is_some_and(|(p, _)| polls::may_manage(p.role));
    let (p, questions) = polls::get(&state.platform, t, poll).await?;
    let answer = query.answer.clone().unwrap_or_default();
    let filter = polls::Filter {
        district: query.district.filter(|d| !d.trim().is_empty()),
        answer: answer
            .split_once('-')
            .and_then(|(q, o)| Some((q.parse().ok()?, o.parse().ok()?))),
    };
    let other_label = shell.i.t("poll-other");
    // Filtering by an answer is for staff (see `polls::results_filtered`).
    let filters = questions
        .iter()
        .filter(|q| staff && matches!(q.kind, Kind::SingleChoice | Kind::MultipleChoice))
        .flat_map(|q| {
            (0..q.choice_count())
                .map(|o| {
                    (
                        format!("{}-{o}", q.id),
                        format!("{}. {}", q.id, q.option_label(o, &other_label)),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut r = polls::results_filtered(&state.platform, t, poll, staff, &filter, &address.0).await?;
    if let Some(r) = r.as_mut() {
        for o in r
            .questions
            .iter_mut()
            .flat_map(|q| q.options.iter_mut())
            .filter(|o| o.other)
        {
            o.label = other_label.clone();
        }
    }
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
                            format!("{} ({})", o.count, shell.i.percent(o.percent)),
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
        filters,
        answer,
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
    if !polls::may_manage(principal.role) {
        return Err(WebError::forbidden(
            "staff_only",
            "only the municipality's officials can export responses",
        ));
    }
    let poll = id(&poll)?;
    let t = tenant.tenant_id();
    let (_, questions) = polls::get(&state.platform, t, poll).await?;
    let header_line = polls::csv_header(&questions);
    struct Cursor {
        db: civic_app::Platform,
        questions: Vec<Question>,
        after: i64,
        number: i64,
        header: Option<String>,
        done: bool,
    }
    let start = Cursor {
        db: state.platform.clone(),
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
        let batch = match polls::export_batch(&c.db, t, poll, &c.questions, c.after, c.number).await {
            Ok(Some(b)) => b,
            Ok(None) => return None,
            Err(e) => {
                tracing::warn!(error = %e, "export stopped");
                return Some((Err(std::io::Error::other("export failed")), Cursor { done: true, ..c }));
            }
        };
        c.number += batch.rows;
        c.after = batch.last_response;
        Some((Ok(batch.text), c))
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

#[cfg(test)]
mod chart_tests {
    use super::*;

    #[test]
    fn bar_labels_stay_readable_on_a_320_px_screen() {
        // The SVG scales to the screen: its text is CHART_TEXT × 320 / width
        // pixels tall there.
        const { assert!(CHART_TEXT * 320.0 / CHART_WIDTH >= 12.0) };
        let svg = bars_svg(&[("Щотижня".into(), 42.0, "42 (56%)".into())], "Як часто?");
        assert!(svg.contains(&format!("viewBox=\"0 0 {CHART_WIDTH} ")));
        assert!(svg.contains("Щотижня") && svg.contains("42 (56%)"));
    }
}
