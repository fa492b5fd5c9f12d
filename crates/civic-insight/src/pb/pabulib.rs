//! The Pabulib file format (`.pb`): reading and writing.
//!
//! A file has three sections, each a line `META`, `PROJECTS` or `VOTES`
//! followed by a header row and `;`-separated rows:
//!
//! ```text
//! META
//! key;value
//! budget;1070000
//! vote_type;approval
//! PROJECTS
//! project_id;cost;votes;name;selected
//! c1;68000;380;Fire brigade gear;1
//! VOTES
//! voter_id;vote
//! v1;c1,c2
//! ```
//!
//! Read: META keys `budget`, `vote_type` (`approval`, `choose-1`,
//! `cumulative`, `scoring`, `ordinal`), `rule`, `max_length`,
//! `min_project_score_threshold` (a number, or `N%` of the voters),
//! `categories` with `budget_per_category` (lists in the same order); every
//! other key is kept as text. PROJECTS: `project_id` and `cost` are
//! required, `name`, `category`/`categories` and `selected` are read, other
//! columns ignored — `votes` and `score` in particular, since scores are
//! always counted from VOTES. VOTES: `voter_id` and `vote` (project ids
//! separated by commas), `points` (required for cumulative ballots); other
//! columns ignored. `\r\n` line ends, a UTF-8 byte order mark, quoted
//! fields, decimal commas in amounts and empty lines are all accepted.
//!
//! Anything else is refused with the 1-based line and the problem: a
//! missing section or column, an amount that is not one, a vote for a
//! project not in PROJECTS or twice for the same one, points that do not
//! match the projects. Reading never panics on any input.

use std::io::{self, Read, Write};

use rustc_hash::FxHashMap;
use thiserror::Error;

use super::score::scores;
use super::{BallotKind, Ballots, Election, Money, Outcome, Project, Threshold, format_money, parse_money};

/// A problem in a Pabulib file; `line` is 1-based as an editor shows it.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[error("line {line}: {message}")]
pub struct PabulibError {
    pub line: u64,
    pub message: String,
}

/// A file as read: the election, plus the outcome the file publishes.
#[derive(Clone, Debug, PartialEq)]
pub struct PabulibFile {
    pub election: Election,
    /// The PROJECTS `selected` column per project, when the file has one
    /// (1 funded by the rule; 0 not; 2 and 3 mark other funding in some files).
    pub published_selected: Option<Vec<u8>>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Section {
    Meta,
    Projects,
    Votes,
}

impl Section {
    fn from_row(fields: &[&str]) -> Option<Section> {
        let (first, rest) = fields.split_first()?;
        if rest.iter().any(|f| !f.is_empty()) {
            return None;
        }
        match first.to_ascii_uppercase().as_str() {
            "META" => Some(Section::Meta),
            "PROJECTS" => Some(Section::Projects),
            "VOTES" => Some(Section::Votes),
            _ => None,
        }
    }
}

/// Column positions of a section's header, looked up once per section.
struct Columns {
    names: Vec<String>,
    project_id: Option<usize>,
    cost: Option<usize>,
    name: Option<usize>,
    category: Option<usize>,
    selected: Option<usize>,
    voter_id: Option<usize>,
    vote: Option<usize>,
    points: Option<usize>,
}

impl Columns {
    fn new(names: Vec<String>) -> Self {
        let at = |name: &str| names.iter().position(|n| n == name);
        Columns {
            project_id: at("project_id"),
            cost: at("cost"),
            name: at("name"),
            category: at("category").or_else(|| at("categories")),
            selected: at("selected"),
            voter_id: at("voter_id"),
            vote: at("vote"),
            points: at("points"),
            names,
        }
    }

