//! Polls and surveys: staff create them in a space, residents answer once
//! (or change their answer when staff allow it), and results are counted
//! by aggregate queries — never by reading every response.

use crate::AppError;
use crate::audit::{self, Actor};
use civic_core::polls::{self as rules, AnswerInput, Kind, Problem, Question, QuestionInput};
use civic_core::{Invalid, Role, SpaceId, TenantId, Timestamp, UserId};
use civic_store::Db;
use civic_store::polls::{AnswerRow, NewPoll, PollRecord, Polls, Submitted};
use serde::Serialize;
use std::collections::BTreeMap;

/// Who may create polls and read free-text answers and exports.
pub fn may_manage(role: Role) -> bool {
    matches!(role, Role::Official | Role::Admin)
}

pub struct NewPollInput<'a> {
    pub title: &'a str,
    pub intro: &'a str,
    pub opens_at: Option<i64>,
    pub closes_at: Option<i64>,
    /// "live" or "after_close".
    pub results_visibility: &'a str,
    pub allow_changes: bool,
    pub questions: &'a [QuestionInput],
}

/// Creates a poll in an open space (officials and administrators).
pub async fn create(
    db: &Db,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    space: SpaceId,
    input: &NewPollInput<'_>,
) -> Result<i64, AppError> {
    if !may_manage(role) {
        return Err(AppError::Forbidden(
            "only the municipality's officials can create a poll".into(),
        ));
    }
    let space = crate::spaces::open_space(db, tenant, space, "polls").await?;
    let title = input.title.split_whitespace().collect::<Vec<_>>().join(" ");
    if !(3..=rules::TITLE_MAX).contains(&title.chars().count()) {
        return Err(Invalid::new("title", "invalid_poll_title", "the title has 3 to 200 characters").into());
    }
    let intro = input.intro.trim();
    if intro.chars().count() > rules::INTRO_MAX {
        return Err(Invalid::new(
            "intro",
            "invalid_intro",
            "the introduction has at most 5,000 characters",
        )
        .into());
    }
    if let (Some(o), Some(c)) = (input.opens_at, input.closes_at)
        && o >= c
    {
        return Err(Invalid::new("closes_at", "invalid_dates", "the poll must close after it opens").into());
    }
    match input.results_visibility {
        "live" => {}
        "after_close" if input.closes_at.is_some() => {}
        "after_close" => {
            return Err(Invalid::new(
                "closes_at",
                "invalid_dates",
                "results shown after closing need a closing time",
            )
            .into());
        }
        _ => {
            return Err(Invalid::new(
                "results_visibility",
                "invalid_visibility",
                "results_visibility is 'live' or 'after_close'",
            )
            .into());
        }
    }
    let questions = rules::build_questions(input.questions)?;
    let json = serde_json::to_string(&questions).map_err(|e| AppError::Internal(Box::new(e)))?;
    let id = Polls::of(db, tenant)
        .create(&NewPoll {
            space: space.space_id(),
            title: &title,
            intro,
            opens_at: input.opens_at,
            closes_at: input.closes_at,
            results_visibility: input.results_visibility,
            allow_changes: input.allow_changes,
            questions_json: &json,
        })
        .await?;
    audit::record(
        db,
        tenant,
        actor,
        audit::action::POLL_CREATED,
        &format!("poll {id}"),
        &title,
    )
    .await?;
    Ok(id)
}

/// A poll that can be read, with its questions, or 404.
pub async fn get(db: &Db, tenant: TenantId, id: i64) -> Result<(PollRecord, Vec<Question>), AppError> {
    let poll = Polls::of(db, tenant).get(id).await?.ok_or(AppError::NotFound)?;
    let questions = questions_of(&poll)?;
    Ok((poll, questions))
}

pub fn questions_of(poll: &PollRecord) -> Result<Vec<Question>, AppError> {
    serde_json::from_str(&poll.questions_json).map_err(|e| AppError::Internal(Box::new(e)))
}

/// What a respondent's submission did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Created,
    Replaced,
}

