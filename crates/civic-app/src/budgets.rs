//! Participatory budgets: officials set up a budget in a space, residents
//! propose projects while submission is open, officials review each
//! project, residents vote while voting is open (or staff enter a paper
//! ballot), and the ballots are counted by the budget's rule with
//! `civic_insight::pb`.

use crate::audit::{self, Actor};
use crate::limits::{self, Limit};
use crate::{AppError, Platform};
use civic_core::budgets::{
    BallotChoice, BallotRules, BallotType, Budget, BudgetPhase, Implementation, Project, ProjectStatus, check_ballot,
};
use civic_core::user::StaffRoles;
use civic_core::{Email, Invalid, Problems, Role, SpaceId, TenantId, Timestamp, UserId};
use civic_insight::pb::{self, BallotKind, Ballots, Election, Reason, Rule, Threshold, TieBreak};
use civic_store::budgets::{BallotRecord, Budgets, MarkRow, NewBudget, NewProject};
use sha2::{Digest, Sha256};

/// The counting rules a budget may use (per-category budgets need
/// category funds, which budgets of the platform do not set yet).
pub const RULES: [&str; 6] = [
    "greedy",
    "greedy-no-skip",
    "greedy-threshold",
    "votes-per-cost",
    "equalshares",
    "equalshares/add1",
];

const TITLE_MAX: usize = 200;
const BODY_MAX: usize = 10_000;
const LABEL_MAX: usize = 100;

/// Officials and administrators set up budgets, review projects and enter
/// paper ballots: they answer for the city's money.
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

/// What staff fill in to set up a budget; numbers as typed.
#[derive(Debug, Clone, Default)]
pub struct BudgetInput {
    pub title: String,
    pub description: String,
    pub amount: String,
    pub ballot_type: String,
    pub min_choices: String,
    pub max_choices: String,
    pub points_total: String,
    pub rule: String,
    pub threshold: String,
    pub exclude_own: bool,
    /// `YYYY-MM-DD`, the last day projects are taken (optional).
    pub submission_ends: String,
    /// `YYYY-MM-DD`, the last day of voting (optional).
    pub voting_ends: String,
}

fn whole_number(raw: &str, field: &'static str, min: i64, max: i64, what: &str) -> Result<i64, Invalid> {
    let digits: String = raw.chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').collect();
    match digits.parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(Invalid::new(
            field,
            "invalid_number",
            format!("{what} is a whole number from {min} to {max}"),
        )),
    }
}

fn optional_number(raw: &str, field: &'static str, min: i64, max: i64, what: &str) -> Result<i64, Invalid> {
    if raw.trim().is_empty() {
        Ok(0)
    } else {
        whole_number(raw, field, min, max, what)
    }
}