    fn find(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }
}

struct Reader {
    meta: Vec<(String, String)>,
    meta_lines: FxHashMap<String, u64>,
    kind: Option<BallotKind>,
    projects: Vec<Project>,
    selected: Vec<Option<u8>>,
    ids: FxHashMap<String, u32>,
    ballots: Option<Ballots>,
    scratch: Vec<u32>,
    points: Vec<i64>,
    seen: Vec<u32>,
    voters: u32,
}

fn err(line: u64, message: impl Into<String>) -> PabulibError {
    PabulibError {
        line,
        message: message.into(),
    }
}

/// Reads a Pabulib file from a string.
pub fn read_str(text: &str) -> Result<Election, PabulibError> {
    read_bytes(text.as_bytes()).map(|f| f.election)
}

/// Reads a Pabulib file (the whole input) with its published outcome.
pub fn read(mut input: impl Read) -> Result<PabulibFile, PabulibError> {
    let mut bytes = Vec::new();
    input
        .read_to_end(&mut bytes)
        .map_err(|e| err(0, format!("cannot read: {e}")))?;
    read_bytes(&bytes)
}

/// Reads a Pabulib file from bytes (UTF-8, with or without a BOM).
pub fn read_bytes(bytes: &[u8]) -> Result<PabulibFile, PabulibError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut reader = Reader {
        meta: Vec::new(),
        meta_lines: FxHashMap::default(),
        kind: None,
        projects: Vec::new(),
        selected: Vec::new(),
        ids: FxHashMap::default(),
        ballots: None,
        scratch: Vec::new(),
        points: Vec::new(),
        seen: Vec::new(),
        voters: 0,
    };
    let mut section: Option<Section> = None;
    let mut done: Vec<Section> = Vec::new();
    let mut columns: Option<Columns> = None;
    let mut record = csv::ByteRecord::new();
    let mut last_line = 1;
    loop {
        let more = csv.read_byte_record(&mut record).map_err(|e| {
            let line = e.position().map_or(last_line, |p| p.line());
            err(line, format!("cannot read the row: {e}"))
        })?;
        if !more {
            break;
        }
        let line = record.position().map_or(last_line, |p| p.line());
        last_line = line;
        let mut fields: Vec<&str> = Vec::with_capacity(record.len());
        for f in record.iter() {
            let text = std::str::from_utf8(f).map_err(|_| err(line, "the row is not valid UTF-8"))?;
            fields.push(text.trim());
        }
        if fields.iter().all(|f| f.is_empty()) {
            continue;
        }
        if let Some(next) = Section::from_row(&fields) {
            let expected = match done.len() {
                0 => Section::Meta,
                1 => Section::Projects,
                2 => Section::Votes,
                _ => return Err(err(line, "a second VOTES section")),
            };
            if next != expected {
                return Err(err(
                    line,
                    format!("expected the {expected:?} section here, found {next:?}"),
                ));
            }
            if next == Section::Votes {
                reader.start_votes(line)?;
            }
            done.push(next);
            section = Some(next);
            columns = None;
            continue;
        }
        let Some(current) = section else {
            return Err(err(line, "the file must start with a META line"));
        };
        let Some(cols) = &columns else {
            let names: Vec<String> = fields.iter().map(|f| f.to_ascii_lowercase()).collect();
            columns = Some(reader.header(current, names, line)?);
            continue;
        };
        if current != Section::Meta
            && fields.len() > cols.names.len()
            && fields[cols.names.len()..].iter().any(|f| !f.is_empty())
        {
            return Err(err(
                line,
                format!(
                    "{} fields but the header has {} (an unquoted `;` in a field?)",
                    fields.len(),
                    cols.names.len()
                ),
            ));
        }
        match current {
            Section::Meta => reader.meta_row(&fields, line)?,
            Section::Projects => reader.project_row(cols, &fields, line)?,
            Section::Votes => reader.vote_row(cols, &fields, line)?,
        }
    }
    match done.len() {
        0 => return Err(err(last_line, "no META section")),
        1 => return Err(err(last_line, "no PROJECTS section")),
        2 => return Err(err(last_line, "no VOTES section")),
        _ => {}
    }
    reader.finish(last_line)
}

fn field<'a>(fields: &[&'a str], at: Option<usize>) -> &'a str {
    at.and_then(|i| fields.get(i).copied()).unwrap_or("")
}

impl Reader {
    fn header(&mut self, section: Section, names: Vec<String>, line: u64) -> Result<Columns, PabulibError> {
        let columns = Columns::new(names);
        let required: &[&str] = match section {
            Section::Meta => &["key", "value"],
            Section::Projects => &["project_id", "cost"],
            Section::Votes => &["voter_id", "vote"],
        };
        for name in required {
            if columns.find(name).is_none() {
                return Err(err(
                    line,
                    format!(
                        "the {section:?} header has no `{name}` column (found `{}`)",
                        columns.names.join(";")
                    ),
                ));
            }
        }
        if section == Section::Votes {
            let has_points = columns.find("points").is_some();
            match self.kind {
                Some(BallotKind::Cumulative) if !has_points => {
                    return Err(err(line, "cumulative ballots need a `points` column"));
                }
                Some(BallotKind::Ordinal) if has_points => self.ballots = Some(Ballots::new(true)),
                _ => {}
            }
        }
        Ok(columns)
    }

