//! Polls and surveys: question definitions and the rules an answer must
//! follow. Pure: the application stores what these functions accept.

use crate::{Invalid, Timestamp};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

pub const TITLE_MAX: usize = 200;
pub const INTRO_MAX: usize = 5_000;
pub const QUESTIONS_MAX: usize = 100;
pub const QUESTION_TEXT_MAX: usize = 500;
pub const OPTIONS_MAX: usize = 50;
pub const OPTION_MAX: usize = 200;
pub const SHORT_TEXT_MAX: usize = 300;
pub const LONG_TEXT_MAX: usize = 5_000;
pub const ROWS_MAX: usize = 30;
pub const PAGES_MAX: i64 = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    SingleChoice,
    MultipleChoice,
    Scale,
    ShortText,
    LongText,
    Number,
    Ranking,
    Date,
    /// Rows rated on one shared scale: `rows` × `options` (the columns).
    Matrix,
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::SingleChoice,
        Kind::MultipleChoice,
        Kind::Scale,
        Kind::ShortText,
        Kind::LongText,
        Kind::Number,
        Kind::Ranking,
        Kind::Date,
        Kind::Matrix,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::SingleChoice => "single_choice",
            Kind::MultipleChoice => "multiple_choice",
            Kind::Scale => "scale",
            Kind::ShortText => "short_text",
            Kind::LongText => "long_text",
            Kind::Number => "number",
            Kind::Ranking => "ranking",
            Kind::Date => "date",
            Kind::Matrix => "matrix",
        }
    }

    pub fn parse(raw: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    pub fn has_options(self) -> bool {
        matches!(
            self,
            Kind::SingleChoice | Kind::MultipleChoice | Kind::Ranking | Kind::Matrix
        )
    }

    /// Choice questions may offer "other: please specify".
    pub fn may_have_other(self) -> bool {
        matches!(self, Kind::SingleChoice | Kind::MultipleChoice)
    }

    pub fn is_text(self) -> bool {
        matches!(self, Kind::ShortText | Kind::LongText)
    }
}

/// Show a question only when an earlier single-choice question was
/// answered with this option (or, with `negate`, with anything else).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub question_id: i64,
    pub option: i64,
    #[serde(default, skip_serializing_if = "is_false")]
    pub negate: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn first_page() -> i64 {
    1
}

/// A question as stored: ids are 1-based positions in the poll.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: i64,
    pub kind: Kind,
    pub text: String,
    pub required: bool,
    /// 1-based page of a multi-page survey.
    #[serde(default = "first_page")]
    pub page: i64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// Choice questions: an extra "other" option (index `options.len()`)
    /// whose answer carries the respondent's text.
    #[serde(default, skip_serializing_if = "is_false")]
    pub other: bool,
    /// Matrix questions: the rows, each rated on the `options` columns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_selections: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_selections: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_min: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_max: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
}

impl Question {
    /// (lowest, highest) of a scale; 1–5 unless set.
    pub fn scale(&self) -> (i64, i64) {
        (self.scale_min.unwrap_or(1), self.scale_max.unwrap_or(5))
    }

    /// (fewest, most) options a multiple-choice answer may select.
    pub fn selections(&self) -> (i64, i64) {
        let n = self.choice_count();
        (self.min_selections.unwrap_or(1), self.max_selections.unwrap_or(n))
    }
}

impl Question {
    /// Options a respondent may pick, "other" included.
    pub fn choice_count(&self) -> i64 {
        self.options.len() as i64 + i64::from(self.other)
    }

    /// The label of option `i`; "other" is `other_label`.
    pub fn option_label<'a>(&'a self, i: i64, other_label: &'a str) -> &'a str {
        match self.options.get(i as usize) {
            Some(l) => l,
            None if self.other && i == self.options.len() as i64 => other_label,
            None => "",
        }
    }
}