/// The end of a day given as `YYYY-MM-DD` (the midnight after it, UTC), or
/// `None` for an empty field.
fn day_end(raw: &str, field: &'static str) -> Result<Option<i64>, Invalid> {
    civic_core::spaces::day_end(field, raw)
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

struct CheckedBudget {
    title: String,
    description: String,
    amount: i64,
    ballot_type: BallotType,
    min_choices: i64,
    max_choices: i64,
    points_total: i64,
    rule: &'static str,
    threshold: Option<i64>,
    submission_ends: Option<i64>,
    voting_ends: Option<i64>,
}

fn check_budget(input: &BudgetInput) -> Result<CheckedBudget, Problems> {
    let mut p = Problems::new();
    let title = p.check(text(&input.title, "title", 5, TITLE_MAX, "the title"));
    let description = p.check(text(&input.description, "description", 0, BODY_MAX, "the description"));
    let amount = p.check(whole_number(
        &input.amount,
        "amount",
        1,
        1_000_000_000_000,
        "the amount (UAH)",
    ));
    let ballot_type = p.check(BallotType::parse(input.ballot_type.trim()).ok_or_else(|| {
        Invalid::new(
            "ballot_type",
            "invalid_ballot_type",
            "the ballot type is approval, knapsack, cumulative or ranked",
        )
    }));
    let min_choices = p.check(optional_number(
        &input.min_choices,
        "min_choices",
        0,
        1000,
        "the minimum",
    ));
    let max_choices = p.check(optional_number(
        &input.max_choices,
        "max_choices",
        0,
        1000,
        "the maximum",
    ));
    let points_total = p.check(optional_number(
        &input.points_total,
        "points_total",
        0,
        10_000,
        "the points",
    ));
    let rule = p.check(RULES.into_iter().find(|r| *r == input.rule.trim()).ok_or_else(|| {
        Invalid::new(
            "rule",
            "invalid_rule",
            format!("the rule is one of: {}", RULES.join(", ")),
        )
    }));
    let threshold = p.check(optional_number(
        &input.threshold,
        "threshold",
        0,
        100_000_000,
        "the threshold",
    ));
    let submission_ends = p.check(day_end(&input.submission_ends, "submission_ends"));
    let voting_ends = p.check(day_end(&input.voting_ends, "voting_ends"));
    if let (Some(min), Some(max)) = (min_choices, max_choices)
        && max > 0
        && min > max
    {
        p.push(Invalid::new(
            "max_choices",
            "max_below_min",
            "the maximum is at least the minimum",
        ));
    }
    if ballot_type == Some(BallotType::Cumulative) && points_total == Some(0) {
        p.push(Invalid::new(
            "points_total",
            "points_needed",
            "a cumulative ballot needs the number of points each voter spreads",
        ));
    }
    if ballot_type == Some(BallotType::Ranked) && rule.is_some_and(|r| r.starts_with("equalshares")) {
        p.push(Invalid::new(
            "rule",
            "rule_does_not_fit_ballot",
            "the Method of Equal Shares counts approval, knapsack and cumulative ballots, not rankings",
        ));
    }
    if rule == Some("greedy-threshold") && threshold == Some(0) {
        p.push(Invalid::new(
            "threshold",
            "threshold_needed",
            "the rule greedy-threshold needs the minimum number of votes",
        ));
    }
    if let (Some(s), Some(v)) = (submission_ends.flatten(), voting_ends.flatten())
        && v <= s
    {
        p.push(Invalid::new(
            "voting_ends",
            "voting_before_submission",
            "voting ends after submission ends",
        ));
    }
    let checked = match (
        title,
        description,
        amount,
        ballot_type,
        min_choices,
        max_choices,
        points_total,
        rule,
        threshold,
        submission_ends,
        voting_ends,
    ) {
        (
            Some(title),
            Some(description),
            Some(amount),
            Some(ballot_type),
            Some(min_choices),
            Some(max_choices),
            Some(points_total),
            Some(rule),
            Some(threshold),
            Some(submission_ends),
            Some(voting_ends),
        ) if p.is_empty() => CheckedBudget {
            title,
            description,
            amount,
            ballot_type,
            min_choices,
            max_choices,
            points_total,
            rule,
            threshold: (threshold > 0).then_some(threshold),
            submission_ends,
            voting_ends,
        },
        _ => return Err(p),
    };
    Ok(checked)
}

/// The space a budget is set up in: a draft being prepared or a published
/// one that has not ended (closed and archived spaces take none; another
/// tenant's is not found). The form and the setting up both check it.
pub async fn setting_up_in(db: &Platform, tenant: TenantId, space: SpaceId) -> Result<(), AppError> {
    crate::spaces::preparing_any(db, tenant, space).await.map(|_| ())
}

/// Sets up a budget in a space (draft or published), starting with the
/// submission of projects. Officials and administrators; audited.
pub async fn create(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    space: SpaceId,
    input: &BudgetInput,
) -> Result<i64, AppError> {
    staff_only(role)?;
    setting_up_in(db, tenant, space).await?;
    let b = check_budget(input)?;
    let tx = db.begin().await?;
    let id = Budgets::of(&tx, tenant)
        .create(&NewBudget {
            space,
            title: &b.title,
            description: &b.description,
            amount: b.amount,
            ballot_type: b.ballot_type,
            min_choices: b.min_choices,
            max_choices: b.max_choices,
            points_total: b.points_total,
            rule: b.rule,
            threshold: b.threshold,
            phase: BudgetPhase::Submission,
            submission_ends: b.submission_ends,
            voting_ends: b.voting_ends,
            exclude_own: input.exclude_own,
        })
        .await?;
    audit::record(
        &tx,
        tenant,
        actor,
        audit::action::BUDGET_CREATED,
        &format!("budget {id}"),
        &b.title,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Refuses taking part when the budget's space is closed, archived or
/// outside its dates, or only for verified residents (as ideas, polls and
/// conversations are). `person` is the resident taking part online; staff
/// entering paper ballots (`None`) looked at the voters themselves.
async fn space_takes_part(db: &Platform, tenant: TenantId, b: &Budget, person: Option<UserId>) -> Result<(), AppError> {
    let space = crate::spaces::open_public_space(db, tenant, SpaceId(b.space_id)).await?;
    match person {
        Some(user) => crate::spaces::may_take_part(db, tenant, &space, user).await,
        None => Ok(()),
    }
}

/// Whether the budget's space admits this visitor to take part: false in
/// a space only for verified residents unless the person is one, so the
/// page offers verification instead of a form that would be refused.
pub async fn admits(db: &Platform, tenant: TenantId, b: &Budget, person: Option<UserId>) -> Result<bool, AppError> {
    crate::spaces::admits_in(db, tenant, SpaceId(b.space_id), person).await
}

/// A budget the viewer may see: a draft space's only for staff.
pub async fn get(db: &Platform, tenant: TenantId, id: i64, viewer: Option<Role>) -> Result<Budget, AppError> {
    let b = Budgets::of(db, tenant).get(id).await?.ok_or(AppError::NotFound)?;
    if b.space_draft != 0 && !viewer.is_some_and(may_manage) {
        return Err(AppError::NotFound);
    }
    Ok(b)
}

/// The budgets of a space the viewer may see (404 for a draft space unless staff).
pub async fn in_space(
    db: &Platform,
    tenant: TenantId,
    space: SpaceId,
    viewer: Option<Role>,
) -> Result<Vec<Budget>, AppError> {
    crate::spaces::listable(db, tenant, space, viewer.is_some_and(may_manage)).await?;
    Ok(Budgets::of(db, tenant).in_space(space).await?)
}

/// Budgets that ask residents now: taking projects or ballots (within
/// their dates), across the tenant's published spaces.
pub async fn asking_now(db: &Platform, tenant: TenantId) -> Result<Vec<Budget>, AppError> {
    let now = Timestamp::now();
    Ok(Budgets::of(db, tenant)
        .asking()
        .await?
        .into_iter()
        .filter(|b| b.takes_ballots(now) || b.takes_projects(now))
        .collect())
}

/// The projects of a budget in submission order, with their status: every
/// project is public from its proposal on (residents see what was proposed
/// and why a project left the ballot).
pub async fn projects(db: &Platform, tenant: TenantId, budget: &Budget) -> Result<Vec<Project>, AppError> {
    Ok(Budgets::of(db, tenant).projects(budget.id).await?)
}

/// Funded projects whose building the city tracks, newest first.
pub async fn tracked(db: &Platform, tenant: TenantId) -> Result<Vec<Project>, AppError> {
    Ok(Budgets::of(db, tenant).tracked_projects().await?)
}

/// One project with its budget (404 when the budget is not visible).
pub async fn project(
    db: &Platform,
    tenant: TenantId,
    id: i64,
    viewer: Option<Role>,
) -> Result<(Budget, Project), AppError> {
    let p = Budgets::of(db, tenant).project(id).await?.ok_or(AppError::NotFound)?;
    let b = get(db, tenant, p.budget_id, viewer).await?;
    Ok((b, p))
}

/// What a resident proposes.
#[derive(Debug, Clone, Default)]
pub struct ProjectInput {
    pub title: String,
    pub body: String,
    pub cost: String,
    pub category: String,
    pub district: String,
    pub latitude: String,
    pub longitude: String,
}

fn optional_label(raw: &str, field: &'static str) -> Result<Option<String>, Invalid> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(None);
    }
    text(t, field, 1, LABEL_MAX, "this field").map(Some)
}

fn location(lat: &str, lon: &str) -> Result<Option<(f64, f64)>, Invalid> {
    let (lat, lon) = (lat.trim(), lon.trim());
    if lat.is_empty() && lon.is_empty() {
        return Ok(None);
    }
    let parse = |s: &str| s.replace(',', ".").parse::<f64>().ok().filter(|x| x.is_finite());
    match (parse(lat), parse(lon)) {
        (Some(a), Some(o)) if (-90.0..=90.0).contains(&a) && (-180.0..=180.0).contains(&o) => Ok(Some((a, o))),
        _ => Err(Invalid::new(
            "latitude",
            "invalid_location",
            "a location is a latitude from -90 to 90 and a longitude from -180 to 180",
        )),
    }
}

/// Proposes a project while the budget takes projects. Returns its id.
pub async fn propose(
    db: &Platform,
    tenant: TenantId,
    author: UserId,
    budget: i64,
    input: &ProjectInput,
) -> Result<i64, AppError> {
    let b = get(db, tenant, budget, None).await?;
    if !b.takes_projects(Timestamp::now()) {
        return Err(AppError::conflict(
            "submission_closed",
            "this budget does not take projects now",
        ));
    }
    space_takes_part(db, tenant, &b, Some(author)).await?;
    let mut p = Problems::new();
    let title = p.check(text(&input.title, "title", 5, TITLE_MAX, "the title"));
    let body = p.check(text(&input.body, "body", 20, BODY_MAX, "the description"));
    let cost = p.check(whole_number(&input.cost, "cost", 1, b.amount, "the cost (UAH)"));
    let category = p.check(optional_label(&input.category, "category"));
    let district = p.check(optional_label(&input.district, "district"));
    let location = p.check(location(&input.latitude, &input.longitude));
    let (Some(title), Some(body), Some(cost), Some(category), Some(district), Some(location)) =
        (title, body, cost, category, district, location)
    else {
        return Err(p.into());
    };
    limits::check(db, tenant, Limit::ContentByAccount, &format!("user{}", author.0)).await?;
    Ok(Budgets::of(db, tenant)
        .add_project(
            budget,
            &NewProject {
                author: Some(author),
                title: &title,
                body: &body,
                cost,
                category: category.as_deref(),
                district: district.as_deref(),
                location,
                status: ProjectStatus::Submitted,
            },
        )
        .await?)
}

/// A reviewer's conclusion as sent.
#[derive(Clone, Copy)]
pub struct ReviewInput<'a> {
    /// feasible, feasible_with_changes or not_feasible.
    pub conclusion: &'a str,
    pub reason: &'a str,
    /// Empty keeps the proposed cost.
    pub corrected_cost: &'a str,
}

/// The city's conclusion on a project: feasible, feasible with changes (a
/// corrected cost) or not feasible (out of the vote, with the reason).
pub async fn review(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    project: i64,
    input: &ReviewInput<'_>,
) -> Result<(), AppError> {
    let ReviewInput {
        conclusion,
        reason,
        corrected_cost,
    } = *input;
    staff_only(role)?;
    let (b, p) = self::project(db, tenant, project, Some(role)).await?;
    if !matches!(b.phase, BudgetPhase::Submission | BudgetPhase::Review) {
        return Err(AppError::conflict(
            "review_closed",
            "projects are reviewed before voting starts",
        ));
    }
    let mut problems = Problems::new();
    let status = problems.check(
        ProjectStatus::parse(conclusion.trim())
            .filter(|s| *s != ProjectStatus::Submitted)
            .ok_or_else(|| {
                Invalid::new(
                    "conclusion",
                    "invalid_conclusion",
                    "the conclusion is feasible, feasible_with_changes or not_feasible",
                )
            }),
    );
    let reason = reason.trim();
    if status.is_some_and(|s| s != ProjectStatus::Feasible) && reason.chars().count() < 10 {
        problems.push(Invalid::new(
            "reason",
            "reason_needed",
            "say why in at least 10 characters: residents read it",
        ));
    }
    if reason.chars().count() > BODY_MAX {
        problems.push(Invalid::new(
            "reason",
            "invalid_length",
            "the reason has at most 10,000 characters",
        ));
    }
    let cost = if corrected_cost.trim().is_empty() {
        Some(p.cost)
    } else {
        problems.check(whole_number(corrected_cost, "cost", 1, b.amount, "the cost (UAH)"))
    };
    let (Some(status), Some(cost)) = (status, cost) else {
        return Err(problems.into());
    };
    if !problems.is_empty() {
        return Err(problems.into());
    }
    if Budgets::of(db, tenant).has_marks(project).await? {
        return Err(AppError::conflict(
            "project_has_ballots",
            "ballots already name this project; its review can no longer change",
        ));
    }
    let tx = db.begin().await?;
    Budgets::of(&tx, tenant).review(project, status, reason, cost).await?;
    audit::record(
        &tx,
        tenant,
        actor,
        audit::action::BUDGET_PROJECT_REVIEWED,
        &format!("budget {}, project {project}", b.id),
        status.as_str(),
    )
    .await?;
    tx.commit().await
}

/// A phase change as sent: the phase and the last days (`YYYY-MM-DD`, or
/// empty for none).
#[derive(Clone, Copy)]
pub struct PhaseInput<'a> {
    pub phase: &'a str,
    pub submission_ends: &'a str,
    pub voting_ends: &'a str,
}