    fn meta_row(&mut self, fields: &[&str], line: u64) -> Result<(), PabulibError> {
        let key = fields[0].to_ascii_lowercase();
        // A value may hold `;` when the writer did not quote it.
        let value = fields[1..].join(";").trim_end_matches(';').trim().to_string();
        if key.is_empty() {
            return Err(err(line, "a META row without a key"));
        }
        if self.meta_lines.insert(key.clone(), line).is_some() {
            return Err(err(line, format!("META key `{key}` given twice")));
        }
        if key == "vote_type" {
            self.kind = Some(match value.to_ascii_lowercase().as_str() {
                "approval" => BallotKind::Approval,
                "choose-1" | "choose1" => BallotKind::ChooseOne,
                "cumulative" | "scoring" => BallotKind::Cumulative,
                "ordinal" => BallotKind::Ordinal,
                other => return Err(err(line, format!("unknown vote_type `{other}`"))),
            });
        }
        self.meta.push((key, value));
        Ok(())
    }

    fn project_row(&mut self, cols: &Columns, fields: &[&str], line: u64) -> Result<(), PabulibError> {
        let id = field(fields, cols.project_id);
        if id.is_empty() {
            return Err(err(line, "a project without a project_id"));
        }
        if id.contains(',') {
            return Err(err(
                line,
                format!("project_id `{id}` contains a comma, which VOTES cannot refer to"),
            ));
        }
        let cost =
            parse_money(field(fields, cols.cost)).map_err(|m| err(line, format!("cost of project {id}: {m}")))?;
        let index = u32::try_from(self.projects.len()).map_err(|_| err(line, "too many projects"))?;
        if self.ids.insert(id.to_string(), index).is_some() {
            return Err(err(line, format!("project_id `{id}` given twice")));
        }
        let categories = field(fields, cols.category)
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(String::from)
            .collect();
        let selected = match cols.selected {
            None => None,
            Some(at) => {
                let text = field(fields, Some(at));
                Some(match text {
                    "" => 0,
                    t => t
                        .parse::<u8>()
                        .map_err(|_| err(line, format!("selected of project {id} is `{t}`, not a number")))?,
                })
            }
        };
        self.selected.push(selected);
        self.projects.push(Project {
            id: id.to_string(),
            name: field(fields, cols.name).to_string(),
            cost,
            categories,
        });
        Ok(())
    }

    fn start_votes(&mut self, line: u64) -> Result<(), PabulibError> {
        let kind = self.kind.unwrap_or(BallotKind::Approval);
        self.kind = Some(kind);
        if self.projects.is_empty() {
            return Err(err(line, "the PROJECTS section lists no project"));
        }
        self.seen = vec![u32::MAX; self.projects.len()];
        self.ballots = Some(Ballots::new(matches!(kind, BallotKind::Cumulative)));
        Ok(())
    }

