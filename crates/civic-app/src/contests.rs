//! Contests of creative solutions: officials put a challenge to a space
//! with weighted criteria and dated phases; residents submit solutions
//! while submissions are open; when the contest has a public vote, each
//! resident votes for one submission (and may change or withdraw the vote
//! until the vote ends); jurors the officials appoint declare conflicts
//! and score each submission on each criterion during the jury phase,
//! seeing only their own scores until it ends; officials then announce the
//! winners and mentions with the jury's reasons, and the results page
//! shows the ranking (the weighted average; ties shown), the averages by
//! criterion and the public vote.
//!
//! Submissions are public once the submission phase is over; before, an
//! author sees their own and officials see all. Submissions are text only
//! for now (no files).

use crate::audit::{self, Actor};
use crate::{AppError, Platform};
use civic_core::contests::{
    Award, Contest, Criterion, Phase, Ranked, Schedule, Submission, check_score, parse_criteria, parse_criteria_lines,
    rank,
};
use civic_core::{Email, Invalid, Problems, Role, SpaceId, TenantId, Timestamp, UserId};
use civic_store::contests::{Contests, NewContest};
pub use civic_store::contests::{Juror, JurorScore};

pub use civic_core::contests::may_manage;

const TITLE_MAX: usize = 200;
const TEXT_MAX: usize = 20_000;
const SHORT_MAX: usize = 2_000;
const DAY_MS: i64 = 86_400_000;

pub(crate) fn officials_only(role: Role) -> Result<(), AppError> {
    if may_manage(role) {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "officials_only",
            "only the city's officials and administrators can do this",
        ))
    }
}

pub(crate) fn text(raw: &str, field: &'static str, min: usize, max: usize, what: &str) -> Result<String, Invalid> {
    let t = raw.trim();
    if (min..=max).contains(&t.chars().count()) {
        Ok(t.to_string())
    } else {
        Err(Invalid::new(
            field,
            "invalid_length",
            format!("{what} has {min} to {max} characters"),
        ))
    }
}

fn conflict(reason: (&'static str, &'static str)) -> AppError {
    AppError::conflict(reason.0, reason.1)
}

/// The criteria as a form (`name | weight` lines) or the API (a list) gives them.
#[derive(Debug, Clone)]
pub enum CriteriaInput {
    Lines(String),
    List(Vec<(String, i64)>),
}

impl Default for CriteriaInput {
    fn default() -> Self {
        CriteriaInput::Lines(String::new())
    }
}

