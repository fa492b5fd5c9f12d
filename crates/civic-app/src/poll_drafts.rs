//! A multi-page survey, one page at a time: each page's answers are merged
//! into the account's saved progress (the draft), then the respondent goes
//! on to the next page (this page checked), back (not checked), or sends the
//! whole response (all of it checked; a problem sends them to its page).
//! Without JavaScript every step is a plain form post, so the rules of the
//! flow live here and the page only draws what this returns.

use crate::polls::{self, Outcome};
use crate::{AppError, Platform};
use civic_core::polls::{self as rules, AnswerInput, Poll, Problem, Question};
use civic_core::{TenantId, Timestamp, UserId};
use civic_store::polls::Polls;
use std::collections::BTreeMap;

/// Progress saved from an unfinished multi-page response.
#[derive(Debug, Clone)]
pub struct Draft {
    pub page: i64,
    pub district: String,
    pub answers: Vec<AnswerInput>,
}

/// Where a respondent stands in a poll.
pub struct Progress {
    /// They have sent a response already.
    pub answered: bool,
    pub draft: Option<Draft>,
}

/// The respondent's progress in `poll`.
pub async fn progress(db: &Platform, tenant: TenantId, poll: i64, user: UserId) -> Result<Progress, AppError> {
    let store = Polls::of(db, tenant);
    let answered = store.has_responded(poll, user).await?;
    let draft = store.draft_of(poll, user).await?.map(|d| Draft {
        page: d.page,
        district: d.district,
        // A draft saved by an older version that no longer reads starts over.
        answers: serde_json::from_str(&d.answers_json).unwrap_or_default(),
    });
    Ok(Progress { answered, draft })
}

/// Where the respondent asked to go with this page's answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Go {
    Back,
    Next,
    Send,
}

impl Go {
    /// The form's button: "back", "submit", anything else is "next".
    pub fn from_button(raw: &str) -> Go {
        match raw {
            "back" => Go::Back,
            "submit" => Go::Send,
            _ => Go::Next,
        }
    }
}

/// One posted page of a poll.
pub struct PostedPage {
    /// The page the answers are from (an unknown one reads as the first).
    pub page: Option<i64>,
    pub go: Go,
    /// The district stated on the first page, if it was posted.
    pub district: Option<String>,
    /// This page's answers (answers to other pages' questions are ignored).
    pub answers: Vec<AnswerInput>,
}

/// What happens after a posted page.
pub enum Step {
    /// On to this page of the form.
    ToPage(i64),
    /// The response is in.
    Sent,
    /// The same or an earlier page again, with what to fix.
    Refused(Refusal),
}

/// A page to show again: which, with every answer so far and the problems.
pub struct Refusal {
    pub page: i64,
    pub answers: Vec<AnswerInput>,
    pub district: String,
    pub problems: Vec<Problem>,
    /// Why the stated district does not qualify (always on the first page).
    pub district_problem: Option<civic_core::Invalid>,
}

/// The page after `current`, or before it (`forward` false): pages whose
/// questions earlier answers all hide are skipped.
pub fn step(questions: &[Question], answers: &[AnswerInput], current: i64, forward: bool) -> Option<i64> {
    let given: BTreeMap<i64, &AnswerInput> = answers
        .iter()
        .filter(|a| !a.is_blank())
        .map(|a| (a.question_id, a))
        .collect();
    let shown = rules::shown(questions, &given);
    let pages = rules::pages(questions);
    let asks = |p: &i64| questions.iter().any(|q| q.page == *p && shown.contains(&q.id));
    if forward {
        pages.into_iter().filter(|p| *p > current).find(asks)
    } else {
        pages.into_iter().rev().filter(|p| *p < current).find(asks)
    }
}

/// Takes one posted page of `poll` (already loaded with its questions) from
/// `user`: saves the progress and says where they go next.
pub async fn post_page(
    db: &Platform,
    tenant: TenantId,
    user: UserId,
    (poll, questions): (&Poll, &[Question]),
    posted: PostedPage,
) -> Result<Step, AppError> {
    let pages = rules::pages(questions);
    let current = posted.page.filter(|n| pages.contains(n)).unwrap_or(pages[0]);
    let store = Polls::of(db, tenant);
    let saved = store.draft_of(poll.id, user).await?;
    // Answers kept from other pages, this page's as posted now.
    let mut answers: Vec<AnswerInput> = saved
        .as_ref()
        .and_then(|d| serde_json::from_str::<Vec<AnswerInput>>(&d.answers_json).ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|a| questions.iter().any(|q| q.id == a.question_id && q.page != current))
        .collect();
    answers.extend(
        posted
            .answers
            .into_iter()
            .filter(|a| questions.iter().any(|q| q.id == a.question_id && q.page == current)),
    );
    answers.sort_by_key(|a| a.question_id);
    let district = posted
        .district
        .or_else(|| saved.as_ref().map(|d| d.district.clone()))
        .unwrap_or_default();
    let json = serde_json::to_string(&answers).map_err(|e| AppError::Internal(Box::new(e)))?;
    let refuse = |page: i64, problems: Vec<Problem>, district_problem: Option<civic_core::Invalid>| {
        Ok(Step::Refused(Refusal {
            page,
            answers: answers.clone(),
            district: district.clone(),
            problems,
            district_problem,
        }))
    };
    let multi = pages.len() > 1;
    if multi && posted.go != Go::Send {
        polls::check_open(poll, Timestamp::now())?;
        if posted.go == Go::Back {
            let to = step(questions, &answers, current, false).unwrap_or(pages[0]);
            store.save_draft(poll.id, user, to, &district, &json).await?;
            return Ok(Step::ToPage(to));
        }
        store.save_draft(poll.id, user, current, &district, &json).await?;
        if current == pages[0] {
            let choices = polls::district_choices(db, tenant, poll).await?;
            let verified = poll.eligibility != "verified" || crate::verification::is_verified(db, tenant, user).await?;
            match polls::eligible(poll, &choices, Some(&district), verified) {
                Ok(_) => {}
                Err(AppError::Invalid(problems)) => return refuse(current, Vec::new(), Some(problems.into_first())),
                Err(other) => return Err(other),
            }
        }
        let problems = rules::check_page(questions, &rules::without_hidden(questions, &answers), current);
        if !problems.is_empty() {
            return refuse(current, problems, None);
        }
        let to = step(questions, &answers, current, true).unwrap_or(current);
        store.save_draft(poll.id, user, to, &district, &json).await?;
        return Ok(Step::ToPage(to));
    }
    let complete = rules::without_hidden(questions, &answers);
    let stated = Some(district.as_str()).filter(|d| !d.is_empty());
    match polls::respond_from(db, tenant, user, poll.id, stated, &complete).await {
        Ok(Ok(Outcome::Created | Outcome::Replaced)) => Ok(Step::Sent),
        Ok(Err(problems)) => {
            if multi {
                store.save_draft(poll.id, user, current, &district, &json).await?;
            }
            // The first page with a problem, where the respondent fixes it.
            let first = problems
                .iter()
                .filter_map(|pr| questions.iter().find(|q| q.id == pr.question_id).map(|q| q.page))
                .min()
                .unwrap_or(current);
            refuse(first, problems, None)
        }
        Err(AppError::Invalid(problems)) if problems.for_field("district").is_some() => {
            refuse(pages[0], Vec::new(), Some(problems.into_first()))
        }
        Err(e) => Err(e),
    }
}