/// Moves a budget to a phase (early, or back to extend one) with its
/// closing dates. Officials and administrators; audited.
pub async fn set_phase(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    budget: i64,
    input: &PhaseInput<'_>,
) -> Result<(), AppError> {
    let PhaseInput {
        phase,
        submission_ends,
        voting_ends,
    } = *input;
    staff_only(role)?;
    let b = get(db, tenant, budget, Some(role)).await?;
    let mut problems = Problems::new();
    let phase = problems.check(
        BudgetPhase::parse(phase.trim())
            .ok_or_else(|| Invalid::new("phase", "invalid_phase", "the phase is one of the budget's steps")),
    );
    let submission_ends = problems.check(day_end(submission_ends, "submission_ends"));
    let voting_ends = problems.check(day_end(voting_ends, "voting_ends"));
    let (Some(phase), Some(submission_ends), Some(voting_ends)) = (phase, submission_ends, voting_ends) else {
        return Err(problems.into());
    };
    if let (Some(s), Some(v)) = (submission_ends, voting_ends)
        && v <= s
    {
        return Err(Invalid::new(
            "voting_ends",
            "voting_before_submission",
            "voting ends after submission ends",
        )
        .into());
    }
    let tx = db.begin().await?;
    Budgets::of(&tx, tenant)
        .set_phase(budget, phase, submission_ends, voting_ends)
        .await?;
    audit::record(
        &tx,
        tenant,
        actor,
        audit::action::BUDGET_PHASE,
        &format!("budget {budget}"),
        &format!("{} -> {}", b.phase.as_str(), phase.as_str()),
    )
    .await?;
    tx.commit().await
}

