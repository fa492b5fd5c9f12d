//! Maps (issue 20): where a municipality's maps open (its centre and zoom
//! level), and the rules for them. The places shown on a map belong to
//! their modules (problem reports: `reports::ReportPin`).

use crate::Invalid;
use crate::Problems;
use crate::reports::{BoundingBox, Point};

/// The zoom levels a map may open at: 1 (the world) to 19 (a street; the
/// deepest the OpenStreetMap standard tiles go).
pub const ZOOM_MIN: i64 = 1;
pub const ZOOM_MAX: i64 = 19;

/// Where a municipality's maps open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct MapView {
    pub lat_e6: i64,
    pub lon_e6: i64,
    pub zoom: i64,
}

impl MapView {
    /// Without a view of its own: the middle of the area for problem
    /// reports (zoom 13, a town), else the whole of Ukraine (zoom 6).
    pub fn fallback(area: Option<BoundingBox>) -> MapView {
        match area {
            Some(a) => MapView {
                lat_e6: (a.min_lat_e6 + a.max_lat_e6) / 2,
                lon_e6: (a.min_lon_e6 + a.max_lon_e6) / 2,
                zoom: 13,
            },
            None => MapView {
                lat_e6: 48_379_400,
                lon_e6: 31_165_600,
                zoom: 6,
            },
        }
    }

    pub fn lat(self) -> f64 {
        self.lat_e6 as f64 / 1e6
    }

    pub fn lon(self) -> f64 {
        self.lon_e6 as f64 / 1e6
    }

    /// A view from three form fields: the centre's latitude and longitude
    /// (required, in range, a comma accepted for the decimal point) and the
    /// zoom level (a whole number from 1 to 19). Every problem is named.
    pub fn from_fields(lat: &str, lon: &str, zoom: &str) -> Result<MapView, Problems> {
        let mut p = Problems::new();
        let point = match (lat.trim(), lon.trim()) {
            ("", _) => {
                p.push(Invalid::new(
                    "lat",
                    "invalid_latitude",
                    "the latitude is a number from -90 to 90",
                ));
                None
            }
            (_, "") => {
                p.push(Invalid::new(
                    "lon",
                    "invalid_longitude",
                    "the longitude is a number from -180 to 180",
                ));
                None
            }
            (lat, lon) => p.check(Point::from_fields(lat, lon)).flatten(),
        };
        let zoom = p.check(
            zoom.trim()
                .parse::<i64>()
                .ok()
                .filter(|z| (ZOOM_MIN..=ZOOM_MAX).contains(z))
                .ok_or_else(|| Invalid::new("zoom", "invalid_zoom", "the zoom level is a whole number from 1 to 19")),
        );
        match (point, zoom) {
            (Some(at), Some(zoom)) if p.is_empty() => Ok(MapView {
                lat_e6: at.lat_e6,
                lon_e6: at.lon_e6,
                zoom,
            }),
            _ => Err(p),
        }
    }

    /// As the audit log records it: `lat,lon zoom`.
    pub fn to_text(self) -> String {
        format!("{},{} zoom {}", self.lat(), self.lon(), self.zoom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_are_parsed_and_refused_by_field() {
        let v = MapView::from_fields("50,5437", " 30.2128", "14").unwrap();
        assert_eq!((v.lat_e6, v.lon_e6, v.zoom), (50_543_700, 30_212_800, 14));
        assert_eq!(v.to_text(), "50.5437,30.2128 zoom 14");
        let codes = |lat: &str, lon: &str, zoom: &str| -> Vec<&'static str> {
            MapView::from_fields(lat, lon, zoom)
                .unwrap_err()
                .iter()
                .map(|i| i.code)
                .collect()
        };
        assert_eq!(codes("", "30", "10"), ["invalid_latitude"]);
        assert_eq!(codes("50", "", "10"), ["invalid_longitude"]);
        assert_eq!(codes("91", "30", "10"), ["invalid_latitude"]);
        assert_eq!(codes("50", "181", "0"), ["invalid_longitude", "invalid_zoom"]);
        assert_eq!(codes("north", "30", "20"), ["invalid_latitude", "invalid_zoom"]);
        assert_eq!(codes("50", "30", "12.5"), ["invalid_zoom"]);
        assert_eq!(codes("NaN", "inf", "x"), ["invalid_latitude", "invalid_zoom"]);
    }

    #[test]
    fn the_fallback_is_the_area_or_the_country() {
        let area = BoundingBox::parse("30.1,50.5,30.3,50.6").unwrap();
        assert_eq!(
            MapView::fallback(Some(area)),
            MapView {
                lat_e6: 50_550_000,
                lon_e6: 30_200_000,
                zoom: 13
            }
        );
        assert_eq!(MapView::fallback(None).zoom, 6);
    }
}