    fn vote_row(&mut self, cols: &Columns, fields: &[&str], line: u64) -> Result<(), PabulibError> {
        let kind = self.kind.unwrap_or(BallotKind::Approval);
        let voter = field(fields, cols.voter_id);
        if voter.is_empty() {
            return Err(err(line, "a vote without a voter_id"));
        }
        self.scratch.clear();
        let stamp = self.voters;
        for id in field(fields, cols.vote)
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let Some(&p) = self.ids.get(id) else {
                return Err(err(
                    line,
                    format!("voter {voter} votes for `{id}`, which is not in PROJECTS"),
                ));
            };
            if self.seen[p as usize] == stamp {
                return Err(err(line, format!("voter {voter} names project {id} twice")));
            }
            self.seen[p as usize] = stamp;
            self.scratch.push(p);
        }
        if kind == BallotKind::ChooseOne && self.scratch.len() > 1 {
            return Err(err(
                line,
                format!(
                    "voter {voter} chooses {} projects on a choose-1 ballot",
                    self.scratch.len()
                ),
            ));
        }
        let points_at = cols.points;
        let wants_points = kind == BallotKind::Cumulative || (kind == BallotKind::Ordinal && points_at.is_some());
        let ballots = self.ballots.as_mut().expect("VOTES started");
        let result = if wants_points {
            self.points.clear();
            for p in field(fields, points_at)
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                let value = p
                    .parse::<i64>()
                    .ok()
                    .filter(|v| *v >= 0)
                    .ok_or_else(|| err(line, format!("voter {voter}: points `{p}` are not a whole number ≥ 0")))?;
                self.points.push(value);
            }
            if self.points.len() != self.scratch.len() {
                return Err(err(
                    line,
                    format!(
                        "voter {voter} names {} projects but gives {} points",
                        self.scratch.len(),
                        self.points.len()
                    ),
                ));
            }
            ballots.push(&self.scratch, Some(&self.points))
        } else {
            ballots.push(&self.scratch, None)
        };
        result.map_err(|e| err(line, e.to_string()))?;
        self.voters = self.voters.checked_add(1).ok_or_else(|| err(line, "too many voters"))?;
        Ok(())
    }

    fn meta_value(&self, key: &str) -> Option<(&str, u64)> {
        let line = *self.meta_lines.get(key)?;
        self.meta
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| (v.as_str(), line))
    }

    fn finish(self, last_line: u64) -> Result<PabulibFile, PabulibError> {
        let (budget_text, budget_line) = self
            .meta_value("budget")
            .ok_or_else(|| err(last_line, "META has no budget"))?;
        let budget = parse_money(budget_text).map_err(|m| err(budget_line, format!("budget: {m}")))?;
        let max_length = match self.meta_value("max_length") {
            None | Some(("", _)) => None,
            Some((v, line)) => Some(
                v.parse::<usize>()
                    .map_err(|_| err(line, format!("max_length `{v}` is not a whole number")))?,
            ),
        };
        let threshold = match self.meta_value("min_project_score_threshold") {
            None | Some(("", _)) => None,
            Some((v, line)) => Some(parse_threshold(v).map_err(|m| err(line, m))?),
        };
        let mut category_budgets = Vec::new();
        if let Some((list, line)) = self.meta_value("budget_per_category") {
            let names: Vec<&str> = self
                .meta_value("categories")
                .map(|(c, _)| c.split(',').map(str::trim).collect())
                .unwrap_or_default();
            let amounts: Vec<&str> = list.split(',').map(str::trim).collect();
            if names.len() != amounts.len() {
                return Err(err(
                    line,
                    format!(
                        "budget_per_category has {} amounts for {} categories in META categories",
                        amounts.len(),
                        names.len()
                    ),
                ));
            }
            for (name, amount) in names.into_iter().zip(amounts) {
                let money: Money = parse_money(amount).map_err(|m| err(line, format!("budget_per_category: {m}")))?;
                category_budgets.push((name.to_string(), money));
            }
        }
        let declared_rule = self.meta_value("rule").map(|(r, _)| r.to_string());
        let published_selected = self
            .selected
            .iter()
            .all(Option::is_some)
            .then(|| self.selected.iter().map(|s| s.unwrap_or(0)).collect());
        let election = Election {
            budget,
            projects: self.projects,
            kind: self.kind.unwrap_or(BallotKind::Approval),
            ballots: self.ballots.unwrap_or_default(),
            max_length,
            threshold,
            category_budgets,
            declared_rule,
            meta: self.meta,
        };
        Ok(PabulibFile {
            election,
            published_selected,
        })
    }
}

fn parse_threshold(text: &str) -> Result<Threshold, String> {
    let bad = || format!("min_project_score_threshold `{text}` is not a number or a percentage");
    if let Some(percent) = text.strip_suffix('%') {
        let p: f64 = percent.trim().replace(',', ".").parse().map_err(|_| bad())?;
        return (p.is_finite() && (0.0..=100.0).contains(&p))
            .then_some(Threshold::PercentOfVoters(p))
            .ok_or_else(bad);
    }
    let v: f64 = text.replace(',', ".").parse().map_err(|_| bad())?;
    (v.is_finite() && v >= 0.0 && v <= i64::MAX as f64)
        .then(|| Threshold::Score(v.ceil() as i64))
        .ok_or_else(bad)
}

/// META keys the writer derives from the election; others are copied.
const DERIVED_META: [&str; 9] = [
    "num_projects",
    "num_votes",
    "budget",
    "vote_type",
    "rule",
    "max_length",
    "min_project_score_threshold",
    "categories",
    "budget_per_category",
];