/// `show_if` as staff write it: the 0-based position of an earlier question.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize)]
pub struct ConditionInput {
    pub question: i64,
    pub option: i64,
    /// Show when the answer is anything but `option`.
    #[serde(default)]
    pub negate: bool,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct QuestionInput {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub required: bool,
    /// 1-based; pages never go down from one question to the next.
    pub page: Option<i64>,
    #[serde(default)]
    pub options: Vec<String>,
    #[serde(default)]
    pub other: bool,
    #[serde(default)]
    pub rows: Vec<String>,
    pub min_selections: Option<i64>,
    pub max_selections: Option<i64>,
    pub scale_min: Option<i64>,
    pub scale_max: Option<i64>,
    pub min_label: Option<String>,
    pub max_label: Option<String>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub min_date: Option<String>,
    pub max_date: Option<String>,
    pub show_if: Option<ConditionInput>,
}

fn clean(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn optional_label(raw: &Option<String>, n: usize) -> Result<Option<String>, String> {
    match raw.as_deref().map(clean) {
        Some(l) if l.chars().count() > OPTION_MAX => {
            Err(format!("question {n}: a scale label has at most 200 characters"))
        }
        Some(l) if l.is_empty() => Ok(None),
        other => Ok(other),
    }
}

/// Checks staff's questions and numbers them. One message names the first
/// question in error.
pub fn build_questions(inputs: &[QuestionInput]) -> Result<Vec<Question>, Invalid> {
    if inputs.is_empty() {
        return Err(Invalid::new(
            "questions",
            "no_questions",
            "a poll needs at least one question",
        ));
    }
    if inputs.len() > QUESTIONS_MAX {
        return Err(Invalid::new(
            "questions",
            "too_many_questions",
            "a poll has at most 100 questions",
        ));
    }
    let mut out: Vec<Question> = Vec::with_capacity(inputs.len());
    for (index, input) in inputs.iter().enumerate() {
        let n = index + 1;
        let bad = |code: &'static str, m: String| Invalid::new("questions", code, m);
        let kind = Kind::parse(&input.kind).ok_or_else(|| {
            bad("invalid_question_kind", format!(
                "question {n}: the kind is one of single_choice, multiple_choice, scale, short_text, long_text, number, ranking, date, matrix"
            ))
        })?;
        let text = clean(&input.text);
        if text.is_empty() || text.chars().count() > QUESTION_TEXT_MAX {
            return Err(bad(
                "invalid_question_text",
                format!("question {n}: the text has 1 to 500 characters"),
            ));
        }
        let page = input.page.unwrap_or_else(|| out.last().map_or(1, |p| p.page));
        if !(1..=PAGES_MAX).contains(&page) || out.last().is_some_and(|p| p.page > page) {
            return Err(bad(
                "invalid_question_pages",
                format!("question {n}: pages run from 1 to 50 and never go down from one question to the next"),
            ));
        }
        let mut q = Question {
            id: n as i64,
            kind,
            text,
            required: input.required,
            page,
            options: Vec::new(),
            other: false,
            rows: Vec::new(),
            min_selections: None,
            max_selections: None,
            scale_min: None,
            scale_max: None,
            min_label: None,
            max_label: None,
            min: None,
            max: None,
            min_date: None,
            max_date: None,
            show_if: None,
        };
        if kind.has_options() {
            let options: Vec<String> = input.options.iter().map(|o| clean(o)).collect();
            // A matrix's columns may be a single "agree" column; choices need two.
            let fewest = if kind == Kind::Matrix { 1 } else { 2 };
            if options.len() < fewest || options.len() > OPTIONS_MAX {
                return Err(bad(
                    "invalid_question_options",
                    format!("question {n}: give 2 to 50 options"),
                ));
            }
            if options.iter().any(|o| o.is_empty() || o.chars().count() > OPTION_MAX) {
                return Err(bad(
                    "invalid_question_options",
                    format!("question {n}: an option has 1 to 200 characters"),
                ));
            }
            if options.iter().collect::<BTreeSet<_>>().len() != options.len() {
                return Err(bad(
                    "invalid_question_options",
                    format!("question {n}: options must differ"),
                ));
            }
            q.options = options;
        } else if !input.options.is_empty() {
            return Err(bad(
                "invalid_question_options",
                format!("question {n}: only choice, ranking and matrix questions have options"),
            ));
        }
        if input.other {
            if !kind.may_have_other() {
                return Err(bad(
                    "invalid_question_other",
                    format!("question {n}: only choice questions offer \"other: please specify\""),
                ));
            }
            q.other = true;
        }
        if kind == Kind::Matrix {
            let rows: Vec<String> = input.rows.iter().map(|o| clean(o)).filter(|r| !r.is_empty()).collect();
            if rows.is_empty() || rows.len() > ROWS_MAX {
                return Err(bad(
                    "invalid_question_rows",
                    format!("question {n}: a matrix has 1 to 30 rows"),
                ));
            }
            if rows.iter().any(|r| r.chars().count() > OPTION_MAX) {
                return Err(bad(
                    "invalid_question_rows",
                    format!("question {n}: a row has 1 to 200 characters"),
                ));
            }
            if rows.iter().collect::<BTreeSet<_>>().len() != rows.len() {
                return Err(bad("invalid_question_rows", format!("question {n}: rows must differ")));
            }
            q.rows = rows;
        } else if input.rows.iter().any(|r| !r.trim().is_empty()) {
            return Err(bad(
                "invalid_question_rows",
                format!("question {n}: only matrix questions have rows"),
            ));
        }
        match kind {
            Kind::MultipleChoice => {
                let count = q.choice_count();
                let min = input.min_selections.unwrap_or(1);
                let max = input.max_selections.unwrap_or(count);
                if min < 1 || max < min || max > count {
                    return Err(bad(
                        "invalid_question_selections",
                        format!("question {n}: selections must satisfy 1 ≤ min ≤ max ≤ the number of options"),
                    ));
                }
                q.min_selections = Some(min);
                q.max_selections = Some(max);
            }
            Kind::Scale => {
                let min = input.scale_min.unwrap_or(1);
                let max = input.scale_max.unwrap_or(5);
                if !(-100..=100).contains(&min) || max <= min || max - min > 20 {
                    return Err(bad(
                        "invalid_question_scale",
                        format!("question {n}: a scale runs from min to max, with min < max and at most 21 steps"),
                    ));
                }
                q.scale_min = Some(min);
                q.scale_max = Some(max);
                q.min_label = optional_label(&input.min_label, n).map_err(|m| bad("invalid_question_scale", m))?;
                q.max_label = optional_label(&input.max_label, n).map_err(|m| bad("invalid_question_scale", m))?;
            }
            Kind::Number => {
                if input.min.is_some_and(|v| !v.is_finite()) || input.max.is_some_and(|v| !v.is_finite()) {
                    return Err(bad(
                        "invalid_question_bounds",
                        format!("question {n}: bounds are finite numbers"),
                    ));
                }
                if let (Some(lo), Some(hi)) = (input.min, input.max)
                    && lo > hi
                {
                    return Err(bad(
                        "invalid_question_bounds",
                        format!("question {n}: the lower bound is above the upper one"),
                    ));
                }
                q.min = input.min;
                q.max = input.max;
            }
            Kind::Date => {
                let lo =
                    match input.min_date.as_deref() {
                        Some(d) => Some(parse_date(d).ok_or_else(|| {
                            bad("invalid_question_dates", format!("question {n}: dates are YYYY-MM-DD"))
                        })?),
                        None => None,
                    };
                let hi =
                    match input.max_date.as_deref() {
                        Some(d) => Some(parse_date(d).ok_or_else(|| {
                            bad("invalid_question_dates", format!("question {n}: dates are YYYY-MM-DD"))
                        })?),
                        None => None,
                    };
                if let (Some(lo), Some(hi)) = (lo, hi)
                    && lo > hi
                {
                    return Err(bad(
                        "invalid_question_dates",
                        format!("question {n}: the earliest date is after the latest"),
                    ));
                }
                q.min_date = input.min_date.clone();
                q.max_date = input.max_date.clone();
            }
            _ => {}
        }
        if let Some(cond) = input.show_if {
            let target = usize::try_from(cond.question)
                .ok()
                .filter(|t| *t < index)
                .and_then(|t| out.get(t))
                .ok_or_else(|| {
                    bad(
                        "invalid_question_condition",
                        format!("question {n}: show_if names an earlier question (0-based)"),
                    )
                })?;
            if target.kind != Kind::SingleChoice {
                return Err(bad(
                    "invalid_question_condition",
                    format!("question {n}: show_if names a single-choice question"),
                ));
            }
            if cond.option < 0 || cond.option >= target.choice_count() {
                return Err(bad(
                    "invalid_question_condition",
                    format!("question {n}: show_if names an option of that question"),
                ));
            }
            q.show_if = Some(Condition {
                question_id: target.id,
                option: cond.option,
                negate: cond.negate,
            });
        }
        out.push(q);
    }
    Ok(out)
}

/// An answer as a respondent sends it; which field is used depends on the
/// question's kind.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct AnswerInput {
    pub question_id: i64,
    /// Single choice: the option's 0-based index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option: Option<i64>,
    /// Multiple choice: the chosen options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<i64>>,
    /// Scale and number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Short and long text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Ranking: every option, most preferred first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranking: Option<Vec<i64>>,
    /// Date: YYYY-MM-DD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Matrix: the chosen column for each row, -1 for a row left blank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matrix: Option<Vec<i64>>,
    /// Choice questions: the text of "other: please specify", needed when
    /// the "other" option is chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<String>,
}

impl AnswerInput {
    /// True when nothing was given (an optional question left blank).
    pub fn is_blank(&self) -> bool {
        self.option.is_none()
            && self.options.as_ref().is_none_or(Vec::is_empty)
            && self.value.is_none()
            && self.text.as_deref().is_none_or(|t| t.trim().is_empty())
            && self.ranking.as_ref().is_none_or(Vec::is_empty)
            && self.date.as_deref().is_none_or(|d| d.trim().is_empty())
            && self.matrix.as_ref().is_none_or(|m| m.iter().all(|c| *c < 0))
    }
}

/// One stored fact of an answer: see `civic_store::polls::AnswerRow`.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub question_id: i64,
    pub choice: i64,
    pub rank: i64,
    pub value: f64,
    pub text: Option<String>,
}

