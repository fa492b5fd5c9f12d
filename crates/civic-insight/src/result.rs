//! The result of an analysis, as serialised to JSON (format documented in
//! `docs/insight/opinion-groups.md`).

use serde::{Deserialize, Serialize};

use crate::matrix::ParticipantId;
use crate::repness::Direction;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpinionResult {
    /// Number of participants with at least one vote.
    pub n_participants: usize,
    pub n_statements: usize,
    /// Distinct (participant, statement) votes, after "last vote counts".
    pub n_votes: usize,
    /// Participants with enough votes to be in the fit and in a group.
    pub n_grouped: usize,
    /// Mean silhouette of the chosen grouping (0 for one group or none).
    pub silhouette: f64,
    /// Share of the centred vote variance shown by the x and y axes.
    pub explained_variance: [f64; 2],
    /// Groups by decreasing size; `id` is the position in this list.
    pub groups: Vec<Group>,
    pub consensus: Consensus,
    /// Most divisive statement ids, most divisive first.
    pub divisive: Vec<u64>,
    /// Every participant, in order of first appearance in the input.
    pub participants: Vec<ParticipantPoint>,
    /// Every statement, ordered by id.
    pub statements: Vec<StatementSummary>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub id: usize,
    pub size: usize,
    /// Group centre on the map.
    pub x: f64,
    pub y: f64,
    /// Ids of the members, as given in the input.
    pub participants: Vec<ParticipantId>,
    /// Representative statement ids, most representative first.
    pub representative: Vec<u64>,
    /// The same statements with the figures behind the choice.
    pub representative_details: Vec<RepresentativeStatement>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RepresentativeStatement {
    pub statement: u64,
    /// Whether the group stands out by agreeing or by disagreeing.
    pub direction: Direction,
    /// Share of the group voting that way (pseudo-counted).
    pub group_share: f64,
    /// Share of the other grouped participants voting that way.
    pub rest_share: f64,
    /// One-proportion z (group share above one half).
    pub z_group: f64,
    /// Two-proportion z (group above the rest).
    pub z_vs_rest: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Consensus {
    /// Statements every group agrees with, strongest first.
    pub agree: Vec<u64>,
    /// Statements every group disagrees with, strongest first.
    pub disagree: Vec<u64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParticipantPoint {
    pub id: ParticipantId,
    pub x: f64,
    pub y: f64,
    /// Group id, or `null` for participants with too few votes to be
    /// grouped (they are still placed on the map).
    pub group: Option<usize>,
    pub n_votes: usize,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteCounts {
    pub agree: u32,
    pub disagree: u32,
    pub pass: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatementSummary {
    pub id: u64,
    /// Over all participants.
    pub agree: u32,
    pub disagree: u32,
    pub pass: u32,
    /// Per group, in group id order (grouped participants only).
    pub groups: Vec<VoteCounts>,
}

impl OpinionResult {
    /// True when every number in the result is finite (never NaN or ±∞).
    pub fn is_finite(&self) -> bool {
        let finite = |x: f64| x.is_finite();
        finite(self.silhouette)
            && self.explained_variance.iter().all(|&x| finite(x))
            && self.participants.iter().all(|p| finite(p.x) && finite(p.y))
            && self.groups.iter().all(|g| {
                finite(g.x)
                    && finite(g.y)
                    && g.representative_details.iter().all(|r| {
                        finite(r.group_share) && finite(r.rest_share) && finite(r.z_group) && finite(r.z_vs_rest)
                    })
            })
    }

    /// The group of a participant, if they are in one.
    pub fn group_of(&self, id: &ParticipantId) -> Option<usize> {
        self.participants.iter().find(|p| &p.id == id).and_then(|p| p.group)
    }
}