/// Sets the building status of a funded project. Audited.
pub async fn set_implementation(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    project: i64,
    status: &str,
    note: &str,
) -> Result<(), AppError> {
    staff_only(role)?;
    let (b, _) = self::project(db, tenant, project, Some(role)).await?;
    if !b.phase.results_public() {
        return Err(AppError::conflict(
            "not_counted_yet",
            "building is tracked once the results are out",
        ));
    }
    let status = Implementation::parse(status.trim()).ok_or_else(|| {
        Invalid::new(
            "implementation",
            "invalid_implementation",
            "the status is planned, tendering, in_progress, done or cancelled",
        )
    })?;
    let note = text(note, "note", 0, BODY_MAX, "the note")?;
    let tx = db.begin().await?;
    Budgets::of(&tx, tenant)
        .set_implementation(project, status, &note)
        .await?;
    audit::record(
        &tx,
        tenant,
        actor,
        audit::action::BUDGET_PROJECT_IMPLEMENTATION,
        &format!("budget {}, project {project}", b.id),
        status.as_str(),
    )
    .await?;
    tx.commit().await
}

fn online_key(user: UserId) -> String {
    format!("user:{}", user.0)
}

fn already_voted(earlier: Option<&BallotRecord>) -> AppError {
    let (code, message) = already_voted_words(earlier);
    AppError::conflict(code, message)
}

/// The code and message of a second ballot of the same person.
fn already_voted_words(earlier: Option<&BallotRecord>) -> (&'static str, String) {
    match earlier {
        Some(b) if b.channel == "paper" => (
            "already_voted_on_paper",
            format!(
                "this person already voted on paper (entered {})",
                Timestamp(b.cast_at).iso_date()
            ),
        ),
        Some(b) => (
            "already_voted",
            format!(
                "this person already voted online ({}); a ballot can be changed by cancelling it first",
                Timestamp(b.cast_at).iso_date()
            ),
        ),
        None => ("already_voted", "a ballot was already cast for this person".into()),
    }
}

fn voting_closed(b: &Budget) -> AppError {
    AppError::conflict(
        "voting_closed",
        format!(
            "this budget does not take ballots now (its phase is {})",
            b.phase.as_str()
        ),
    )
}