/// What is wrong with the answer to one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub question_id: i64,
    pub code: &'static str,
    pub message: String,
}

fn problem(question_id: i64, code: &'static str, message: impl Into<String>) -> Problem {
    Problem {
        question_id,
        code,
        message: message.into(),
    }
}

/// Which questions are shown, given the single-choice answers so far.
pub fn shown(questions: &[Question], answers: &BTreeMap<i64, &AnswerInput>) -> BTreeSet<i64> {
    let mut shown = BTreeSet::new();
    for q in questions {
        let visible = match q.show_if {
            None => true,
            Some(c) => {
                let picked = answers.get(&c.question_id).and_then(|a| a.option) == Some(c.option);
                shown.contains(&c.question_id) && picked != c.negate
            }
        };
        if visible {
            shown.insert(q.id);
        }
    }
    shown
}

fn option_in(q: &Question, i: i64) -> bool {
    i >= 0 && (i as usize) < q.options.len()
}

fn choice_in(q: &Question, i: i64) -> bool {
    i >= 0 && i < q.choice_count()
}

/// The text kept with "other": required when "other" is chosen, refused otherwise.
fn other_text(q: &Question, a: &AnswerInput, chose_other: bool) -> Result<Option<String>, Problem> {
    let text = a.other.as_deref().map(clean).filter(|t| !t.is_empty());
    match (chose_other, text) {
        (true, None) => Err(problem(q.id, "other_missing", "say what \"other\" is")),
        (true, Some(t)) if t.chars().count() > OPTION_MAX => Err(problem(
            q.id,
            "text_too_long",
            format!("at most {OPTION_MAX} characters"),
        )),
        (false, Some(_)) => Err(problem(
            q.id,
            "other_not_chosen",
            "the \"other\" text goes with the \"other\" option",
        )),
        (true, t) => Ok(t),
        (false, None) => Ok(None),
    }
}

