//! Open data: what a municipality publishes for anyone to reuse, as rows
//! the web layer writes as CSV, JSON and the DCAT-AP catalogue. Only what
//! every visitor may see goes in, and nothing that names or locates a
//! person: no authors or reporters, no free-text poll answers, no single
//! ballot, report locations rounded to about 100 m.

use crate::audit::{self, Actor};
use crate::{AppError, Platform};
use civic_core::open_data::{Dataset, Licence, coarse};
use civic_core::petitions::Petition;
use civic_core::polls::Kind;
use civic_core::{Role, TenantId, Timestamp};
pub use civic_store::open_data::{IdeaAnswerRow, IdeaRow, ReportRow};
use civic_store::open_data::{OpenData, Summary};
use civic_store::polls::AnswerCount;
use std::collections::BTreeMap;

/// The counter row of a question that counts the responses answering it.
const ANSWERED: i64 = -2;

/// The licence the tenant publishes under (CC BY 4.0 until one is chosen).
pub async fn licence(db: &Platform, tenant: TenantId) -> Result<Licence, AppError> {
    Ok(OpenData::of(db, tenant).licence().await?.unwrap_or_default())
}

/// Chooses the licence. Administrators only; audited.
pub async fn set_licence(
    db: &Platform,
    tenant: TenantId,
    role: Role,
    actor: &Actor,
    raw: &str,
) -> Result<Licence, AppError> {
    if role != Role::Admin {
        return Err(AppError::forbidden(
            "admins_only",
            "only the tenant's administrators can choose the open-data licence",
        ));
    }
    let chosen = Licence::from_input(raw)?;
    let tx = db.begin().await?;
    OpenData::of(&tx, tenant).set_licence(chosen, Timestamp::now()).await?;
    audit::record(
        &tx,
        tenant,
        actor,
        audit::action::OPEN_DATA_LICENCE,
        "open data",
        chosen.as_str(),
    )
    .await?;
    tx.commit().await?;
    Ok(chosen)
}

/// A dataset as the catalogue and the page describe it.
#[derive(Debug, Clone)]
pub struct DatasetInfo {
    pub dataset: Dataset,
    pub rows: i64,
    /// The latest change of its rows (unix ms), when it has any.
    pub modified: Option<i64>,
    /// Budgets whose ballots are also published as Pabulib files.
    pub pabulib: Vec<i64>,
}

/// The tenant's catalogue: the licence and every dataset.
#[derive(Debug, Clone)]
pub struct Catalogue {
    pub licence: Licence,
    pub datasets: Vec<DatasetInfo>,
}

impl Catalogue {
    /// The latest change of any dataset.
    pub fn modified(&self) -> Option<i64> {
        self.datasets.iter().filter_map(|d| d.modified).max()
    }
}

/// The catalogue: rows counted in SQL (poll results from their counters).
pub async fn catalogue(db: &Platform, tenant: TenantId) -> Result<Catalogue, AppError> {
    let store = OpenData::of(db, tenant);
    let s: Summary = store.summary(Timestamp::now()).await?;
    let polls = poll_results(db, tenant).await?;
    let polls_modified = s
        .polls_modified
        .or_else(|| polls.iter().map(|p| p.closes_at.unwrap_or(p.created_at)).max());
    let info = |dataset, rows, modified| DatasetInfo {
        dataset,
        rows,
        modified,
        pabulib: Vec::new(),
    };
    let mut budgets = info(Dataset::BudgetResults, s.budget_projects, s.budgets_modified);
    budgets.pabulib = store.budget_ids().await?;
    Ok(Catalogue {
        licence: store.licence().await?.unwrap_or_default(),
        datasets: vec![
            info(Dataset::Ideas, s.ideas, s.ideas_modified),
            info(
                Dataset::PollResults,
                polls.iter().map(|p| p.rows.len() as i64).sum(),
                polls_modified,
            ),
            budgets,
            info(Dataset::Petitions, s.petitions, s.petitions_modified),
            info(Dataset::Reports, s.reports, s.reports_modified),
        ],
    })
}

/// A public idea with the city's answers, oldest first.
#[derive(Debug, Clone)]
pub struct IdeaEntry {
    pub idea: IdeaRow,
    pub answers: Vec<IdeaAnswerRow>,
}

/// Public ideas (withdrawn ones left out), oldest first, each with the
/// city's answers: two statements whatever the number of ideas.
pub async fn ideas(db: &Platform, tenant: TenantId) -> Result<Vec<IdeaEntry>, AppError> {
    let store = OpenData::of(db, tenant);
    let ideas = store.ideas().await?;
    let mut answers = store.idea_answers().await?.into_iter().peekable();
    Ok(ideas
        .into_iter()
        .map(|idea| {
            let mut mine = Vec::new();
            // Both lists are ordered by idea id; answers to ideas not
            // listed cannot occur (the same condition selects both).
            while let Some(a) = answers.next_if(|a| a.idea_id <= idea.id) {
                if a.idea_id == idea.id {
                    mine.push(a);
                }
            }
            IdeaEntry { idea, answers: mine }
        })
        .collect())
}

/// One line of a poll's aggregate results: how many chose an option (of a
/// matrix row), or a ranking's first places and Borda points.
#[derive(Debug, Clone)]
pub struct PollResultRow {
    pub question_id: i64,
    pub question: String,
    pub kind: Kind,
    /// The matrix row, for matrix questions.
    pub row: Option<String>,
    pub option: String,
    pub count: i64,
    pub percent: f64,
    /// Ranking questions: Borda points.
    pub borda: Option<i64>,
}