async fn checked_marks(
    db: &Platform,
    tenant: TenantId,
    b: &Budget,
    voter: Option<UserId>,
    choice: &BallotChoice,
) -> Result<Vec<civic_core::budgets::Mark>, AppError> {
    let named: Vec<i64> = match choice {
        BallotChoice::Projects(ids) | BallotChoice::Ranking(ids) => ids.clone(),
        BallotChoice::Points(points) => points.iter().map(|(id, _)| *id).collect(),
    };
    let on_ballot = Budgets::of(db, tenant).on_ballot(b.id, &named).await?;
    Ok(check_ballot(
        &BallotRules {
            budget: b,
            on_ballot: &on_ballot,
            voter,
        },
        choice,
    )?)
}

async fn store_ballot(
    db: &Platform,
    tenant: TenantId,
    b: &Budget,
    key: &str,
    voter: Option<UserId>,
    channel: &str,
    marks: &[civic_core::budgets::Mark],
) -> Result<i64, AppError> {
    match Budgets::of(db, tenant).cast(b.id, key, voter, channel, marks).await {
        Ok(id) => Ok(id),
        Err(e) if e.is_conflict_on("budget_ballots_one_per_voter_key", "budget_ballots.voter_key") => {
            let earlier = Budgets::of(db, tenant).ballot_of(b.id, key).await?;
            Err(already_voted(earlier.as_ref()))
        }
        Err(e) => Err(e.into()),
    }
}

/// A resident's ballot: checked against the budget's rules, stored once
/// per voter and budget. Returns the ballot's id.
pub async fn vote(
    db: &Platform,
    tenant: TenantId,
    voter: UserId,
    budget: i64,
    choice: &BallotChoice,
) -> Result<i64, AppError> {
    let b = get(db, tenant, budget, None).await?;
    if !b.takes_ballots(Timestamp::now()) {
        return Err(voting_closed(&b));
    }
    space_takes_part(db, tenant, &b, Some(voter)).await?;
    let key = online_key(voter);
    if let Some(earlier) = Budgets::of(db, tenant).ballot_of(b.id, &key).await? {
        return Err(already_voted(Some(&earlier)));
    }
    let marks = checked_marks(db, tenant, &b, Some(voter), choice).await?;
    store_ballot(db, tenant, &b, &key, Some(voter), "online", &marks).await
}

/// Cancels the resident's online ballot while voting is open (to vote
/// again, or not at all). False when there was none.
pub async fn cancel(db: &Platform, tenant: TenantId, voter: UserId, budget: i64) -> Result<bool, AppError> {
    let b = get(db, tenant, budget, None).await?;
    if !b.takes_ballots(Timestamp::now()) {
        return Err(voting_closed(&b));
    }
    Ok(Budgets::of(db, tenant)
        .cancel(b.id, &online_key(voter), "online")
        .await?)
}

/// The refusal of a cancel that found no online ballot (none, or one
/// entered on paper, which only staff can see to).
pub fn nothing_to_cancel() -> AppError {
    AppError::conflict(
        "nothing_to_cancel",
        "there is no online ballot of yours to cancel in this budget",
    )
}

/// The resident's ballot in a budget: when and how it was cast, and the
/// projects it names in order with their points.
pub async fn my_ballot(
    db: &Platform,
    tenant: TenantId,
    voter: UserId,
    budget: i64,
) -> Result<Option<(BallotRecord, Vec<MarkRow>)>, AppError> {
    let store = Budgets::of(db, tenant);
    let Some(ballot) = store.ballot_of(budget, &online_key(voter)).await? else {
        return Ok(None);
    };
    let marks = store.marks_of(ballot.id).await?;
    Ok(Some((ballot, marks)))
}

/// A document number as one spelling: letters and digits only, upper
/// case, and the Cyrillic letters that look like Latin ones (passport
/// series are typed either way) written as the Latin ones.
fn document_number(raw: &str) -> String {
    raw.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .map(|c| match c {
            'А' => 'A',
            'В' => 'B',
            'Е' => 'E',
            'К' => 'K',
            'М' => 'M',
            'Н' => 'H',
            'О' => 'O',
            'Р' => 'P',
            'С' => 'C',
            'Т' => 'T',
            'У' => 'Y',
            'Х' => 'X',
            'І' => 'I',
            other => other,
        })
        .collect()
}