/// Checks a whole response against the questions: every problem is listed
/// (by question), or the rows to store are returned.
pub fn check_answers(questions: &[Question], answers: &[AnswerInput]) -> Result<Vec<Cell>, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut by_question: BTreeMap<i64, &AnswerInput> = BTreeMap::new();
    for a in answers {
        if !questions.iter().any(|q| q.id == a.question_id) {
            problems.push(problem(
                a.question_id,
                "unknown_question",
                "there is no such question in this poll",
            ));
        } else if by_question.insert(a.question_id, a).is_some() {
            problems.push(problem(
                a.question_id,
                "duplicate_answer",
                "this question is answered twice",
            ));
        }
    }
    by_question.retain(|_, a| !a.is_blank());
    let shown = shown(questions, &by_question);
    let mut cells = Vec::new();
    for q in questions {
        let Some(a) = by_question.get(&q.id) else {
            if q.required && shown.contains(&q.id) {
                problems.push(problem(q.id, "required", "this question needs an answer"));
            }
            continue;
        };
        if !shown.contains(&q.id) {
            problems.push(problem(
                q.id,
                "hidden_question",
                "this question is not asked given your earlier answer; leave it blank",
            ));
            continue;
        }
        match check_one(q, a) {
            Ok(mut c) => cells.append(&mut c),
            Err(p) => problems.push(p),
        }
    }
    if problems.is_empty() { Ok(cells) } else { Err(problems) }
}

