//! Problem reports: a resident reports a problem in the city (a pothole, a
//! streetlight that is out) in a category the city defines; the category
//! routes it to a department with a target time in working days. Staff of
//! the department move it through its statuses and answer in public; the
//! reporter confirms the fix or reopens it within [`FEEDBACK_DAYS`] days.
//!
//! This module holds the statuses and the moves between them, the rules of
//! the input (description, coordinates, bounding box) and who may do what.

use crate::user::StaffRoles;
use crate::{Invalid, Locale, Role};
use serde::Serialize;

/// The reporter may confirm or reopen a fix this many days after it.
pub const FEEDBACK_DAYS: i64 = 14;
/// Nearby reports are those within this many metres.
pub const NEARBY_METRES: f64 = 200.0;
pub const BODY_MIN: usize = 10;
pub const BODY_MAX: usize = 2000;
pub const ADDRESS_MAX: usize = 200;
pub const REASON_MAX: usize = 2000;

const DAY_MS: i64 = 86_400_000;

/// Where a report is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    Received,
    InProgress,
    Resolved,
    /// Not this department's: handed to another category (the report then
    /// starts again as received there; the history keeps this step).
    NotOurs,
    Rejected,
    /// The reporter said the fix did not hold.
    Reopened,
}

impl ReportStatus {
    pub const ALL: [ReportStatus; 6] = [
        ReportStatus::Received,
        ReportStatus::InProgress,
        ReportStatus::Resolved,
        ReportStatus::NotOurs,
        ReportStatus::Rejected,
        ReportStatus::Reopened,
    ];

    /// The statuses staff move a report to.
    pub const STAFF_MOVES: [ReportStatus; 4] = [
        ReportStatus::InProgress,
        ReportStatus::Resolved,
        ReportStatus::NotOurs,
        ReportStatus::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReportStatus::Received => "received",
            ReportStatus::InProgress => "in_progress",
            ReportStatus::Resolved => "resolved",
            ReportStatus::NotOurs => "not_ours",
            ReportStatus::Rejected => "rejected",
            ReportStatus::Reopened => "reopened",
        }
    }

    pub fn parse(raw: &str) -> Option<ReportStatus> {
        ReportStatus::ALL.into_iter().find(|s| s.as_str() == raw.trim())
    }

    /// Still waiting for the department.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            ReportStatus::Received | ReportStatus::InProgress | ReportStatus::Reopened
        )
    }

    /// May staff move a report from `self` to `to`? Only open reports move,
    /// and only to another status (in progress twice is no move).
    pub fn may_move_to(self, to: ReportStatus) -> bool {
        self.is_open() && ReportStatus::STAFF_MOVES.contains(&to) && self != to
    }
}

crate::stored_as_text!(ReportStatus, "report status", ReportStatus::parse);

/// What an event of a report's history is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// The status changed (the event's status is the new one).
    Status,
    /// A public reply of the city.
    Reply,
    /// An internal note, for staff only.
    Note,
    Confirmed,
    Reopened,
    /// Handed to another category and department.
    Reassigned,
}

impl EventKind {
    pub const ALL: [EventKind; 6] = [
        EventKind::Status,
        EventKind::Reply,
        EventKind::Note,
        EventKind::Confirmed,
        EventKind::Reopened,
        EventKind::Reassigned,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Status => "status",
            EventKind::Reply => "reply",
            EventKind::Note => "note",
            EventKind::Confirmed => "confirmed",
            EventKind::Reopened => "reopened",
            EventKind::Reassigned => "reassigned",
        }
    }

    pub fn parse(raw: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|s| s.as_str() == raw.trim())
    }
}

crate::stored_as_text!(EventKind, "report event kind", EventKind::parse);

/// A department of the city that problems are routed to.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Department {
    pub id: i64,
    pub name: String,
}

/// A category of problems the city takes reports in.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Category {
    pub id: i64,
    pub name_uk: String,
    pub name_en: Option<String>,
    pub department_id: i64,
    pub department_name: String,
    /// The target time in working days.
    pub target_days: i64,
}