/// Who a paper ballot belongs to.
pub enum PaperVoter<'a> {
    /// A resident with an account: the same key as their online ballot.
    Account(&'a str),
    /// An identity document number; only its salted hash is kept.
    Document(&'a str),
}

/// A ballot collected on paper or at a service centre, entered by staff.
/// The same person cannot vote twice across channels: a duplicate is
/// refused with the earlier ballot's channel and date.
pub async fn enter_paper_ballot(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    budget: i64,
    voter: PaperVoter<'_>,
    choice: &BallotChoice,
) -> Result<i64, AppError> {
    staff_only(role)?;
    let b = get(db, tenant, budget, Some(role)).await?;
    if !b.takes_ballots(Timestamp::now()) {
        return Err(voting_closed(&b));
    }
    space_takes_part(db, tenant, &b, None).await?;
    let (key, account) = paper_key(db, tenant, &voter).await?;
    if let Some(earlier) = Budgets::of(db, tenant).ballot_of(b.id, &key).await? {
        return Err(already_voted(Some(&earlier)));
    }
    let marks = checked_marks(db, tenant, &b, account, choice).await?;
    let tx = db.begin().await?;
    let id = store_ballot(&tx, tenant, &b, &key, account, "paper", &marks).await?;
    audit::record(
        &tx,
        tenant,
        actor,
        audit::action::BUDGET_PAPER_BALLOT,
        &format!("budget {}", b.id),
        &format!("ballot {id}"),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The key a paper ballot is stored under, and the account it belongs to.
async fn paper_key(
    db: &Platform,
    tenant: TenantId,
    voter: &PaperVoter<'_>,
) -> Result<(String, Option<UserId>), AppError> {
    Ok(match voter {
        PaperVoter::Account(email) => {
            let email = Email::parse(email).map_err(|e| e.at("voter"))?;
            let user = civic_store::users::Users::of(db, tenant)
                .by_email(&email)
                .await?
                .ok_or_else(|| Invalid::new("voter", "unknown_account", "there is no account with this e-mail"))?;
            (online_key(user.id), Some(user.id))
        }
        PaperVoter::Document(number) => {
            let normal = document_number(number);
            if !(4..=40).contains(&normal.chars().count()) {
                return Err(Invalid::new(
                    "voter",
                    "invalid_document",
                    "the document number has 4 to 40 letters and digits",
                )
                .into());
            }
            let digest = Sha256::digest(format!("civic-space-ballot:{}:{normal}", tenant.0).as_bytes());
            (format!("doc:{}", hex::encode(&digest[..16])), None)
        }
    })
}

/// Most lines in one bulk entry (a service centre's day of ballots).
pub const BULK_MAX_LINES: usize = 5_000;

/// One refused line of a bulk entry: its number (from 1), the rule's code
/// and its English message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineProblem {
    pub line: usize,
    pub code: &'static str,
    pub message: String,
}

/// What a bulk entry did: the ballots stored, or every refused line (then
/// nothing was stored).
#[derive(Debug)]
pub enum Bulk {
    Stored(usize),
    Refused(Vec<LineProblem>),
}

/// The choices of one line: project ids separated by spaces (approval,
/// knapsack; for ranked ballots in order), or `id:points` (cumulative).
fn line_choice(b: &Budget, text: &str) -> Option<BallotChoice> {
    let parts = text.split([' ', ',', '\t']).filter(|p| !p.trim().is_empty());
    match b.ballot_type {
        BallotType::Cumulative => parts
            .map(|p| {
                let (id, n) = p.split_once(':')?;
                Some((id.trim().parse().ok()?, n.trim().parse().ok()?))
            })
            .collect::<Option<Vec<_>>>()
            .map(BallotChoice::Points),
        kind => parts
            .map(|p| p.trim().parse::<i64>().ok())
            .collect::<Option<Vec<_>>>()
            .map(|ids| {
                if kind == BallotType::Ranked {
                    BallotChoice::Ranking(ids)
                } else {
                    BallotChoice::Projects(ids)
                }
            }),
    }
}

/// Paper ballots in bulk, one per line: `voter;choices`, the voter an
/// account e-mail or a document number, the choices as [`line_choice`]
/// reads them (a first line starting with `voter` is a header). Every line
/// is checked first, against the budget's rules, the stored ballots and
/// the file's other lines; when any is refused nothing is stored and each
/// refused line is named. Otherwise all are stored in one transaction.
pub async fn enter_paper_ballots(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    budget: i64,
    text: &str,
) -> Result<Bulk, AppError> {
    staff_only(role)?;
    let b = get(db, tenant, budget, Some(role)).await?;
    if !b.takes_ballots(Timestamp::now()) {
        return Err(voting_closed(&b));
    }
    space_takes_part(db, tenant, &b, None).await?;
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        // Blank lines and a header line are not ballots.
        .filter(|(n, l)| !(l.is_empty() || *n == 1 && l.to_lowercase().starts_with("voter")))
        .collect();
    if lines.is_empty() {
        return Err(Invalid::new("csv", "csv_empty", "paste at least one line: voter;choices").into());
    }
    if lines.len() > BULK_MAX_LINES {
        return Err(Invalid::new("csv", "csv_too_long", "at most 5,000 lines at once").into());
    }
    let mut problems = Vec::new();
    let mut ready = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for (n, line) in lines {
        let refuse = |code: &'static str, message: String| LineProblem { line: n, code, message };
        let Some((voter, choices)) = line.split_once([';', ',', '\t']) else {
            problems.push(refuse(
                "csv_line_shape",
                "write the voter, a semicolon, then the choices".into(),
            ));
            continue;
        };
        let voter = voter.trim().trim_matches('"');
        let voter = if voter.contains('@') {
            PaperVoter::Account(voter)
        } else {
            PaperVoter::Document(voter)
        };
        let (key, account) = match paper_key(db, tenant, &voter).await {
            Ok(found) => found,
            Err(AppError::Invalid(p)) => {
                let first = p.into_first();
                problems.push(refuse(first.code, first.message));
                continue;
            }
            Err(other) => return Err(other),
        };
        if let Some(earlier) = seen.insert(key.clone(), n) {
            problems.push(refuse("csv_voter_twice", format!("the same voter as line {earlier}")));
            continue;
        }
        if let Some(earlier) = Budgets::of(db, tenant).ballot_of(b.id, &key).await? {
            let (code, message) = already_voted_words(Some(&earlier));
            problems.push(refuse(code, message));
            continue;
        }
        let Some(choice) = line_choice(&b, choices.trim().trim_matches('"')) else {
            problems.push(refuse(
                "csv_choices",
                "the choices are project numbers (id:points for points)".into(),
            ));
            continue;
        };
        match checked_marks(db, tenant, &b, account, &choice).await {
            Ok(marks) => ready.push((key, account, marks)),
            Err(AppError::Invalid(p)) => {
                let first = p.into_first();
                problems.push(refuse(first.code, first.message));
            }
            Err(other) => return Err(other),
        }
    }
    if !problems.is_empty() {
        return Ok(Bulk::Refused(problems));
    }
    let tx = db.begin().await?;
    for (key, account, marks) in &ready {
        store_ballot(&tx, tenant, &b, key, *account, "paper", marks).await?;
    }
    audit::record(
        &tx,
        tenant,
        actor,
        audit::action::BUDGET_PAPER_BALLOT,
        &format!("budget {}", b.id),
        &format!("{} ballots in bulk", ready.len()),
    )
    .await?;
    tx.commit().await?;
    Ok(Bulk::Stored(ready.len()))
}

/// Why a project is not funded, in whole hryvnias, for the page to word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotFunded {
    DoesNotFit {
        remaining: i64,
    },
    BelowThreshold {
        threshold: i64,
    },
    AfterFirstMiss,
    NotReachedByEqualShares,
    NoSupport,
    /// Not feasible: out of the vote.
    NotOnBallot,
}

impl NotFunded {
    /// The stable code (API `reason`, message keys `budget-reason-CODE`).
    pub fn code(&self) -> &'static str {
        match self {
            NotFunded::DoesNotFit { .. } => "does_not_fit",
            NotFunded::BelowThreshold { .. } => "below_threshold",
            NotFunded::AfterFirstMiss => "after_first_miss",
            NotFunded::NotReachedByEqualShares => "not_reached_by_equal_shares",
            NotFunded::NoSupport => "no_support",
            NotFunded::NotOnBallot => "not_on_ballot",
        }
    }
}