fn cell(q: &Question) -> Cell {
    Cell {
        question_id: q.id,
        choice: -1,
        rank: 0,
        value: 0.0,
        text: None,
    }
}

fn check_one(q: &Question, a: &AnswerInput) -> Result<Vec<Cell>, Problem> {
    let wrong = || {
        problem(
            q.id,
            "invalid_answer",
            format!("this answer does not fit a {} question", q.kind.as_str()),
        )
    };
    let unknown = || problem(q.id, "unknown_option", "that option does not exist");
    match q.kind {
        Kind::SingleChoice => {
            let i = a.option.ok_or_else(wrong)?;
            if !choice_in(q, i) {
                return Err(unknown());
            }
            let text = other_text(q, a, !option_in(q, i))?;
            Ok(vec![Cell {
                choice: i,
                text,
                ..cell(q)
            }])
        }
        Kind::MultipleChoice => {
            let chosen = a.options.as_ref().ok_or_else(wrong)?;
            if chosen.iter().any(|i| !choice_in(q, *i)) {
                return Err(unknown());
            }
            let distinct: BTreeSet<i64> = chosen.iter().copied().collect();
            if distinct.len() != chosen.len() {
                return Err(problem(q.id, "duplicate_option", "an option is chosen twice"));
            }
            let (min, max) = q.selections();
            let n = distinct.len() as i64;
            if n < min {
                return Err(problem(q.id, "too_few_selections", format!("choose at least {min}")));
            }
            if n > max {
                return Err(problem(q.id, "too_many_selections", format!("choose at most {max}")));
            }
            let other = q.other.then_some(q.options.len() as i64);
            let text = other_text(q, a, other.is_some_and(|o| distinct.contains(&o)))?;
            Ok(distinct
                .into_iter()
                .map(|i| Cell {
                    choice: i,
                    text: if Some(i) == other { text.clone() } else { None },
                    ..cell(q)
                })
                .collect())
        }
        Kind::Matrix => {
            let picks = a.matrix.as_ref().ok_or_else(wrong)?;
            if picks.len() != q.rows.len() {
                return Err(problem(q.id, "invalid_matrix", "give one answer for each row"));
            }
            if picks.iter().any(|c| *c != -1 && !option_in(q, *c)) {
                return Err(unknown());
            }
            if q.required && picks.contains(&-1) {
                return Err(problem(q.id, "matrix_incomplete", "answer every row"));
            }
            Ok(picks
                .iter()
                .enumerate()
                .filter(|(_, c)| **c >= 0)
                .map(|(row, c)| Cell {
                    choice: *c,
                    rank: row as i64 + 1,
                    ..cell(q)
                })
                .collect())
        }
        Kind::Scale => {
            let v = a.value.ok_or_else(wrong)?;
            let (lo, hi) = q.scale();
            if !v.is_finite() || v.fract() != 0.0 || v < lo as f64 || v > hi as f64 {
                return Err(problem(
                    q.id,
                    "out_of_range",
                    format!("choose a whole number from {lo} to {hi}"),
                ));
            }
            Ok(vec![Cell { value: v, ..cell(q) }])
        }
        Kind::Number => {
            let v = a.value.ok_or_else(wrong)?;
            if !v.is_finite() || v.abs() > 1e15 {
                return Err(problem(q.id, "invalid_number", "give a number"));
            }
            if q.min.is_some_and(|lo| v < lo) || q.max.is_some_and(|hi| v > hi) {
                return Err(problem(q.id, "out_of_range", "the number is outside the allowed range"));
            }
            Ok(vec![Cell { value: v, ..cell(q) }])
        }
        Kind::ShortText | Kind::LongText => {
            let text = a.text.as_deref().ok_or_else(wrong)?.trim();
            let max = if q.kind == Kind::ShortText {
                SHORT_TEXT_MAX
            } else {
                LONG_TEXT_MAX
            };
            if text.chars().count() > max {
                return Err(problem(q.id, "text_too_long", format!("at most {max} characters")));
            }
            Ok(vec![Cell {
                text: Some(text.to_string()),
                ..cell(q)
            }])
        }
        Kind::Ranking => {
            let order = a.ranking.as_ref().ok_or_else(wrong)?;
            if order.iter().any(|i| !option_in(q, *i)) {
                return Err(unknown());
            }
            let distinct: BTreeSet<i64> = order.iter().copied().collect();
            if distinct.len() != order.len() || order.len() != q.options.len() {
                return Err(problem(q.id, "invalid_ranking", "rank every option exactly once"));
            }
            Ok(order
                .iter()
                .enumerate()
                .map(|(pos, i)| Cell {
                    choice: *i,
                    rank: pos as i64 + 1,
                    ..cell(q)
                })
                .collect())
        }
        Kind::Date => {
            let raw = a.date.as_deref().ok_or_else(wrong)?.trim();
            let day = parse_date(raw).ok_or_else(|| problem(q.id, "invalid_date", "give a date as YYYY-MM-DD"))?;
            let lo = q.min_date.as_deref().and_then(parse_date);
            let hi = q.max_date.as_deref().and_then(parse_date);
            if lo.is_some_and(|lo| day < lo) || hi.is_some_and(|hi| day > hi) {
                return Err(problem(q.id, "out_of_range", "the date is outside the allowed range"));
            }
            Ok(vec![Cell {
                value: day as f64,
                ..cell(q)
            }])
        }
    }
}

