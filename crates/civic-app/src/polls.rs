//! Polls and surveys: staff create them in a space, residents answer once
//! (or change their answer when staff allow it), and results are counted
//! by aggregate queries — never by reading every response.

use crate::AppError;
use crate::Platform;
use crate::audit::{self, Actor};
pub use civic_core::polls::ResultsFilter as Filter;
use civic_core::polls::{self as rules, AnswerInput, Kind, Problem, Question, QuestionInput};
use civic_core::{Invalid, Role, SpaceId, TenantId, Timestamp, UserId};
use civic_store::polls::{AnswerCount, AnswerRow, NewPoll, PollRecord, Polls, Submitted};
use serde::Serialize;
use std::collections::BTreeMap;

/// Who may create polls and read free-text answers and exports.
pub fn may_manage(role: Role) -> bool {
    matches!(role, Role::Official | Role::Admin)
}

#[derive(Clone, Copy)]
pub struct NewPollInput<'a> {
    pub title: &'a str,
    pub intro: &'a str,
    pub opens_at: Option<i64>,
    pub closes_at: Option<i64>,
    /// "live" or "after_close".
    pub results_visibility: &'a str,
    pub allow_changes: bool,
    pub questions: &'a [QuestionInput],
    /// "signed_in", "districts" or "verified".
    pub eligibility: &'a str,
    /// With "districts": the space's districts that may answer.
    pub districts: &'a [String],
    pub anonymous: bool,
    /// Publish at once (else a draft only staff see).
    pub publish: bool,
}

/// A checked poll definition, ready to store.
struct Checked {
    title: String,
    intro: String,
    questions_json: String,
    districts: String,
}

fn forbid_unless_staff(role: Role, what: &str) -> Result<(), AppError> {
    if may_manage(role) {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "staff_only",
            format!("only the municipality's officials can {what}"),
        ))
    }
}

/// Checks what staff wrote. Drafts may have no questions yet.
fn check(input: &NewPollInput<'_>, space_districts: &[String]) -> Result<Checked, AppError> {
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
    let districts: Vec<&String> = input.districts.iter().filter(|d| !d.trim().is_empty()).collect();
    match input.eligibility {
        "signed_in" | "verified" => {}
        "districts" => {
            if districts.is_empty() || districts.iter().any(|d| !space_districts.contains(d)) {
                return Err(Invalid::new(
                    "districts",
                    "invalid_poll_districts",
                    "choose one or more of the space's districts",
                )
                .into());
            }
        }
        _ => {
            return Err(Invalid::new(
                "eligibility",
                "invalid_eligibility",
                "eligibility is 'signed_in', 'districts' or 'verified'",
            )
            .into());
        }
    }
    let questions = if input.questions.is_empty() && !input.publish {
        Vec::new()
    } else {
        rules::build_questions(input.questions)?
    };
    Ok(Checked {
        title,
        intro: intro.to_string(),
        questions_json: serde_json::to_string(&questions).map_err(|e| AppError::Internal(Box::new(e)))?,
        districts: if input.eligibility == "districts" {
            districts.iter().map(|d| d.as_str()).collect::<Vec<_>>().join("\n")
        } else {
            String::new()
        },
    })
}

/// Why a poll cannot be published, if it cannot.
fn publishable(questions: &[Question]) -> Result<(), AppError> {
    if questions.is_empty() {
        return Err(Invalid::new("questions", "no_questions", "a poll needs at least one question").into());
    }
    Ok(())
}

fn new_poll<'a>(space: SpaceId, c: &'a Checked, input: &'a NewPollInput<'_>, status: &'a str) -> NewPoll<'a> {
    NewPoll {
        space,
        title: &c.title,
        intro: &c.intro,
        opens_at: input.opens_at,
        closes_at: input.closes_at,
        results_visibility: input.results_visibility,
        allow_changes: input.allow_changes,
        questions_json: &c.questions_json,
        status,
        eligibility: input.eligibility,
        districts: &c.districts,
        anonymous: input.anonymous,
    }
}