/// One project's line of the results.
#[derive(Debug, Clone)]
pub struct ResultLine {
    pub project: Project,
    pub score: i64,
    pub selected: bool,
    pub not_funded: Option<NotFunded>,
}

/// A budget's counted ballots.
#[derive(Debug, Clone)]
pub struct Results {
    pub rule: &'static str,
    pub budget: i64,
    pub spent: i64,
    pub left_over: i64,
    pub voters: usize,
    /// Projects on the ballot by score (funded first), then those out of the vote.
    pub lines: Vec<ResultLine>,
}

/// Counts the budget's ballots with its rule, or with `rule` when staff ask
/// "what if". Public from the results phase; staff at any time.
pub async fn results(
    db: &Platform,
    tenant: TenantId,
    budget: i64,
    viewer: Option<Role>,
    rule: Option<&str>,
) -> Result<(Budget, Results), AppError> {
    let b = get(db, tenant, budget, viewer).await?;
    let staff = viewer.is_some_and(may_manage);
    if !b.phase.results_public() && !staff {
        return Err(AppError::conflict(
            "results_not_public",
            "the results are published when voting has ended",
        ));
    }
    let rule_name = match rule.map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) if staff => r,
        _ => b.rule.as_str(),
    };
    let rule = Rule::from_name(rule_name)
        .filter(|r| RULES.contains(&r.name()))
        .ok_or_else(|| {
            Invalid::new(
                "rule",
                "invalid_rule",
                format!("the rule is one of: {}", RULES.join(", ")),
            )
        })?;
    let store = Budgets::of(db, tenant);
    let all = store.projects(b.id).await?;
    let marks = store.all_marks(b.id).await?;
    let results = count(&b, rule, all, &marks)?;
    Ok((b, results))
}

fn count(b: &Budget, rule: Rule, all: Vec<Project>, marks: &[MarkRow]) -> Result<Results, AppError> {
    let (on_ballot, off_ballot): (Vec<Project>, Vec<Project>) = all.into_iter().partition(|p| p.status.on_ballot());
    let election = election_of(b, &on_ballot, marks)?;
    let outcome = count_election(&election, rule)?;
    lines_of(b, rule, on_ballot, off_ballot, &outcome)
}

/// The budget's ballots as the counting engine takes them: the projects
/// on the ballot (costs in kopecks) and one ballot per voter.
fn election_of(b: &Budget, on_ballot: &[Project], marks: &[MarkRow]) -> Result<Election, AppError> {
    let index: std::collections::HashMap<i64, u32> =
        on_ballot.iter().enumerate().map(|(i, p)| (p.id, i as u32)).collect();
    let kind = match b.ballot_type {
        BallotType::Approval | BallotType::Knapsack => BallotKind::Approval,
        BallotType::Cumulative => BallotKind::Cumulative,
        BallotType::Ranked => BallotKind::Ordinal,
    };
    // Ranked ballots carry their points: L for the first of at most L
    // choices, L − 1 for the next… by the stored position, so a project that
    // left the ballot does not move the later choices up.
    let longest = if b.max_choices > 0 {
        b.max_choices
    } else {
        let mut per_ballot = std::collections::HashMap::new();
        for m in marks {
            *per_ballot.entry(m.ballot_id).or_insert(0i64) += 1;
        }
        per_ballot.into_values().max().unwrap_or(0)
    };
    let with_points = matches!(kind, BallotKind::Cumulative | BallotKind::Ordinal);
    let mut ballots = Ballots::new(with_points);
    let mut projects: Vec<u32> = Vec::new();
    let mut points: Vec<i64> = Vec::new();
    let mut current = None;
    let internal = |e: pb::CountError| AppError::Internal(Box::new(e));
    for m in marks.iter().chain(std::iter::once(&MarkRow {
        ballot_id: i64::MIN,
        project_id: 0,
        position: 0,
        points: 0,
    })) {
        if current != Some(m.ballot_id) {
            if current.is_some() {
                ballots
                    .push(&projects, with_points.then_some(points.as_slice()))
                    .map_err(internal)?;
            }
            projects.clear();
            points.clear();
            current = Some(m.ballot_id);
        }
        // A mark of a project later found not feasible no longer counts.
        if let Some(&i) = index.get(&m.project_id) {
            projects.push(i);
            points.push(if kind == BallotKind::Ordinal {
                (longest - m.position).max(0)
            } else {
                m.points
            });
        }
    }
    let election_projects = on_ballot
        .iter()
        .map(|p| pb::Project {
            id: p.id.to_string(),
            name: p.title.clone(),
            cost: p.cost.saturating_mul(pb::MINOR_PER_UNIT),
            categories: p.category.iter().cloned().collect(),
        })
        .collect();
    let mut election = Election::new(
        b.amount.saturating_mul(pb::MINOR_PER_UNIT),
        election_projects,
        kind,
        ballots,
    );
    if b.ballot_type == BallotType::Ranked && longest > 0 {
        election.max_length = Some(longest as usize);
    }
    election.threshold = b.threshold.map(Threshold::Score);
    Ok(election)
}