impl From<&Question> for QuestionInput {
    /// The definition back as staff wrote it (to edit or copy it).
    fn from(q: &Question) -> Self {
        QuestionInput {
            kind: q.kind.as_str().to_string(),
            text: q.text.clone(),
            required: q.required,
            page: Some(q.page),
            options: q.options.clone(),
            other: q.other,
            rows: q.rows.clone(),
            min_selections: q.min_selections,
            max_selections: q.max_selections,
            scale_min: q.scale_min,
            scale_max: q.scale_max,
            min_label: q.min_label.clone(),
            max_label: q.max_label.clone(),
            min: q.min,
            max: q.max,
            min_date: q.min_date.clone(),
            max_date: q.max_date.clone(),
            show_if: q.show_if.map(|c| ConditionInput {
                question: c.question_id - 1,
                option: c.option,
                negate: c.negate,
            }),
        }
    }
}

/// The pages of a survey, in order (1 for a one-page poll).
pub fn pages(questions: &[Question]) -> Vec<i64> {
    let set: BTreeSet<i64> = questions.iter().map(|q| q.page).collect();
    if set.is_empty() {
        vec![1]
    } else {
        set.into_iter().collect()
    }
}

/// Drops answers to questions that earlier answers hide: a respondent who
/// changes an earlier answer on a form cannot clear the later ones.
pub fn without_hidden(questions: &[Question], answers: &[AnswerInput]) -> Vec<AnswerInput> {
    let by_question: BTreeMap<i64, &AnswerInput> = answers
        .iter()
        .filter(|a| !a.is_blank())
        .map(|a| (a.question_id, a))
        .collect();
    let shown = shown(questions, &by_question);
    answers
        .iter()
        .filter(|a| shown.contains(&a.question_id))
        .cloned()
        .collect()
}