impl CriteriaInput {
    /// As lines, for a form shown again.
    pub fn as_lines(&self) -> String {
        match self {
            CriteriaInput::Lines(l) => l.clone(),
            CriteriaInput::List(list) => list
                .iter()
                .map(|(n, w)| format!("{n} | {w}"))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

/// What officials fill in to put a challenge to a space.
#[derive(Debug, Clone, Default)]
pub struct ContestInput {
    pub title: String,
    pub brief: String,
    pub rules: String,
    pub eligibility: String,
    pub prizes: String,
    pub public_vote: bool,
    /// `YYYY-MM-DD`: submissions open (empty: now).
    pub opens: String,
    /// `YYYY-MM-DD`: the last day of submissions.
    pub submissions_close: String,
    /// `YYYY-MM-DD`: the last day of the public vote (with a public vote).
    pub vote_close: String,
    /// `YYYY-MM-DD`: the last day of the jury.
    pub jury_close: String,
    pub criteria: CriteriaInput,
}

fn required_day(field: &'static str, raw: &str) -> Result<i64, Invalid> {
    civic_core::spaces::day_end(field, raw)?
        .ok_or_else(|| Invalid::new(field, "invalid_date", "a date is written YYYY-MM-DD"))
}

/// Puts a challenge to a space (a draft being prepared or a published one
/// that has not ended). Officials and administrators; audited.
pub async fn create(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    space: SpaceId,
    input: &ContestInput,
) -> Result<i64, AppError> {
    officials_only(role)?;
    setting_up_in(db, tenant, space).await?;
    let mut p = Problems::new();
    let title = p.check(text(&input.title, "title", 5, TITLE_MAX, "the title"));
    let brief = p.check(text(&input.brief, "brief", 10, TEXT_MAX, "the brief"));
    let rules = p.check(text(&input.rules, "rules", 0, TEXT_MAX, "the rules"));
    let eligibility = p.check(text(
        &input.eligibility,
        "eligibility",
        0,
        SHORT_MAX,
        "who may take part",
    ));
    let prizes = p.check(text(&input.prizes, "prizes", 0, SHORT_MAX, "the prizes"));
    let criteria = p.check(match &input.criteria {
        CriteriaInput::Lines(l) => parse_criteria_lines(l),
        CriteriaInput::List(list) => parse_criteria(list),
    });
    let opens = p.check(civic_core::spaces::day_start("opens_on", &input.opens));
    let submissions_end = p.check(required_day("submissions_close_on", &input.submissions_close));
    // Missing with a public vote: the schedule's check names it.
    let vote_end = if input.public_vote {
        p.check(civic_core::spaces::day_end("vote_close_on", &input.vote_close))
    } else {
        Some(None)
    };
    let jury_end = p.check(required_day("jury_close_on", &input.jury_close));
    let schedule = match (opens, submissions_end, vote_end, jury_end) {
        (Some(opens), Some(submissions_end), Some(vote_end), Some(jury_end)) => p.check(
            Schedule {
                opens_at: opens.unwrap_or_else(|| Timestamp::now().0),
                submissions_end,
                vote_end,
                jury_end,
            }
            .check(input.public_vote),
        ),
        _ => None,
    };
    let (Some(title), Some(brief), Some(rules), Some(eligibility), Some(prizes), Some(criteria), Some(schedule)) =
        (title, brief, rules, eligibility, prizes, criteria, schedule)
    else {
        return Err(p.into());
    };
    if !p.is_empty() {
        return Err(p.into());
    }
    let tx = db.begin().await?;
    let id = Contests::of(&tx, tenant)
        .create(&NewContest {
            space,
            title: &title,
            brief: &brief,
            rules: &rules,
            eligibility: &eligibility,
            prizes: &prizes,
            public_vote: input.public_vote,
            schedule,
            criteria: &criteria,
            created_by: actor.user_id,
        })
        .await?;
    audit::record(
        &tx,
        tenant,
        actor,
        audit::action::CONTEST_CREATED,
        &format!("contest {id}"),
        &title,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The space a contest is set up in: a draft being prepared or a published
/// one that has not ended.
pub async fn setting_up_in(db: &Platform, tenant: TenantId, space: SpaceId) -> Result<(), AppError> {
    crate::spaces::preparing_any(db, tenant, space).await.map(|_| ())
}

/// A contest the viewer may see: a draft space's only for officials.
pub async fn get(db: &Platform, tenant: TenantId, id: i64, viewer: Option<Role>) -> Result<Contest, AppError> {
    let c = Contests::of(db, tenant).get(id).await?.ok_or(AppError::NotFound)?;
    if c.space_draft != 0 && !viewer.is_some_and(may_manage) {
        return Err(AppError::NotFound);
    }
    Ok(c)
}

/// The contests of a space the viewer may see, newest first.
pub async fn in_space(
    db: &Platform,
    tenant: TenantId,
    space: SpaceId,
    viewer: Option<Role>,
) -> Result<Vec<Contest>, AppError> {
    crate::spaces::listable(db, tenant, space, viewer.is_some_and(may_manage)).await?;
    Ok(Contests::of(db, tenant).in_space(space).await?)
}

/// The submissions a viewer may see: all once the submission phase is
/// over (or for officials), else only the viewer's own. The flag tells
/// whether they are public.
pub async fn submissions(
    db: &Platform,
    tenant: TenantId,
    contest: i64,
    viewer: Option<(UserId, Role)>,
) -> Result<(Contest, Vec<Submission>, bool), AppError> {
    let c = get(db, tenant, contest, viewer.map(|v| v.1)).await?;
    let public = c.phase_at(Timestamp::now()).submissions_public();
    let all = Contests::of(db, tenant).submissions(contest).await?;
    let shown = if public || viewer.is_some_and(|v| may_manage(v.1)) {
        all
    } else {
        let me = viewer.map(|v| v.0.0);
        all.into_iter()
            .filter(|s| s.author_id.is_some() && s.author_id == me)
            .collect()
    };
    Ok((c, shown, public))
}

/// What the contest's page (and its API) shows.
#[derive(Debug, Clone)]
pub struct ContestView {
    pub contest: Contest,
    pub phase: Phase,
    pub criteria: Vec<Criterion>,
    /// The submissions the viewer may see (see [`submissions`]).
    pub submissions: Vec<Submission>,
    pub submissions_public: bool,
    /// The submission the viewer voted for.
    pub my_vote: Option<i64>,
    /// The viewer is a juror of this contest.
    pub juror: bool,
    /// The jurors (shown to officials).
    pub jurors: Vec<Juror>,
    /// The space takes part now (forms are shown only then, and only to
    /// those the space admits: the page asks [`crate::spaces::admits_in`]).
    pub space_open: bool,
}

pub async fn view(
    db: &Platform,
    tenant: TenantId,
    id: i64,
    viewer: Option<(UserId, Role)>,
) -> Result<ContestView, AppError> {
    let (contest, submissions, submissions_public) = submissions(db, tenant, id, viewer).await?;
    let store = Contests::of(db, tenant);
    let (my_vote, juror) = match viewer {
        Some((user, _)) => (store.vote_of(id, user).await?, store.is_juror(id, user).await?),
        None => (None, false),
    };
    let jurors = if viewer.is_some_and(|v| may_manage(v.1)) {
        store.jurors(id).await?
    } else {
        Vec::new()
    };
    let space_open = crate::spaces::open_public_space(db, tenant, SpaceId(contest.space_id))
        .await
        .is_ok();
    Ok(ContestView {
        phase: contest.phase_at(Timestamp::now()),
        criteria: store.criteria(id).await?,
        contest,
        submissions,
        submissions_public,
        my_vote,
        juror,
        jurors,
        space_open,
    })
}

/// A contest in `phase` now, in a space where the person may take part:
/// 404 when not visible, 409 otherwise.
async fn contest_in(db: &Platform, tenant: TenantId, id: i64, phase: Phase, user: UserId) -> Result<Contest, AppError> {
    let c = get(db, tenant, id, None).await?;
    c.require(phase, Timestamp::now()).map_err(conflict)?;
    let space = crate::spaces::open_public_space(db, tenant, SpaceId(c.space_id)).await?;
    crate::spaces::may_take_part(db, tenant, &space, user).await?;
    Ok(c)
}

/// A submission as sent.
#[derive(Debug, Clone, Copy)]
pub struct SubmissionInput<'a> {
    pub title: &'a str,
    pub description: &'a str,
}

/// Submits a solution while the contest takes submissions.
pub async fn submit(
    db: &Platform,
    tenant: TenantId,
    author: UserId,
    contest: i64,
    input: &SubmissionInput<'_>,
) -> Result<Submission, AppError> {
    let c = contest_in(db, tenant, contest, Phase::Submissions, author).await?;
    let mut p = Problems::new();
    let title = p.check(text(input.title, "title", 3, TITLE_MAX, "the title"));
    let description = p.check(text(input.description, "description", 10, TEXT_MAX, "the description"));
    let (Some(title), Some(description)) = (title, description) else {
        return Err(p.into());
    };
    crate::limits::content(db, tenant, author).await?;
    let store = Contests::of(db, tenant);
    let id = store
        .add_submission(c.id, author, &title, &description, Timestamp::now())
        .await?
        .ok_or_else(|| {
            AppError::conflict(
                "contest_not_taking_submissions",
                "this contest does not take submissions now",
            )
        })?;
    store.submission(id).await?.ok_or(AppError::NotFound)
}

/// A submission of a visible contest, with its contest.
async fn submission_of(db: &Platform, tenant: TenantId, submission: i64) -> Result<(Submission, Contest), AppError> {
    let s = Contests::of(db, tenant)
        .submission(submission)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = get(db, tenant, s.contest_id, None).await?;
    Ok((s, c))
}

/// Casts or changes the person's public vote while the vote is open: one
/// per person and contest, for a submission of the contest that is not
/// their own.
pub async fn vote(
    db: &Platform,
    tenant: TenantId,
    user: UserId,
    contest: i64,
    submission: i64,
) -> Result<(), AppError> {
    let c = contest_in(db, tenant, contest, Phase::Vote, user).await?;
    let store = Contests::of(db, tenant);
    let s = store
        .submission(submission)
        .await?
        .filter(|s| s.contest_id == c.id)
        .ok_or_else(|| {
            AppError::from(Problems::from(Invalid::new(
                "submission_id",
                "invalid_submission",
                "vote for a submission of this contest",
            )))
        })?;
    if s.author_id == Some(user.0) {
        return Err(AppError::conflict(
            "own_submission",
            "you cannot vote for your own submission",
        ));
    }
    Ok(store.vote(c.id, user, s.id).await?)
}

/// Withdraws the person's public vote while the vote is open.
pub async fn unvote(db: &Platform, tenant: TenantId, user: UserId, contest: i64) -> Result<(), AppError> {
    let c = contest_in(db, tenant, contest, Phase::Vote, user).await?;
    Ok(Contests::of(db, tenant).unvote(c.id, user).await?)
}

/// Appoints a juror by the e-mail of an account of the tenant (the jury
/// role holds for this contest only). Officials; before the jury phase
/// ends; appointing someone again changes nothing. Audited.
pub async fn add_juror(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    contest: i64,
    email: &str,
) -> Result<Juror, AppError> {
    officials_only(role)?;
    let c = get(db, tenant, contest, Some(role)).await?;
    if c.phase_at(Timestamp::now()).jury_closed() {
        return Err(AppError::conflict(
            "jury_closed",
            "the jury phase of this contest is over",
        ));
    }
    let unknown = || {
        AppError::from(Problems::from(Invalid::new(
            "email",
            "unknown_account",
            "no account of this municipality has that e-mail address",
        )))
    };
    let email = Email::parse(email).map_err(|_| unknown())?;
    let user = civic_store::users::Users::of(db, tenant)
        .by_email(&email)
        .await?
        .ok_or_else(unknown)?;
    let tx = db.begin().await?;
    if Contests::of(&tx, tenant).add_juror(c.id, user.id).await? {
        audit::record(
            &tx,
            tenant,
            actor,
            audit::action::CONTEST_JUROR,
            &format!("contest {}", c.id),
            &format!("user {}", user.id.0),
        )
        .await?;
    }
    tx.commit().await?;
    Ok((user.id.0, user.display_name.clone()))
}

/// A juror of the contest, or 403.
async fn juror_of(db: &Platform, tenant: TenantId, contest: &Contest, user: UserId) -> Result<(), AppError> {
    if Contests::of(db, tenant).is_juror(contest.id, user).await? {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "jurors_only",
            "only the jurors of this contest can do this",
        ))
    }
}

/// One row of a juror's sheet.
#[derive(Debug, Clone)]
pub struct SheetRow {
    pub submission: Submission,
    /// The juror's score and comment on each criterion, in order.
    pub scores: Vec<Option<(i64, String)>>,
}

/// A juror's sheet: the submissions they score (those they declared a
/// conflict on are left out and listed apart), their own scores, and the
/// whole jury's ranking once the jury phase is over.
#[derive(Debug, Clone)]
pub struct JurySheet {
    pub contest: Contest,
    pub phase: Phase,
    pub criteria: Vec<Criterion>,
    pub rows: Vec<SheetRow>,
    pub conflicts: Vec<Submission>,
    /// The jury's ranking, once the jury phase is over (hidden before).
    pub ranking: Option<Vec<Ranked>>,
}

pub async fn jury_sheet(db: &Platform, tenant: TenantId, user: UserId, contest: i64) -> Result<JurySheet, AppError> {
    let c = get(db, tenant, contest, None).await?;
    juror_of(db, tenant, &c, user).await?;
    let store = Contests::of(db, tenant);
    let criteria = store.criteria(c.id).await?;
    let conflicted = store.conflicts_of(c.id, user).await?;
    let mine = store.scores_by(c.id, user).await?;
    let phase = c.phase_at(Timestamp::now());
    let (conflicts, scored): (Vec<Submission>, Vec<Submission>) = store
        .submissions(c.id)
        .await?
        .into_iter()
        .partition(|s| conflicted.contains(&s.id));
    let rows = scored
        .into_iter()
        .map(|s| SheetRow {
            scores: criteria
                .iter()
                .map(|k| {
                    mine.iter()
                        .find(|x| x.submission_id == s.id && x.criterion == k.position)
                        .map(|x| (x.score, x.comment.clone()))
                })
                .collect(),
            submission: s,
        })
        .collect();
    let ranking = if phase.jury_closed() {
        Some(ranking_of(db, tenant, &c, &criteria).await?)
    } else {
        None
    };
    Ok(JurySheet {
        contest: c,
        phase,
        criteria,
        rows,
        conflicts,
        ranking,
    })
}

async fn ranking_of(
    db: &Platform,
    tenant: TenantId,
    c: &Contest,
    criteria: &[Criterion],
) -> Result<Vec<Ranked>, AppError> {
    let store = Contests::of(db, tenant);
    let ids: Vec<i64> = store.submissions(c.id).await?.iter().map(|s| s.id).collect();
    Ok(rank(&ids, criteria, &store.scores(c.id).await?))
}

/// A juror declares a conflict of interest on a submission (before the
/// jury phase ends): it leaves their sheet and their scores on it go.
pub async fn declare_conflict(db: &Platform, tenant: TenantId, user: UserId, submission: i64) -> Result<(), AppError> {
    let (s, c) = submission_of(db, tenant, submission).await?;
    juror_of(db, tenant, &c, user).await?;
    if c.phase_at(Timestamp::now()).jury_closed() {
        return Err(AppError::conflict(
            "jury_closed",
            "the jury phase of this contest is over",
        ));
    }
    Ok(Contests::of(db, tenant).declare_conflict(s.id, user).await?)
}

/// A juror's scores on one submission during the jury phase: (criterion
/// position, score, comment); each criterion of the contest at most once,
/// each score within 0 to 10. Refused with 409 on a submission the juror
/// declared a conflict on.
pub async fn score(
    db: &Platform,
    tenant: TenantId,
    user: UserId,
    submission: i64,
    scores: &[(i64, i64, String)],
) -> Result<(), AppError> {
    let (s, c) = submission_of(db, tenant, submission).await?;
    juror_of(db, tenant, &c, user).await?;
    c.require(Phase::Jury, Timestamp::now()).map_err(conflict)?;
    let store = Contests::of(db, tenant);
    let criteria = store.criteria(c.id).await?;
    let mut p = Problems::new();
    if scores.is_empty() {
        p.push(Invalid::new(
            "scores",
            "invalid_scores",
            "give a score on at least one criterion",
        ));
    }
    let mut seen = Vec::new();
    let mut clean = Vec::new();
    for (criterion, value, comment) in scores {
        if !criteria.iter().any(|k| k.position == *criterion) || seen.contains(criterion) {
            p.push(Invalid::new(
                "scores",
                "invalid_criterion",
                "score each criterion of this contest at most once",
            ));
            continue;
        }
        seen.push(*criterion);
        let value = p.check(check_score(*value));
        let comment = p.check(text(comment, "scores", 0, SHORT_MAX, "a comment"));
        if let (Some(v), Some(c)) = (value, comment) {
            clean.push((*criterion, v, c));
        }
    }
    if !p.is_empty() {
        return Err(p.into());
    }
    if !store.set_scores(s.id, user, &clean).await? {
        return Err(AppError::conflict(
            "conflict_declared",
            "you declared a conflict of interest on this submission, so you do not score it",
        ));
    }
    Ok(())
}

/// The results: the ranking with each submission, the public vote.
#[derive(Debug, Clone)]
pub struct Results {
    pub contest: Contest,
    pub criteria: Vec<Criterion>,
    /// Best first, with the submission ranked.
    pub ranking: Vec<(Ranked, Submission)>,
    pub total_votes: i64,
}

/// The results: public once announced; officials and the contest's jurors
/// see them once the jury phase is over; 409 before.
pub async fn results(
    db: &Platform,
    tenant: TenantId,
    contest: i64,
    viewer: Option<(UserId, Role)>,
) -> Result<Results, AppError> {
    let c = get(db, tenant, contest, viewer.map(|v| v.1)).await?;
    let phase = c.phase_at(Timestamp::now());
    let store = Contests::of(db, tenant);
    let insider = match viewer {
        Some((_, role)) if may_manage(role) => true,
        Some((user, _)) => store.is_juror(c.id, user).await?,
        None => false,
    };
    if !(phase == Phase::Announced || (insider && phase.jury_closed())) {
        return Err(AppError::conflict(
            "results_not_published",
            "the results are published when the winners are announced",
        ));
    }
    let criteria = store.criteria(c.id).await?;
    let submissions = store.submissions(c.id).await?;
    let ids: Vec<i64> = submissions.iter().map(|s| s.id).collect();
    let ranked = rank(&ids, &criteria, &store.scores(c.id).await?);
    let total_votes = submissions.iter().map(|s| s.votes).sum();
    let ranking = ranked
        .into_iter()
        .filter_map(|r| {
            let s = submissions.iter().find(|s| s.id == r.submission_id)?.clone();
            Some((r, s))
        })
        .collect();
    Ok(Results {
        contest: c,
        criteria,
        ranking,
        total_votes,
    })
}

/// An award as sent: (submission, `winner` / `mention`, the jury's reason).
pub type AwardInput = (i64, String, String);

/// Announces the winners (at least one) and honourable mentions with the
/// jury's reasons, once the jury phase is over; once. Officials; audited.
pub async fn announce(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    contest: i64,
    statement: &str,
    awards: &[AwardInput],
) -> Result<(), AppError> {
    officials_only(role)?;
    let c = get(db, tenant, contest, Some(role)).await?;
    c.require(Phase::Deciding, Timestamp::now()).map_err(conflict)?;
    let store = Contests::of(db, tenant);
    let ids: Vec<i64> = store.submissions(c.id).await?.iter().map(|s| s.id).collect();
    let mut p = Problems::new();
    let statement = p.check(text(statement, "text", 0, TEXT_MAX, "the announcement"));
    let mut clean: Vec<(i64, Award, String)> = Vec::new();
    for (submission, award, reason) in awards {
        let Some(award) = Award::parse(award) else {
            p.push(Invalid::new("awards", "invalid_award", "an award is winner or mention"));
            continue;
        };
        if !ids.contains(submission) || clean.iter().any(|a| a.0 == *submission) {
            p.push(Invalid::new(
                "awards",
                "invalid_submission",
                "award submissions of this contest, each once",
            ));
            continue;
        }
        if let Some(reason) = p.check(text(reason, "awards", 5, SHORT_MAX, "the jury's reason")) {
            clean.push((*submission, award, reason));
        }
    }
    if !clean.iter().any(|a| a.1 == Award::Winner) {
        p.push(Invalid::new(
            "awards",
            "no_winner",
            "name at least one winner, with the jury's reason",
        ));
    }
    let Some(statement) = statement else {
        return Err(p.into());
    };
    if !p.is_empty() {
        return Err(p.into());
    }
    let tx = db.begin().await?;
    if !Contests::of(&tx, tenant).announce(c.id, &statement, &clean).await? {
        return Err(AppError::conflict(
            "contest_not_deciding",
            "winners are announced once the jury phase has ended, and only once",
        ));
    }
    audit::record(
        &tx,
        tenant,
        actor,
        audit::action::CONTEST_ANNOUNCED,
        &format!("contest {}", c.id),
        &format!("{} awards", clean.len()),
    )
    .await?;
    tx.commit().await
}

/// Ends the current phase now (submissions open at once, or close, the
/// public vote or the jury ends): officials closing a phase early. Not
/// before the announcement's own step. Audited.
pub async fn advance(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    contest: i64,
) -> Result<Phase, AppError> {
    officials_only(role)?;
    let c = get(db, tenant, contest, Some(role)).await?;
    let now = Timestamp::now().0;
    let phase = c.phase_at(Timestamp(now));
    let mut s = Schedule {
        opens_at: c.opens_at,
        submissions_end: c.submissions_end,
        vote_end: c.vote_end,
        jury_end: c.jury_end,
    };
    // Each boundary stays after the one before it (the dates run forward).
    match phase {
        Phase::Upcoming => s.opens_at = now,
        Phase::Submissions => s.submissions_end = now.max(s.opens_at + 1),
        Phase::Vote => s.vote_end = Some(now.max(s.submissions_end + 1)),
        Phase::Jury => s.jury_end = now.max(c.jury_start() + 1),
        Phase::Deciding | Phase::Announced => {
            return Err(AppError::conflict(
                "contest_no_next_phase",
                "the jury phase is over: announce the winners",
            ));
        }
    }
    // A later boundary that the move overtook is pushed a day on.
    if s.submissions_end <= s.opens_at {
        s.submissions_end = s.opens_at + DAY_MS;
    }
    if let Some(v) = s.vote_end
        && v <= s.submissions_end
    {
        s.vote_end = Some(s.submissions_end + DAY_MS);
    }
    let jury_start = s.vote_end.unwrap_or(s.submissions_end);
    if s.jury_end <= jury_start {
        s.jury_end = jury_start + DAY_MS;
    }
    let tx = db.begin().await?;
    if !Contests::of(&tx, tenant).reschedule(c.id, &s).await? {
        return Err(AppError::conflict(
            "contest_no_next_phase",
            "the jury phase is over: announce the winners",
        ));
    }
    let c = Contests::of(&tx, tenant).get(c.id).await?.ok_or(AppError::NotFound)?;
    let next = c.phase_at(Timestamp(now + 1));
    audit::record(
        &tx,
        tenant,
        actor,
        audit::action::CONTEST_PHASE,
        &format!("contest {}", c.id),
        next.as_str(),
    )
    .await?;
    tx.commit().await?;
    Ok(next)
}

/// The contest a submission belongs to (for links).
pub async fn submissions_contest(db: &Platform, tenant: TenantId, submission: i64) -> Result<i64, AppError> {
    let (_, c) = submission_of(db, tenant, submission).await?;
    Ok(c.id)
}

/// A contest's submissions for officials' export, with the jury's ranking
/// once the jury phase is over (`None` before: scores stay hidden).
pub async fn export(
    db: &Platform,
    tenant: TenantId,
    role: Role,
    contest: i64,
) -> Result<(Contest, Vec<Submission>, Option<Vec<Ranked>>), AppError> {
    officials_only(role)?;
    let c = get(db, tenant, contest, Some(role)).await?;
    let store = Contests::of(db, tenant);
    let submissions = store.submissions(c.id).await?;
    let ranking = if c.phase_at(Timestamp::now()).jury_closed() {
        let criteria = store.criteria(c.id).await?;
        Some(ranking_of(db, tenant, &c, &criteria).await?)
    } else {
        None
    };
    Ok((c, submissions, ranking))
}