impl Category {
    /// The name in a language (one name serves both when only one is given).
    pub fn name(&self, locale: Locale) -> &str {
        match (locale, &self.name_en) {
            (Locale::En, Some(en)) if !en.is_empty() => en,
            _ => &self.name_uk,
        }
    }
}

/// A report as stored, with its category, department and voices.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Report {
    pub id: i64,
    pub category_id: i64,
    pub category_uk: String,
    pub category_en: Option<String>,
    pub department_id: i64,
    pub department_name: String,
    pub author_id: Option<i64>,
    pub author_name: Option<String>,
    /// 1 when the reporter's name is not shown to the public.
    pub anonymous: i64,
    pub body: String,
    pub address: String,
    pub lat_e6: Option<i64>,
    pub lon_e6: Option<i64>,
    pub status: ReportStatus,
    /// Why it was rejected.
    pub reason: Option<String>,
    /// The end of the target time (unix ms).
    pub deadline_at: i64,
    pub resolved_at: Option<i64>,
    pub confirmed_at: Option<i64>,
    /// How many times the reporter reopened it.
    pub reopened: i64,
    /// Residents who added their voice ("me too"), the reporter not counted.
    pub voices: i64,
    pub created_at: i64,
    pub updated_at: i64,
    /// Hidden or held by the moderators (`None`: shown to everyone).
    pub moderation: Option<crate::moderation::ModerationState>,
    /// The moderators' public reason, when they gave one.
    pub moderation_reason: Option<String>,
}

impl Report {
    pub fn category_name(&self, locale: Locale) -> &str {
        match (locale, &self.category_en) {
            (Locale::En, Some(en)) if !en.is_empty() => en,
            _ => &self.category_uk,
        }
    }

    /// The point, in degrees, when one was given.
    pub fn point(&self) -> Option<Point> {
        Some(Point {
            lat_e6: self.lat_e6?,
            lon_e6: self.lon_e6?,
        })
    }

    /// Whole days past the target time at `now` (0 when not overdue or no
    /// longer open).
    pub fn days_overdue(&self, now_ms: i64) -> i64 {
        if self.status.is_open() {
            crate::working_days::days_overdue(self.deadline_at, now_ms)
        } else {
            0
        }
    }

    /// The reporter may still confirm or reopen the fix.
    pub fn feedback_open(&self, now_ms: i64) -> bool {
        self.status == ReportStatus::Resolved
            && self.confirmed_at.is_none()
            && self.resolved_at.is_some_and(|at| now_ms <= at + FEEDBACK_DAYS * DAY_MS)
    }

    /// The name the public sees (none for an anonymous report).
    pub fn public_author(&self) -> Option<&str> {
        if self.anonymous != 0 {
            None
        } else {
            self.author_name.as_deref()
        }
    }
}

/// A report as a map shows it: where, what state, what kind (issue 20).
#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct ReportPin {
    pub id: i64,
    pub lat_e6: i64,
    pub lon_e6: i64,
    pub status: ReportStatus,
    pub category_id: i64,
    pub category_uk: String,
    pub category_en: Option<String>,
}

/// One step of a report's history.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct ReportEvent {
    pub id: i64,
    pub report_id: i64,
    pub kind: EventKind,
    pub status: Option<String>,
    pub body: String,
    pub actor_id: Option<i64>,
    pub actor_name: Option<String>,
    /// 0 for an internal note.
    pub public: i64,
    pub created_at: i64,
}

/// Open, overdue and reopened reports of a department.
#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct DepartmentStats {
    pub department_id: i64,
    pub department_name: String,
    pub open: i64,
    pub overdue: i64,
    pub reopened: i64,
    pub resolved: i64,
}

/// A point in millionths of a degree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    pub lat_e6: i64,
    pub lon_e6: i64,
}

impl Point {
    pub fn lat(self) -> f64 {
        self.lat_e6 as f64 / 1e6
    }

    pub fn lon(self) -> f64 {
        self.lon_e6 as f64 / 1e6
    }