/// Stores a response. `Ok(Err(problems))`: refused per question, nothing
/// stored. 409 when the poll is not open or the account answered already.
pub async fn respond(
    db: &Db,
    tenant: TenantId,
    user: UserId,
    poll: i64,
    answers: &[AnswerInput],
) -> Result<Result<Outcome, Vec<Problem>>, AppError> {
    let (p, questions) = get(db, tenant, poll).await?;
    let now = Timestamp::now();
    match p.phase(now) {
        "upcoming" => return Err(AppError::conflict("poll_not_open", "this poll is not open yet")),
        "closed" => return Err(AppError::conflict("poll_closed", "this poll is closed")),
        _ => {}
    }
    if answers.len() > 4 * rules::QUESTIONS_MAX {
        return Err(Invalid::new("answers", "too_many_answers", "too many answers").into());
    }
    let cells = match rules::check_answers(&questions, answers) {
        Ok(cells) => cells,
        Err(problems) => return Ok(Err(problems)),
    };
    let rows: Vec<AnswerRow> = cells
        .into_iter()
        .map(|c| AnswerRow {
            question_id: c.question_id,
            choice: c.choice,
            rank: c.rank,
            value: c.value,
            text: c.text,
        })
        .collect();
    match Polls::of(db, tenant)
        .submit(poll, user, p.allow_changes == 1, &rows, now)
        .await
    {
        Ok(Submitted::Created(_)) => Ok(Ok(Outcome::Created)),
        Ok(Submitted::Replaced(_)) => Ok(Ok(Outcome::Replaced)),
        Ok(Submitted::AlreadyAnswered) => Err(already_answered()),
        // A parallel first submission that lost the race on PostgreSQL
        // before the key was visible ends here.
        Err(e) if e.is_conflict_on("poll_responses_tenant_poll_user_key", "poll_responses.tenant_id") => {
            Err(already_answered())
        }
        Err(e) => Err(e.into()),
    }
}

fn already_answered() -> AppError {
    AppError::conflict("already_answered", "you have answered this poll already")
}

/// The account's stored answers, as inputs (to fill the form again).
pub async fn own_answers(db: &Db, tenant: TenantId, poll: i64, user: UserId) -> Result<Vec<AnswerInput>, AppError> {
    let (_, questions) = get(db, tenant, poll).await?;
    let rows = Polls::of(db, tenant).answers_of(poll, user).await?;
    let mut out: BTreeMap<i64, AnswerInput> = BTreeMap::new();
    for r in rows {
        let Some(q) = questions.iter().find(|q| q.id == r.question_id) else {
            continue;
        };
        let a = out.entry(q.id).or_insert_with(|| AnswerInput {
            question_id: q.id,
            ..AnswerInput::default()
        });
        match q.kind {
            Kind::SingleChoice => a.option = Some(r.choice),
            Kind::MultipleChoice => a.options.get_or_insert_with(Vec::new).push(r.choice),
            Kind::Ranking => a.ranking.get_or_insert_with(Vec::new).push(r.choice),
            Kind::Scale | Kind::Number => a.value = Some(r.value),
            Kind::Date => a.date = Some(rules::date_of(r.value as i64)),
            Kind::ShortText | Kind::LongText => a.text = r.text,
        }
    }
    Ok(out.into_values().collect())
}