/// The problems of one page's questions, given every answer so far (later
/// pages may still be blank).
pub fn check_page(questions: &[Question], answers: &[AnswerInput], page: i64) -> Vec<Problem> {
    match check_answers(questions, answers) {
        Ok(_) => Vec::new(),
        Err(problems) => problems
            .into_iter()
            .filter(|p| questions.iter().any(|q| q.id == p.question_id && q.page == page))
            .collect(),
    }
}

/// `YYYY-MM-DD` as days since 1970-01-01, for years 1000–9999.
pub fn parse_date(raw: &str) -> Option<i64> {
    let b = raw.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = raw[0..4].parse().ok()?;
    let m: i64 = raw[5..7].parse().ok()?;
    let d: i64 = raw[8..10].parse().ok()?;
    if !(1000..=9999).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days-from-civil.
    let yy = if m <= 2 { y - 1 } else { y };
    let era = yy.div_euclid(400);
    let yoe = yy - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    // 2026-02-30 and the like do not round-trip.
    (date_of(days) == raw).then_some(days)
}

/// Days since 1970-01-01 as `YYYY-MM-DD`.
pub fn date_of(days: i64) -> String {
    Timestamp(days.saturating_mul(86_400_000)).iso_date()
}

/// Which responses a filtered result counts: those from a district, and/or
/// those that chose `option` in `question`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResultsFilter {
    pub district: Option<String>,
    pub answer: Option<(i64, i64)>,
}

impl ResultsFilter {
    pub fn is_empty(&self) -> bool {
        self.district.is_none() && self.answer.is_none()
    }
}

/// A poll or survey as stored, with its questions as JSON and its response
/// count.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Poll {
    pub id: i64,
    pub space_id: i64,
    pub title: String,
    pub intro: String,
    pub opens_at: Option<i64>,
    pub closes_at: Option<i64>,
    pub results_visibility: String,
    pub allow_changes: i64,
    pub questions_json: String,
    pub created_at: i64,
    /// "draft" or "published".
    pub status: String,
    /// "signed_in", "districts" or "verified".
    pub eligibility: String,
    /// Districts the poll is limited to, one per line (eligibility "districts").
    pub districts: String,
    pub anonymous: i64,
    /// Responses so far (from the counters).
    pub response_count: i64,
}

impl Poll {
    pub fn district_list(&self) -> Vec<String> {
        self.districts
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// "upcoming", "open" or "closed" at `now`.
    pub fn phase(&self, now: Timestamp) -> &'static str {
        if self.opens_at.is_some_and(|o| now.0 < o) {
            "upcoming"
        } else if self.closes_at.is_some_and(|c| now.0 >= c) {
            "closed"
        } else {
            "open"
        }
    }
}