/// Writes `election` as a Pabulib file. Voters are numbered 1, 2, … in
/// ballot order (anonymised: no id, no personal column is written). With an
/// `outcome`, PROJECTS gets its `selected` column and META its `rule`.
pub fn write(election: &Election, outcome: Option<&Outcome>, out: impl Write) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    let to_io = |e: csv::Error| io::Error::other(e.to_string());
    w.write_record(["META"]).map_err(to_io)?;
    w.write_record(["key", "value"]).map_err(to_io)?;
    let mut meta: Vec<(String, String)> = vec![
        ("num_projects".into(), election.projects.len().to_string()),
        ("num_votes".into(), election.ballots.len().to_string()),
        ("budget".into(), format_money(election.budget)),
        ("vote_type".into(), election.kind.as_str().into()),
    ];
    let rule = outcome
        .map(|o| o.rule.name().to_string())
        .or_else(|| election.declared_rule.clone());
    if let Some(rule) = rule {
        meta.push(("rule".into(), rule));
    }
    if let Some(l) = election.max_length {
        meta.push(("max_length".into(), l.to_string()));
    }
    match election.threshold {
        Some(Threshold::Score(s)) => meta.push(("min_project_score_threshold".into(), s.to_string())),
        Some(Threshold::PercentOfVoters(p)) => meta.push(("min_project_score_threshold".into(), format!("{p}%"))),
        None => {}
    }
    if !election.category_budgets.is_empty() {
        let names: Vec<&str> = election.category_budgets.iter().map(|(c, _)| c.as_str()).collect();
        let amounts: Vec<String> = election
            .category_budgets
            .iter()
            .map(|(_, m)| format_money(*m))
            .collect();
        meta.push(("categories".into(), names.join(",")));
        meta.push(("budget_per_category".into(), amounts.join(",")));
    }
    meta.extend(
        election
            .meta
            .iter()
            .filter(|(k, _)| !DERIVED_META.contains(&k.as_str()))
            .cloned(),
    );
    for (k, v) in &meta {
        w.write_record([k, v]).map_err(to_io)?;
    }

    let score_column = match election.kind {
        BallotKind::Approval | BallotKind::ChooseOne => "votes",
        _ => "score",
    };
    let with_categories = election.projects.iter().any(|p| !p.categories.is_empty());
    let mut header = vec!["project_id", "cost", score_column, "name"];
    if with_categories {
        header.push("category");
    }
    if outcome.is_some() {
        header.push("selected");
    }
    w.write_record(["PROJECTS"]).map_err(to_io)?;
    w.write_record(&header).map_err(to_io)?;
    let project_scores = scores(election);
    for (i, p) in election.projects.iter().enumerate() {
        let mut row = vec![
            p.id.clone(),
            format_money(p.cost),
            project_scores[i].to_string(),
            p.name.clone(),
        ];
        if with_categories {
            row.push(p.categories.join(","));
        }
        if let Some(o) = outcome {
            row.push(u8::from(o.projects[i].selected).to_string());
        }
        w.write_record(&row).map_err(to_io)?;
    }

    w.write_record(["VOTES"]).map_err(to_io)?;
    let with_points = election.ballots.has_points();
    if with_points {
        w.write_record(["voter_id", "vote", "points"]).map_err(to_io)?;
    } else {
        w.write_record(["voter_id", "vote"]).map_err(to_io)?;
    }
    let mut vote = String::new();
    let mut points = String::new();
    for (i, ballot) in election.ballots.iter().enumerate() {
        vote.clear();
        for (k, &p) in ballot.projects.iter().enumerate() {
            if k > 0 {
                vote.push(',');
            }
            vote.push_str(&election.projects[p as usize].id);
        }
        let id = (i + 1).to_string();
        match ballot.points {
            Some(pts) if with_points => {
                points.clear();
                for (k, x) in pts.iter().enumerate() {
                    if k > 0 {
                        points.push(',');
                    }
                    points.push_str(&x.to_string());
                }
                w.write_record([id.as_str(), vote.as_str(), points.as_str()])
                    .map_err(to_io)?;
            }
            _ => w.write_record([id.as_str(), vote.as_str()]).map_err(to_io)?,
        }
    }
    w.flush()
}