    /// A point from degrees: latitude -90..90, longitude -180..180, finite.
    pub fn from_degrees(lat: f64, lon: f64) -> Result<Point, Invalid> {
        if !lat.is_finite() || !(-90.0..=90.0).contains(&lat) {
            return Err(Invalid::new(
                "lat",
                "invalid_latitude",
                "the latitude is a number from -90 to 90",
            ));
        }
        if !lon.is_finite() || !(-180.0..=180.0).contains(&lon) {
            return Err(Invalid::new(
                "lon",
                "invalid_longitude",
                "the longitude is a number from -180 to 180",
            ));
        }
        Ok(Point {
            lat_e6: (lat * 1e6).round() as i64,
            lon_e6: (lon * 1e6).round() as i64,
        })
    }

    /// A point from two form fields: both empty is no point; one of them
    /// alone, or either not a number, is refused.
    pub fn from_fields(lat: &str, lon: &str) -> Result<Option<Point>, Invalid> {
        let (lat, lon) = (lat.trim(), lon.trim());
        if lat.is_empty() && lon.is_empty() {
            return Ok(None);
        }
        let number = |raw: &str, field: &'static str, code: &'static str, message: &'static str| {
            raw.replace(',', ".")
                .parse::<f64>()
                .map_err(|_| Invalid::new(field, code, message))
        };
        let lat = number(
            lat,
            "lat",
            "invalid_latitude",
            "the latitude is a number from -90 to 90",
        )?;
        let lon = number(
            lon,
            "lon",
            "invalid_longitude",
            "the longitude is a number from -180 to 180",
        )?;
        Point::from_degrees(lat, lon).map(Some)
    }

    /// The distance to another point in metres (haversine).
    pub fn metres_to(self, other: Point) -> f64 {
        const R: f64 = 6_371_000.0;
        let (p1, p2) = (self.lat().to_radians(), other.lat().to_radians());
        let dp = p2 - p1;
        let dl = (other.lon() - self.lon()).to_radians();
        let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
        2.0 * R * a.sqrt().asin()
    }

    /// A box around the point that holds every point within `metres`.
    pub fn around(self, metres: f64) -> BoundingBox {
        let dlat = (metres / 111_000.0 * 1e6).ceil() as i64 + 1;
        let cos = self.lat().to_radians().cos().max(0.01);
        let dlon = (metres / (111_000.0 * cos) * 1e6).ceil() as i64 + 1;
        BoundingBox {
            min_lon_e6: self.lon_e6 - dlon,
            min_lat_e6: self.lat_e6 - dlat,
            max_lon_e6: self.lon_e6 + dlon,
            max_lat_e6: self.lat_e6 + dlat,
        }
    }
}

/// A box on the map, in millionths of a degree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoundingBox {
    pub min_lon_e6: i64,
    pub min_lat_e6: i64,
    pub max_lon_e6: i64,
    pub max_lat_e6: i64,
}

impl BoundingBox {
    /// `minLon,minLat,maxLon,maxLat` in degrees (the order of GeoJSON and
    /// of most map libraries): four numbers, in range, min not above max.
    pub fn parse(raw: &str) -> Result<BoundingBox, Invalid> {
        let bad = || {
            Invalid::new(
                "bbox",
                "invalid_bbox",
                "bbox is minLon,minLat,maxLon,maxLat in degrees (longitude -180..180, latitude -90..90, min not above max)",
            )
        };
        let parts: Vec<f64> = raw
            .split(',')
            .map(|p| p.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| bad())?;
        let [min_lon, min_lat, max_lon, max_lat] = parts[..] else {
            return Err(bad());
        };
        let low = Point::from_degrees(min_lat, min_lon).map_err(|_| bad())?;
        let high = Point::from_degrees(max_lat, max_lon).map_err(|_| bad())?;
        if low.lat_e6 > high.lat_e6 || low.lon_e6 > high.lon_e6 {
            return Err(bad());
        }
        Ok(BoundingBox {
            min_lon_e6: low.lon_e6,
            min_lat_e6: low.lat_e6,
            max_lon_e6: high.lon_e6,
            max_lat_e6: high.lat_e6,
        })
    }
}

impl BoundingBox {
    pub fn contains(&self, p: Point) -> bool {
        (self.min_lat_e6..=self.max_lat_e6).contains(&p.lat_e6)
            && (self.min_lon_e6..=self.max_lon_e6).contains(&p.lon_e6)
    }