/// An option's picture, without its bytes.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct OptionImage {
    pub question_id: i64,
    pub label: String,
    /// What the picture shows, for people who cannot see it.
    pub alt: String,
    pub updated_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(kind: &str) -> QuestionInput {
        QuestionInput {
            kind: kind.into(),
            text: "Питання?".into(),
            required: true,
            options: if matches!(kind, "single_choice" | "multiple_choice" | "ranking" | "matrix") {
                vec!["a".into(), "b".into(), "c".into()]
            } else {
                Vec::new()
            },
            rows: if kind == "matrix" {
                vec!["x".into(), "y".into()]
            } else {
                Vec::new()
            },
            ..QuestionInput::default()
        }
    }

    #[test]
    fn dates_round_trip() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("2000-02-29").map(date_of).as_deref(), Some("2000-02-29"));
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("2026-1-01"), None);
        assert_eq!(parse_date("ab"), None);
    }

    #[test]
    fn conditions_hide_questions_and_their_requirement() {
        let mut follow = q("short_text");
        follow.show_if = Some(ConditionInput {
            question: 0,
            option: 1,
            negate: false,
        });
        let qs = build_questions(&[q("single_choice"), follow]).unwrap();
        let pick = |o: i64| AnswerInput {
            question_id: 1,
            option: Some(o),
            ..AnswerInput::default()
        };
        // Hidden: not required, and an answer to it is refused.
        assert!(check_answers(&qs, &[pick(0)]).is_ok());
        let text = AnswerInput {
            question_id: 2,
            text: Some("так".into()),
            ..AnswerInput::default()
        };
        let err = check_answers(&qs, &[pick(0), text.clone()]).unwrap_err();
        assert_eq!(err[0].code, "hidden_question");
        // Shown: required.
        assert_eq!(check_answers(&qs, &[pick(1)]).unwrap_err()[0].code, "required");
        assert_eq!(check_answers(&qs, &[pick(1), text]).unwrap().len(), 2);
    }

    #[test]
    fn definitions_are_checked() {
        assert_eq!(build_questions(&[]).unwrap_err().code, "no_questions");
        assert!(build_questions(&[q("grid")]).is_err());
        let mut no_rows = q("matrix");
        no_rows.rows.clear();
        assert!(build_questions(&[no_rows]).is_err(), "a matrix needs rows");
        let mut other_scale = q("scale");
        other_scale.other = true;
        assert!(build_questions(&[other_scale]).is_err(), "other only on choices");
        let mut back = q("short_text");
        back.page = Some(1);
        let mut two = q("short_text");
        two.page = Some(2);
        assert!(build_questions(&[two, back]).is_err(), "pages never go down");
        let mut cond = q("short_text");
        cond.show_if = Some(ConditionInput {
            question: 0,
            option: 0,
            negate: false,
        });
        assert!(build_questions(&[cond]).is_err(), "no earlier question");
        for kind in Kind::ALL {
            assert!(build_questions(&[q(kind.as_str())]).is_ok(), "{kind:?}");
        }
    }

    #[test]
    fn other_and_matrix_answers() {
        let mut choice = q("single_choice");
        choice.other = true;
        let mut follow = q("short_text");
        follow.show_if = Some(ConditionInput {
            question: 0,
            option: 0,
            negate: true,
        });
        let qs = build_questions(&[choice, q("matrix"), follow]).unwrap();
        let a = |option: i64, other: Option<&str>| AnswerInput {
            question_id: 1,
            option: Some(option),
            other: other.map(str::to_string),
            ..AnswerInput::default()
        };
        let grid = |m: Vec<i64>| AnswerInput {
            question_id: 2,
            matrix: Some(m),
            ..AnswerInput::default()
        };
        // "Other" (index 3) needs its text; the text needs "other".
        let code = |answers: &[AnswerInput]| check_answers(&qs, answers).unwrap_err()[0].code;
        assert_eq!(code(&[a(3, None), grid(vec![0, 1])]), "other_missing");
        assert_eq!(code(&[a(0, Some("x")), grid(vec![0, 1])]), "other_not_chosen");
        assert_eq!(code(&[a(4, None), grid(vec![0, 1])]), "unknown_option");
        // Negated condition: question 3 is asked unless option 0 was chosen.
        assert_eq!(code(&[a(3, Some("сад")), grid(vec![0, 1])]), "required");
        let cells = check_answers(&qs, &[a(0, None), grid(vec![2, 0])]).unwrap();
        assert_eq!(
            cells
                .iter()
                .filter(|c| c.question_id == 2)
                .map(|c| (c.rank, c.choice))
                .collect::<Vec<_>>(),
            vec![(1, 2), (2, 0)]
        );
        assert_eq!(code(&[a(0, None), grid(vec![2])]), "invalid_matrix");
        assert_eq!(code(&[a(0, None), grid(vec![2, -1])]), "matrix_incomplete");
        assert_eq!(code(&[a(0, None), grid(vec![2, 3])]), "unknown_option");
        let with_other = check_answers(
            &qs,
            &[
                a(3, Some(" сад ")),
                grid(vec![0, 0]),
                AnswerInput {
                    question_id: 3,
                    text: Some("так".into()),
                    ..AnswerInput::default()
                },
            ],
        )
        .unwrap();
        assert_eq!(with_other[0].text.as_deref(), Some("сад"));
    }
}