/// A poll's public results, flattened.
#[derive(Debug, Clone)]
pub struct PollResults {
    pub poll_id: i64,
    pub title: String,
    pub phase: String,
    pub responses: i64,
    pub created_at: i64,
    pub closes_at: Option<i64>,
    pub rows: Vec<PollResultRow>,
}

/// The results of every poll whose results are public now, as counts per
/// question and option; free-text answers are never included. Two
/// statements whatever the number of polls.
pub async fn poll_results(db: &Platform, tenant: TenantId) -> Result<Vec<PollResults>, AppError> {
    let now = Timestamp::now();
    let store = OpenData::of(db, tenant);
    let polls = store.polls(now).await?;
    let mut tallies: BTreeMap<i64, (Vec<AnswerCount>, BTreeMap<i64, i64>)> = BTreeMap::new();
    for t in store.poll_tallies(now).await? {
        let (counts, answered) = tallies.entry(t.poll_id).or_default();
        if t.choice == ANSWERED {
            answered.insert(t.question_id, t.count);
        } else {
            counts.push(AnswerCount {
                question_id: t.question_id,
                choice: t.choice,
                rank: t.rank,
                value: t.value,
                count: t.count,
            });
        }
    }
    let mut out = Vec::with_capacity(polls.len());
    for poll in polls {
        let questions = crate::polls::questions_of(&poll)?;
        let (counts, answered) = tallies.remove(&poll.id).unwrap_or_default();
        let mut rows = Vec::new();
        for q in &crate::polls::question_results(&questions, &counts, &answered, BTreeMap::new()) {
            let line = |row: Option<String>, option: &str, count, percent, borda| PollResultRow {
                question_id: q.id,
                question: q.text.clone(),
                kind: q.kind,
                row,
                option: option.to_string(),
                count,
                percent,
                borda,
            };
            for o in &q.options {
                rows.push(line(None, &o.label, o.count, o.percent, None));
            }
            for m in &q.matrix {
                for ((column, count), percent) in q.columns.iter().zip(&m.counts).zip(&m.percents) {
                    rows.push(line(Some(m.label.clone()), column, *count, *percent, None));
                }
            }
            for k in &q.ranking {
                rows.push(line(None, &k.label, k.first, k.first_percent, Some(k.borda)));
            }
        }
        out.push(PollResults {
            poll_id: poll.id,
            phase: poll.phase(now).to_string(),
            responses: poll.response_count,
            created_at: poll.created_at,
            closes_at: poll.closes_at,
            title: poll.title,
            rows,
        });
    }
    Ok(out)
}

/// A project's line in a budget's public results.
#[derive(Debug, Clone)]
pub struct BudgetResultRow {
    pub budget_id: i64,
    pub budget_title: String,
    pub rule: &'static str,
    /// The fund, in whole hryvnias.
    pub amount: i64,
    pub voters: usize,
    pub project_id: i64,
    pub title: String,
    pub category: Option<String>,
    pub district: Option<String>,
    pub cost: i64,
    /// Votes (approval), points (cumulative, ranked) as counted.
    pub votes: i64,
    pub selected: bool,
    pub project_status: &'static str,
    /// Why it is not funded (a stable code), when it is not.
    pub not_funded: Option<&'static str>,
}

/// Every budget whose results are public, counted with its own rule.
pub async fn budget_results(db: &Platform, tenant: TenantId) -> Result<Vec<BudgetResultRow>, AppError> {
    let mut rows = Vec::new();
    for id in OpenData::of(db, tenant).budget_ids().await? {
        let (b, r) = match crate::budgets::results(db, tenant, id, None, None).await {
            Ok(counted) => counted,
            // A budget its rule cannot count is left out rather than
            // failing every other one.
            Err(AppError::Invalid(_) | AppError::Conflict { .. } | AppError::NotFound) => continue,
            Err(e) => return Err(e),
        };
        for l in r.lines {
            rows.push(BudgetResultRow {
                budget_id: b.id,
                budget_title: b.title.clone(),
                rule: r.rule,
                amount: r.budget,
                voters: r.voters,
                project_id: l.project.id,
                title: l.project.title,
                category: l.project.category,
                district: l.project.district,
                cost: l.project.cost,
                votes: l.score,
                selected: l.selected,
                project_status: l.project.status.as_str(),
                not_funded: l.not_funded.as_ref().map(|n| n.code()),
            });
        }
    }
    Ok(rows)
}

/// Published petitions (never drafts, ones awaiting the check, or refused
/// ones), oldest first.
pub async fn petitions(db: &Platform, tenant: TenantId) -> Result<Vec<Petition>, AppError> {
    Ok(OpenData::of(db, tenant).petitions().await?)
}

/// A problem report without personal data.
#[derive(Debug, Clone)]
pub struct ReportEntry {
    pub report: ReportRow,
    /// Latitude and longitude rounded to three decimals.
    pub place: Option<(f64, f64)>,
}

/// Problem reports without reporter, text or address, their places
/// rounded to three decimals, oldest first.
pub async fn reports(db: &Platform, tenant: TenantId) -> Result<Vec<ReportEntry>, AppError> {
    Ok(OpenData::of(db, tenant)
        .reports()
        .await?
        .into_iter()
        .map(|report| ReportEntry {
            place: report
                .lat_e6
                .zip(report.lon_e6)
                .map(|(la, lo)| (coarse(la), coarse(lo))),
            report,
        })
        .collect())
}