#[derive(Debug, Clone, Serialize)]
pub struct OptionResult {
    pub label: String,
    pub count: i64,
    /// Of the responses that answered the question, 0–100.
    pub percent: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct RankResult {
    pub label: String,
    /// Borda count: n − position points for each ranking.
    pub borda: i64,
    /// Times ranked first.
    pub first: i64,
    pub first_percent: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub mean: f64,
    pub median: f64,
    pub min: f64,
    pub max: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionResult {
    pub id: i64,
    pub kind: Kind,
    pub text: String,
    /// Responses that answered this question.
    pub answered: i64,
    /// Choice questions: per option. Scales, numbers and dates: the
    /// distribution of values.
    pub options: Vec<OptionResult>,
    /// Ranking questions, best Borda count first.
    pub ranking: Vec<RankResult>,
    /// Scales and numbers (dates: days since 1970-01-01).
    pub stats: Option<Stats>,
    /// Free-text answers: staff only; empty for everyone else.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub texts: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Results {
    pub poll_id: i64,
    pub title: String,
    /// "upcoming", "open" or "closed".
    pub phase: String,
    pub responses: i64,
    pub questions: Vec<QuestionResult>,
}

fn percent(n: i64, of: i64) -> f64 {
    if of == 0 {
        0.0
    } else {
        (n as f64 * 1000.0 / of as f64).round() / 10.0
    }
}

/// May this person see the results now? Staff always; others when results
/// are live or the poll has closed.
pub fn results_visible(poll: &PollRecord, staff: bool, now: Timestamp) -> bool {
    staff || poll.results_visibility == "live" || poll.phase(now) == "closed"
}

/// The results, or `None` while they are hidden from this person. Free
/// text is included for staff only. Never says who answered.
pub async fn results(db: &Db, tenant: TenantId, poll: i64, staff: bool) -> Result<Option<Results>, AppError> {
    let (p, questions) = get(db, tenant, poll).await?;
    let now = Timestamp::now();
    if !results_visible(&p, staff, now) {
        return Ok(None);
    }
    let store = Polls::of(db, tenant);
    let counts = store.counts(poll).await?;
    let answered: BTreeMap<i64, i64> = store.answered(poll).await?.into_iter().collect();
    let mut texts: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    if staff && questions.iter().any(|q| q.kind.is_text()) {
        for (q, t) in store.texts(poll, 5_000).await? {
            texts.entry(q).or_default().push(t);
        }
    }
    let mut by_question: BTreeMap<i64, Vec<&civic_store::polls::AnswerCount>> = BTreeMap::new();
    for c in &counts {
        by_question.entry(c.question_id).or_default().push(c);
    }
    let out = questions
        .iter()
        .map(|q| {
            let n = answered.get(&q.id).copied().unwrap_or(0);
            let rows = by_question.get(&q.id).map(Vec::as_slice).unwrap_or_default();
            let mut r = QuestionResult {
                id: q.id,
                kind: q.kind,
                text: q.text.clone(),
                answered: n,
                options: Vec::new(),
                ranking: Vec::new(),
                stats: None,
                texts: texts.remove(&q.id).unwrap_or_default(),
            };
            match q.kind {
                Kind::SingleChoice | Kind::MultipleChoice => {
                    r.options = q
                        .options
                        .iter()
                        .enumerate()
                        .map(|(i, label)| {
                            let count = rows.iter().filter(|c| c.choice == i as i64).map(|c| c.count).sum();
                            OptionResult {
                                label: label.clone(),
                                count,
                                percent: percent(count, n),
                            }
                        })
                        .collect();
                }
                Kind::Ranking => {
                    let size = q.options.len() as i64;
                    let mut ranking: Vec<RankResult> = q
                        .options
                        .iter()
                        .enumerate()
                        .map(|(i, label)| {
                            let mine = rows.iter().filter(|c| c.choice == i as i64);
                            let borda = mine.clone().map(|c| c.count * (size - c.rank).max(0)).sum();
                            let first = mine.filter(|c| c.rank == 1).map(|c| c.count).sum();
                            RankResult {
                                label: label.clone(),
                                borda,
                                first,
                                first_percent: percent(first, n),
                            }
                        })
                        .collect();
                    ranking.sort_by(|a, b| b.borda.cmp(&a.borda).then(b.first.cmp(&a.first)));
                    r.ranking = ranking;
                }
                Kind::Scale | Kind::Number | Kind::Date => {
                    let values: Vec<(f64, i64)> = rows.iter().map(|c| (c.value, c.count)).collect();
                    r.stats = stats(&values);
                    r.options = if q.kind == Kind::Scale {
                        let (lo, hi) = q.scale();
                        (lo..=hi)
                            .map(|v| {
                                let count = values.iter().filter(|(x, _)| *x == v as f64).map(|(_, c)| c).sum();
                                OptionResult {
                                    label: v.to_string(),
                                    count,
                                    percent: percent(count, n),
                                }
                            })
                            .collect()
                    } else {
                        values
                            .iter()
                            .map(|(v, count)| OptionResult {
                                label: if q.kind == Kind::Date {
                                    rules::date_of(*v as i64)
                                } else {
                                    format_number(*v)
                                },
                                count: *count,
                                percent: percent(*count, n),
                            })
                            .collect()
                    };
                }
                Kind::ShortText | Kind::LongText => {}
            }
            r
        })
        .collect();
    Ok(Some(Results {
        poll_id: p.id,
        title: p.title.clone(),
        phase: p.phase(now).to_string(),
        responses: p.response_count,
        questions: out,
    }))
}

/// A number without a needless ".0".
pub fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Mean, median, min and max from (value, count) sorted by value.
fn stats(values: &[(f64, i64)]) -> Option<Stats> {
    let n: i64 = values.iter().map(|(_, c)| c).sum();
    if n == 0 {
        return None;
    }
    let sum: f64 = values.iter().map(|(v, c)| v * *c as f64).sum();
    let at = |k: i64| {
        let mut seen = 0;
        for (v, c) in values {
            seen += c;
            if seen > k {
                return *v;
            }
        }
        values.last().map_or(0.0, |(v, _)| *v)
    };
    let median = if n % 2 == 1 {
        at(n / 2)
    } else {
        (at(n / 2 - 1) + at(n / 2)) / 2.0
    };
    Some(Stats {
        mean: (sum / n as f64 * 100.0).round() / 100.0,
        median,
        min: values.first().map_or(0.0, |(v, _)| *v),
        max: values.last().map_or(0.0, |(v, _)| *v),
    })
}

/// The CSV header: a response number, then one column per question.
pub fn csv_header(questions: &[Question]) -> String {
    let mut cells = vec!["response".to_string()];
    cells.extend(questions.iter().map(|q| format!("Q{} {}", q.id, q.text)));
    csv_line(&cells)
}

/// One response as a CSV line: the number given in the export (not an id),
/// then each question's answer.
pub fn csv_row(number: i64, questions: &[Question], answers: &[AnswerRow]) -> String {
    let mut cells = vec![number.to_string()];
    for q in questions {
        let mine: Vec<&AnswerRow> = answers.iter().filter(|a| a.question_id == q.id).collect();
        let label = |i: i64| q.options.get(i as usize).cloned().unwrap_or_default();
        let cell = match q.kind {
            Kind::SingleChoice | Kind::MultipleChoice => {
                mine.iter().map(|a| label(a.choice)).collect::<Vec<_>>().join("; ")
            }
            Kind::Ranking => {
                let mut ranked = mine.clone();
                ranked.sort_by_key(|a| a.rank);
                ranked.iter().map(|a| label(a.choice)).collect::<Vec<_>>().join(" > ")
            }
            Kind::Scale | Kind::Number => mine.first().map(|a| format_number(a.value)).unwrap_or_default(),
            Kind::Date => mine.first().map(|a| rules::date_of(a.value as i64)).unwrap_or_default(),
            Kind::ShortText | Kind::LongText => mine.first().and_then(|a| a.text.clone()).unwrap_or_default(),
        };
        cells.push(cell);
    }
    csv_line(&cells)
}

/// Quoted cells; a cell a spreadsheet would run as a formula gets a
/// leading apostrophe.
fn csv_line(cells: &[String]) -> String {
    let mut line = cells
        .iter()
        .map(|c| {
            let guarded = if c.starts_with(['=', '+', '-', '@', '\t', '\r']) && c.parse::<f64>().is_err() {
                format!("'{c}")
            } else {
                c.clone()
            };
            format!("\"{}\"", guarded.replace('"', "\"\""))
        })
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}