    /// As `parse` reads it: `minLon,minLat,maxLon,maxLat` in degrees.
    pub fn to_text(&self) -> String {
        let d = |n: i64| format!("{}", n as f64 / 1e6);
        format!(
            "{},{},{},{}",
            d(self.min_lon_e6),
            d(self.min_lat_e6),
            d(self.max_lon_e6),
            d(self.max_lat_e6)
        )
    }
}

/// The description of a problem: trimmed, [`BODY_MIN`] to [`BODY_MAX`]
/// characters.
pub fn parse_body(raw: &str) -> Result<String, Invalid> {
    let t = raw.trim();
    let n = t.chars().count();
    if n < BODY_MIN {
        return Err(Invalid::new(
            "body",
            "report_too_short",
            format!("describe the problem in at least {BODY_MIN} characters"),
        ));
    }
    if n > BODY_MAX {
        return Err(Invalid::new(
            "body",
            "report_too_long",
            format!("a description has at most {BODY_MAX} characters"),
        ));
    }
    Ok(t.to_string())
}

/// Staff who handle reports: any staff role (moderators, officials,
/// administrators).
pub fn is_staff(role: Role) -> bool {
    role.is_among(StaffRoles::Any)
}

/// Who may change a report's status and answer it: administrators, and
/// staff who are members of the report's department.
pub fn may_handle(role: Role, member_of_department: bool) -> bool {
    role == Role::Admin || (is_staff(role) && member_of_department)
}

/// Administrators set up departments and categories.
pub fn may_configure(role: Role) -> bool {
    role == Role::Admin
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves() {
        use ReportStatus::*;
        assert!(Received.may_move_to(InProgress));
        assert!(Received.may_move_to(Resolved));
        assert!(Reopened.may_move_to(Resolved));
        assert!(!InProgress.may_move_to(InProgress));
        assert!(!Resolved.may_move_to(InProgress));
        assert!(!Rejected.may_move_to(Resolved));
        assert!(!Received.may_move_to(Reopened));
        assert!(!Received.may_move_to(Received));
    }

    #[test]
    fn points_and_boxes() {
        assert!(Point::from_degrees(91.0, 0.0).is_err());
        assert!(Point::from_degrees(0.0, -180.5).is_err());
        assert!(Point::from_degrees(f64::NAN, 0.0).is_err());
        assert_eq!(Point::from_fields("", " ").unwrap(), None);
        assert!(Point::from_fields("50.5", "").is_err());
        assert!(Point::from_fields("north", "30").is_err());
        let p = Point::from_fields("50,5437", "30.2128").unwrap().unwrap();
        assert_eq!(
            p,
            Point {
                lat_e6: 50_543_700,
                lon_e6: 30_212_800
            }
        );
        let q = Point::from_degrees(50.5455, 30.2128).unwrap();
        let d = p.metres_to(q);
        assert!((195.0..205.0).contains(&d), "{d}");
        let b = p.around(200.0);
        assert!(b.min_lat_e6 < q.lat_e6 && q.lat_e6 < b.max_lat_e6);
        assert!(BoundingBox::parse("30.1,50.5,30.3,50.6").is_ok());
        assert!(BoundingBox::parse("30.3,50.5,30.1,50.6").is_err());
        assert!(BoundingBox::parse("30.1,50.5,30.3").is_err());
        assert!(BoundingBox::parse("a,b,c,d").is_err());
        assert!(BoundingBox::parse("30.1,95,30.3,96").is_err());
        let area = BoundingBox::parse("30.1,50.5,30.3,50.6").unwrap();
        assert!(area.contains(p) && !area.contains(Point::from_degrees(50.7, 30.2).unwrap()));
        assert_eq!(BoundingBox::parse(&area.to_text()).unwrap(), area);
    }

    #[test]
    fn roles() {
        assert!(may_handle(Role::Admin, false));
        assert!(may_handle(Role::Official, true));
        assert!(!may_handle(Role::Official, false));
        assert!(!may_handle(Role::Citizen, true));
    }
}