fn count_election(election: &Election, rule: Rule) -> Result<pb::Outcome, AppError> {
    let internal = |e: pb::CountError| AppError::Internal(Box::new(e));
    pb::count(election, rule, TieBreak::default()).map_err(|e| match e {
        pb::CountError::MissingThreshold => AppError::from(Invalid::new(
            "rule",
            "threshold_needed",
            "the rule greedy-threshold needs the minimum number of votes",
        )),
        pb::CountError::Unsupported { .. } => AppError::from(Invalid::new(
            "rule",
            "rule_does_not_fit_ballot",
            "this rule does not count this budget's ballots",
        )),
        other => internal(other),
    })
}

/// Each project's line of the results, funded first.
fn lines_of(
    b: &Budget,
    rule: Rule,
    on_ballot: Vec<Project>,
    off_ballot: Vec<Project>,
    outcome: &pb::Outcome,
) -> Result<Results, AppError> {
    let unit = |m: i64| m / pb::MINOR_PER_UNIT;
    let mut lines: Vec<ResultLine> = on_ballot
        .into_iter()
        .zip(&outcome.projects)
        .map(|(project, r)| ResultLine {
            project,
            score: r.score,
            selected: r.selected,
            not_funded: r.reason.as_ref().map(|reason| match reason {
                Reason::DoesNotFit { remaining } => NotFunded::DoesNotFit {
                    remaining: unit(*remaining),
                },
                Reason::BelowThreshold { threshold } => NotFunded::BelowThreshold { threshold: *threshold },
                Reason::AfterFirstMiss { .. } => NotFunded::AfterFirstMiss,
                Reason::NotReachedByEqualShares { .. } => NotFunded::NotReachedByEqualShares,
                Reason::NoSupport => NotFunded::NoSupport,
            }),
        })
        .collect();
    lines.sort_by(|a, b| {
        b.selected
            .cmp(&a.selected)
            .then(b.score.cmp(&a.score))
            .then(a.project.cost.cmp(&b.project.cost))
            .then(a.project.id.cmp(&b.project.id))
    });
    lines.extend(
        off_ballot
            .into_iter()
            .filter(|p| p.status == ProjectStatus::NotFeasible)
            .map(|project| ResultLine {
                project,
                score: 0,
                selected: false,
                not_funded: Some(NotFunded::NotOnBallot),
            }),
    );
    Ok(Results {
        rule: rule.name(),
        budget: b.amount,
        spent: unit(outcome.spent),
        left_over: unit(outcome.left_over),
        voters: outcome.voters,
        lines,
    })
}

/// The budget as a Pabulib file (the open format of participatory-budget
/// research): its projects on the ballot, every ballot with voters numbered
/// 1, 2, … (nobody's id), and the outcome of its rule. Public with the
/// results; staff at any time.
pub async fn pabulib(
    db: &Platform,
    tenant: TenantId,
    budget: i64,
    viewer: Option<Role>,
) -> Result<(Budget, String), AppError> {
    let b = get(db, tenant, budget, viewer).await?;
    if !b.phase.results_public() && !viewer.is_some_and(may_manage) {
        return Err(AppError::conflict(
            "results_not_public",
            "the results are published when voting has ended",
        ));
    }
    let rule = Rule::from_name(&b.rule).unwrap_or(Rule::Greedy);
    let store = Budgets::of(db, tenant);
    let on_ballot: Vec<Project> = store
        .projects(b.id)
        .await?
        .into_iter()
        .filter(|p| p.status.on_ballot())
        .collect();
    let marks = store.all_marks(b.id).await?;
    let mut election = election_of(&b, &on_ballot, &marks)?;
    election.meta = vec![
        ("description".into(), b.title.clone()),
        ("country".into(), "Ukraine".into()),
        ("currency".into(), "UAH".into()),
        ("ballot_type".into(), b.ballot_type.as_str().into()),
    ];
    let outcome = count_election(&election, rule)?;
    let mut out = Vec::new();
    pb::pabulib::write(&election, Some(&outcome), &mut out).map_err(|e| AppError::Internal(Box::new(e)))?;
    let text = String::from_utf8(out).map_err(|e| AppError::Internal(Box::new(e)))?;
    Ok((b, text))
}