/// Creates a poll in an open space (officials and administrators), as a
/// draft or published.
pub async fn create(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    space: SpaceId,
    input: &NewPollInput<'_>,
) -> Result<i64, AppError> {
    forbid_unless_staff(role, "create a poll")?;
    let tx = db.begin().await?;
    let db = &tx;
    let space = creating_in(db, tenant, space).await?;
    let checked = check(input, &space.district_choices())?;
    if input.publish {
        publishable(&rules::build_questions(input.questions)?)?;
    }
    let status = if input.publish { "published" } else { "draft" };
    let id = Polls::of(db, tenant)
        .create(&new_poll(space.space_id(), &checked, input, status))
        .await?;
    audit::record(
        db,
        tenant,
        actor,
        audit::action::POLL_CREATED,
        &format!("poll {id}"),
        &checked.title,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A poll for staff, draft or published, with its questions, or 404.
pub async fn get_for_staff(
    db: &Platform,
    tenant: TenantId,
    role: Role,
    id: i64,
) -> Result<(PollRecord, Vec<Question>), AppError> {
    forbid_unless_staff(role, "manage polls")?;
    let poll = Polls::of(db, tenant).get_any(id).await?.ok_or(AppError::NotFound)?;
    let questions = questions_of(&poll)?;
    Ok((poll, questions))
}

fn has_responses() -> AppError {
    AppError::conflict(
        "poll_has_responses",
        "people have answered this poll, so its questions, options and kinds can no longer change \
         (their answers would no longer fit); duplicate the poll to ask different questions",
    )
}

/// Changes a poll. Title, introduction, dates and settings may always
/// change; the questions only until someone answers (409 after that).
pub async fn update(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    poll: i64,
    input: &NewPollInput<'_>,
) -> Result<(), AppError> {
    let tx = db.begin().await?;
    let db = &tx;
    let (p, _) = get_for_staff(db, tenant, role, poll).await?;
    let space = civic_store::spaces::Spaces::of(db, tenant)
        .get_public(SpaceId(p.space_id))
        .await?
        .ok_or(AppError::NotFound)?;
    let published = p.status == "published";
    let checked = check(
        &NewPollInput {
            publish: published,
            ..*input
        },
        &space.district_choices(),
    )?;
    if published {
        publishable(&rules::build_questions(input.questions)?)?;
    }
    let store = Polls::of(db, tenant);
    let changed = store
        .update(poll, &new_poll(SpaceId(p.space_id), &checked, input, &p.status))
        .await?;
    if !changed {
        return Err(has_responses());
    }
    audit::record(
        db,
        tenant,
        actor,
        audit::action::POLL_UPDATED,
        &format!("poll {poll}"),
        &checked.title,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Publishes a draft: refused without questions, or with an eligibility
/// that cannot be checked yet.
pub async fn publish(db: &Platform, tenant: TenantId, actor: &Actor, role: Role, poll: i64) -> Result<(), AppError> {
    let tx = db.begin().await?;
    let db = &tx;
    let (p, questions) = get_for_staff(db, tenant, role, poll).await?;
    publishable(&questions)?;
    Polls::of(db, tenant).set_status(poll, "published").await?;
    audit::record(
        db,
        tenant,
        actor,
        audit::action::POLL_PUBLISHED,
        &format!("poll {poll}"),
        &p.title,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A copy of a poll as a new draft in the same space (no responses).
pub async fn duplicate(db: &Platform, tenant: TenantId, actor: &Actor, role: Role, poll: i64) -> Result<i64, AppError> {
    let tx = db.begin().await?;
    let db = &tx;
    let (p, _) = get_for_staff(db, tenant, role, poll).await?;
    let id = Polls::of(db, tenant)
        .create(&NewPoll {
            space: SpaceId(p.space_id),
            title: &p.title,
            intro: &p.intro,
            opens_at: p.opens_at,
            closes_at: p.closes_at,
            results_visibility: &p.results_visibility,
            allow_changes: p.allow_changes == 1,
            questions_json: &p.questions_json,
            status: "draft",
            eligibility: &p.eligibility,
            districts: &p.districts,
            anonymous: p.anonymous == 1,
        })
        .await?;
    audit::record(
        db,
        tenant,
        actor,
        audit::action::POLL_CREATED,
        &format!("poll {id}"),
        &format!("copy of poll {poll}: {}", p.title),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A published poll that can be read, with its questions, or 404.
pub async fn get(db: &Platform, tenant: TenantId, id: i64) -> Result<(PollRecord, Vec<Question>), AppError> {
    let poll = Polls::of(db, tenant).get(id).await?.ok_or(AppError::NotFound)?;
    let questions = questions_of(&poll)?;
    Ok((poll, questions))
}

pub fn questions_of(poll: &PollRecord) -> Result<Vec<Question>, AppError> {
    serde_json::from_str(&poll.questions_json).map_err(|e| AppError::Internal(Box::new(e)))
}

/// The districts a respondent may state: the poll's own list when it is
/// limited to districts, else the space's (empty: none asked).
pub async fn district_choices(db: &Platform, tenant: TenantId, poll: &PollRecord) -> Result<Vec<String>, AppError> {
    let space = civic_store::spaces::Spaces::of(db, tenant)
        .get_public(SpaceId(poll.space_id))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(space.district_choices())
}

/// The space a poll is created in: a draft being prepared or a published
/// one that has not ended, with polls switched on.
/// The new-poll form and the creation itself both check it.
pub async fn creating_in(
    db: &Platform,
    tenant: TenantId,
    space: civic_core::SpaceId,
) -> Result<civic_core::spaces::Space, AppError> {
    crate::spaces::preparing_space(db, tenant, space, "polls").await
}

/// May an account with this stated district answer (`verified`: the
/// account is a verified resident now)? `Err` says why not.
pub fn eligible(
    poll: &PollRecord,
    choices: &[String],
    district: Option<&str>,
    verified: bool,
) -> Result<String, AppError> {
    let district = district.map(str::trim).unwrap_or_default();
    if poll.eligibility == "verified" && !verified {
        return Err(crate::verification::required());
    }
    if !district.is_empty() && !choices.iter().any(|c| c == district) {
        return Err(Invalid::new("district", "invalid_district", "choose one of the listed districts").into());
    }
    if poll.eligibility == "districts" {
        let allowed = poll.district_list();
        if district.is_empty() {
            return Err(Invalid::new(
                "district",
                "district_required",
                "say which district you live in: this poll is limited to some districts",
            )
            .into());
        }
        if !allowed.iter().any(|a| a == district) {
            return Err(AppError::forbidden(
                "other_district",
                format!("this poll is only for residents of: {}", allowed.join(", ")),
            ));
        }
    }
    Ok(district.to_string())
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
    db: &Platform,
    tenant: TenantId,
    user: UserId,
    poll: i64,
    answers: &[AnswerInput],
) -> Result<Result<Outcome, Vec<Problem>>, AppError> {
    respond_from(db, tenant, user, poll, None, answers).await
}

/// The polls of a space visitors may see (404 when they may not); drafts
/// too for `staff`.
pub async fn in_public_space(
    db: &Platform,
    tenant: TenantId,
    space: SpaceId,
    staff: bool,
) -> Result<Vec<PollRecord>, AppError> {
    civic_store::spaces::Spaces::of(db, tenant)
        .get_public(space)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Polls::of(db, tenant).in_space(space, staff).await?)
}

/// Whether `user` has answered `poll`.
pub async fn has_responded(db: &Platform, tenant: TenantId, poll: i64, user: UserId) -> Result<bool, AppError> {
    Ok(Polls::of(db, tenant).has_responded(poll, user).await?)
}

/// Refuses answers to a poll that is not open.
pub fn check_open(p: &PollRecord, now: Timestamp) -> Result<(), AppError> {
    match p.phase(now) {
        "upcoming" => Err(AppError::conflict("poll_not_open", "this poll is not open yet")),
        "closed" => Err(AppError::conflict("poll_closed", "this poll is closed")),
        _ => Ok(()),
    }
}

/// `respond` with the district the respondent states (needed when the
/// poll is limited to districts: accounts have no district of their own).
pub async fn respond_from(
    db: &Platform,
    tenant: TenantId,
    user: UserId,
    poll: i64,
    district: Option<&str>,
    answers: &[AnswerInput],
) -> Result<Result<Outcome, Vec<Problem>>, AppError> {
    let (p, questions) = get(db, tenant, poll).await?;
    let now = Timestamp::now();
    check_open(&p, now)?;
    let space = civic_store::spaces::Spaces::of(db, tenant)
        .get_public(SpaceId(p.space_id))
        .await?
        .ok_or(AppError::NotFound)?;
    if !space.is_open(now) {
        return Err(crate::spaces::space_closed());
    }
    let verified = if p.eligibility == "verified" {
        crate::verification::is_verified(db, tenant, user).await?
    } else {
        true
    };
    crate::spaces::may_take_part(db, tenant, &space, user).await?;
    let district = eligible(&p, &space.district_choices(), district, verified)?;
    if answers.len() > 4 * rules::QUESTIONS_MAX {
        return Err(Invalid::new("answers", "too_many_answers", "too many answers").into());
    }
    let cells = match rules::check_answers(&questions, answers) {
        Ok(cells) => cells,
        Err(problems) => return Ok(Err(problems)),
    };
    let rows: Vec<AnswerRow> = cells.into_iter().map(AnswerRow::from).collect();
    match Polls::of(db, tenant)
        .submit_from(poll, user, &district, p.allow_changes == 1, &rows, now)
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
pub async fn own_answers(
    db: &Platform,
    tenant: TenantId,
    poll: i64,
    user: UserId,
) -> Result<Vec<AnswerInput>, AppError> {
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
        if q.kind.may_have_other() && r.text.is_some() {
            a.other = r.text.clone();
        }
        match q.kind {
            Kind::SingleChoice => a.option = Some(r.choice),
            Kind::MultipleChoice => a.options.get_or_insert_with(Vec::new).push(r.choice),
            Kind::Matrix => {
                let row = (r.rank - 1) as usize;
                let m = a.matrix.get_or_insert_with(|| vec![-1; q.rows.len()]);
                if let Some(cell) = m.get_mut(row) {
                    *cell = r.choice;
                }
            }
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
    /// The "other: please specify" option (its label is "other").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub other: bool,
}

/// One row of a matrix question: counts per column.
#[derive(Debug, Clone, Serialize)]
pub struct MatrixRow {
    pub label: String,
    pub counts: Vec<i64>,
    /// Of the responses that answered this row, 0–100, per column.
    pub percents: Vec<f64>,
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
    /// Matrix questions: the columns (the shared scale) and one row each.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub matrix: Vec<MatrixRow>,
    /// Free-text answers (and "other" texts): staff only; empty for everyone else.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub texts: Vec<String>,
    /// The commonest words of the free-text answers: staff only.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<(String, i64)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Results {
    pub poll_id: i64,
    pub title: String,
    /// "upcoming", "open" or "closed".
    pub phase: String,
    pub responses: i64,
    /// The filter applied (district, and/or an answer to another question).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<(i64, i64)>,
    /// A filter kept fewer than `MIN_GROUP` responses: counts are withheld,
    /// so that a small group's answers cannot be told apart.
    pub withheld: bool,
    /// Districts respondents stated, with their responses (for filters).
    pub districts: Vec<(String, i64)>,
    pub questions: Vec<QuestionResult>,
}

/// The fewest responses a filtered view shows.
pub const MIN_GROUP: i64 = 5;

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
pub async fn results(db: &Platform, tenant: TenantId, poll: i64, staff: bool) -> Result<Option<Results>, AppError> {
    results_filtered(db, tenant, poll, staff, &Filter::default(), "").await
}

/// `results` for the responses a filter keeps. Unfiltered results come
/// from counters kept in the answering transaction (a fixed cost per view);
/// filtered ones are aggregate queries.
///
/// Filtered views by people who are not staff count against an allowance
/// of `address`.
pub async fn results_filtered(
    db: &Platform,
    tenant: TenantId,
    poll: i64,
    staff: bool,
    filter: &Filter,
    address: &str,
) -> Result<Option<Results>, AppError> {
    if !staff && !filter.is_empty() {
        crate::limits::check(db, tenant, crate::limits::Limit::FilteredResultsFromAddress, address).await?;
    }
    let (p, questions) = get(db, tenant, poll).await?;
    let now = Timestamp::now();
    if !results_visible(&p, staff, now) {
        return Ok(None);
    }
    if let Some((q, o)) = filter.answer
        && !questions
            .iter()
            .any(|x| x.id == q && x.kind.has_options() && o >= 0 && o < x.choice_count())
    {
        return Err(Invalid::new("answer", "invalid_filter", "filter by an option of a choice question").into());
    }
    // Two answer filters that differ by one respondent would show that
    // person's answers: cross-tabulation is for staff, who see the
    // responses anyway.
    if filter.answer.is_some() && !staff {
        return Err(AppError::forbidden(
            "staff_only",
            "results filtered by an answer are for the municipality's staff",
        ));
    }
    let store = Polls::of(db, tenant);
    let districts = store.districts(poll).await?;
    // A district is shown alone only when neither it nor what the other
    // shown districts leave over is a group smaller than MIN_GROUP.
    let unsafe_district = !staff
        && filter
            .district
            .as_ref()
            .is_some_and(|d| !districts_shown_alone(&districts, p.response_count, MIN_GROUP).contains(d));
    let (mut counts, answered, mut responses): (Vec<AnswerCount>, Vec<(i64, i64)>, i64) = if unsafe_district {
        (Vec::new(), Vec::new(), 0)
    } else if filter.is_empty() {
        (store.counts(poll).await?, store.answered(poll).await?, p.response_count)
    } else {
        store.filtered(poll, filter).await?
    };
    let mut answered: BTreeMap<i64, i64> = answered.into_iter().collect();
    let withheld = unsafe_district || (!filter.is_empty() && responses < MIN_GROUP);
    if withheld {
        counts.clear();
        answered.clear();
        responses = 0;
    }
    let mut texts: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    if staff && filter.is_empty() && questions.iter().any(|q| q.kind.is_text() || q.other) {
        for (q, t) in store.texts(poll, 5_000).await? {
            texts.entry(q).or_default().push(t);
        }
    }
    let out = question_results(&questions, &counts, &answered, texts);
    Ok(Some(Results {
        poll_id: p.id,
        title: p.title.clone(),
        phase: p.phase(now).to_string(),
        responses,
        district: filter.district.clone(),
        answer: filter.answer,
        withheld,
        districts,
        questions: out,
    }))
}

/// Each question's results from the counts of its answers (`counts`, any
/// order), how many responses answered it (`answered`) and, for staff, the
/// free-text answers (`texts`).
pub(crate) fn question_results(
    questions: &[Question],
    counts: &[AnswerCount],
    answered: &BTreeMap<i64, i64>,
    mut texts: BTreeMap<i64, Vec<String>>,
) -> Vec<QuestionResult> {
    let mut by_question: BTreeMap<i64, Vec<&civic_store::polls::AnswerCount>> = BTreeMap::new();
    for c in counts {
        by_question.entry(c.question_id).or_default().push(c);
    }
    questions
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
                columns: Vec::new(),
                matrix: Vec::new(),
                texts: texts.remove(&q.id).unwrap_or_default(),
                words: Vec::new(),
            };
            if q.kind.is_text() {
                r.words = crate::words::frequencies(&r.texts, 20);
            }
            match q.kind {
                Kind::SingleChoice | Kind::MultipleChoice => {
                    r.options = (0..q.choice_count())
                        .map(|i| {
                            let count = rows.iter().filter(|c| c.choice == i).map(|c| c.count).sum();
                            OptionResult {
                                label: q.option_label(i, "other").to_string(),
                                count,
                                percent: percent(count, n),
                                other: i == q.options.len() as i64,
                            }
                        })
                        .collect();
                }
                Kind::Matrix => {
                    r.columns = q.options.clone();
                    r.matrix = q
                        .rows
                        .iter()
                        .enumerate()
                        .map(|(row, label)| {
                            let counts: Vec<i64> = (0..q.options.len() as i64)
                                .map(|col| {
                                    rows.iter()
                                        .filter(|c| c.rank == row as i64 + 1 && c.choice == col)
                                        .map(|c| c.count)
                                        .sum()
                                })
                                .collect();
                            let total: i64 = counts.iter().sum();
                            MatrixRow {
                                label: label.clone(),
                                percents: counts.iter().map(|c| percent(*c, total)).collect(),
                                counts,
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
                                    other: false,
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
                                other: false,
                            })
                            .collect()
                    };
                }
                Kind::ShortText | Kind::LongText => {}
            }
            r
        })
        .collect()
}

/// The districts whose results may be shown on their own: each has at
/// least `min` responses, and so has what is left when they are taken from
/// the total (the other districts and the responses without one) — else a
/// small group's answers would be the total minus the districts shown. The
/// smallest districts are held back until the rest is large enough.
pub fn districts_shown_alone(districts: &[(String, i64)], responses: i64, min: i64) -> Vec<String> {
    let mut shown: Vec<&(String, i64)> = districts.iter().filter(|(_, n)| *n >= min).collect();
    shown.sort_by_key(|(name, n)| (*n, name.clone()));
    let mut left_over = responses - shown.iter().map(|(_, n)| n).sum::<i64>();
    while left_over > 0 && left_over < min && !shown.is_empty() {
        let (_, n) = shown.remove(0);
        left_over += n;
    }
    shown.into_iter().map(|(name, _)| name.clone()).collect()
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
/// Responses to a poll exported at once at most.
const EXPORT_BATCH: i64 = 500;

/// One batch of a poll's CSV export.
pub struct ExportBatch {
    /// The rows, numbered from the `number` asked for plus one.
    pub text: String,
    /// Where the next batch starts.
    pub last_response: i64,
    pub rows: i64,
}

/// The next rows of the CSV export, after response `after`, numbered from
/// `number + 1` (no account, no e-mail); `None` when none are left.
pub async fn export_batch(
    db: &Platform,
    tenant: TenantId,
    poll: i64,
    questions: &[Question],
    after: i64,
    number: i64,
) -> Result<Option<ExportBatch>, AppError> {
    let batch = Polls::of(db, tenant).export_batch(poll, after, EXPORT_BATCH).await?;
    let Some((last, _)) = batch.last() else {
        return Ok(None);
    };
    let last_response = *last;
    let mut text = String::new();
    for (n, (_, answers)) in (number + 1..).zip(&batch) {
        text.push_str(&csv_row(n, questions, answers));
    }
    Ok(Some(ExportBatch {
        text,
        last_response,
        rows: batch.len() as i64,
    }))
}

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
            Kind::SingleChoice | Kind::MultipleChoice => mine
                .iter()
                .map(|a| match &a.text {
                    Some(t) => format!("other: {t}"),
                    None => label(a.choice),
                })
                .collect::<Vec<_>>()
                .join("; "),
            Kind::Matrix => mine
                .iter()
                .map(|a| {
                    let row = q.rows.get((a.rank - 1) as usize).cloned().unwrap_or_default();
                    format!("{row}: {}", label(a.choice))
                })
                .collect::<Vec<_>>()
                .join("; "),
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

#[cfg(test)]
mod tests {
    use super::districts_shown_alone;

    fn d(list: &[(&str, i64)]) -> Vec<(String, i64)> {
        list.iter().map(|(n, c)| (n.to_string(), *c)).collect()
    }

    #[test]
    fn small_districts_and_their_complement_are_held_back() {
        // Everyone in large districts: all shown.
        assert_eq!(districts_shown_alone(&d(&[("A", 5), ("B", 7)]), 12, 5), ["A", "B"]);
        // One person in C: C is hidden, and so is A (the smallest large
        // one), or the total minus A and B would be C's answer.
        assert_eq!(districts_shown_alone(&d(&[("A", 5), ("B", 7), ("C", 1)]), 13, 5), ["B"]);
        // Two people without a district count as left over too.
        assert_eq!(districts_shown_alone(&d(&[("A", 6), ("B", 9)]), 17, 5), ["B"]);
        // Enough left over already: nothing more is held back.
        assert_eq!(
            districts_shown_alone(&d(&[("A", 6), ("B", 9), ("C", 3)]), 20, 5),
            ["A", "B"]
        );
        // Nothing can be shown when even all together are too few to hide one.
        assert!(districts_shown_alone(&d(&[("A", 5), ("C", 1)]), 6, 5).is_empty());
    }
}
