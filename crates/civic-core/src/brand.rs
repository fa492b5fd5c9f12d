//! A tenant's look: its accent colour (checked for contrast when set) and
//! logo image (checked to be a raster image of a sane size).

use crate::Invalid;

/// An accent colour `#rrggbb` that keeps WCAG AA contrast (4.5:1) as link
/// text on the light backgrounds and as the background of white button text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccentColor(String);

/// The light surfaces the accent is used on, and the button text colour.
const LIGHT_SURFACES: [(u8, u8, u8); 2] = [(0xff, 0xff, 0xff), (0xf4, 0xf5, 0xf7)];
pub const AA_NORMAL_TEXT: f64 = 4.5;

impl AccentColor {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let s = raw.trim().to_ascii_lowercase();
        let hex = s.strip_prefix('#').unwrap_or(&s);
        let (rgb, hex) = parse_hex(hex).ok_or_else(|| {
            Invalid::new(
                "accent",
                "invalid_color",
                format!("'{}' is not a colour like #0b5cad", raw.trim()),
            )
        })?;
        let worst = LIGHT_SURFACES
            .iter()
            .map(|bg| contrast_ratio(rgb, *bg))
            .fold(f64::INFINITY, f64::min);
        if worst < AA_NORMAL_TEXT {
            return Err(Invalid::new(
                "accent",
                "low_contrast",
                format!(
                    "#{hex} has a contrast of {worst:.1}:1 against the page background; WCAG AA needs at least 4.5:1, so choose a darker colour"
                ),
            ));
        }
        Ok(AccentColor(format!("#{hex}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The colour and its six-digit form.
fn parse_hex(hex: &str) -> Option<((u8, u8, u8), String)> {
    let expanded: String = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        6 => hex.to_string(),
        _ => return None,
    };
    if !expanded.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&expanded[i..i + 2], 16).ok();
    Some(((byte(0)?, byte(2)?, byte(4)?), expanded))
}

/// WCAG 2 relative luminance.
fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// WCAG 2 contrast ratio, 1 to 21.
pub fn contrast_ratio(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// A logo: PNG, JPEG or WebP, at most 200 KB. SVG is refused because an SVG
/// opened directly could run script on our origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

pub const LOGO_MAX_BYTES: usize = 200 * 1024;

impl Logo {
    pub fn parse(bytes: Vec<u8>) -> Result<Self, Invalid> {
        if bytes.len() > LOGO_MAX_BYTES {
            return Err(Invalid::new("logo", "logo_too_large", "a logo is at most 200 KB"));
        }
        let content_type = image_type(&bytes)
            .ok_or_else(|| Invalid::new("logo", "logo_type", "a logo is a PNG, JPEG or WebP image"))?;
        Ok(Logo { content_type, bytes })
    }
}

/// The content type of a PNG, JPEG or WebP image by its first bytes; `None`
/// for anything else (SVG included: opened directly it could run script).
pub fn image_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("image/jpeg")
    } else if bytes.len() > 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_is_computed_as_wcag_says() {
        assert!((contrast_ratio((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio((0x77, 0x77, 0x77), (255, 255, 255)) - 4.48).abs() < 0.01);
    }

    #[test]
    fn accents_must_keep_aa_contrast() {
        assert_eq!(AccentColor::parse("#0B5CAD").unwrap().as_str(), "#0b5cad");
        assert_eq!(AccentColor::parse("036").unwrap().as_str(), "#003366");
        let light = AccentColor::parse("#ffcc00").unwrap_err();
        assert_eq!(light.code, "low_contrast");
        assert!(light.message.contains("4.5:1"), "{}", light.message);
        // #767676 passes on white but not on the light grey cards.
        assert_eq!(AccentColor::parse("#767676").unwrap_err().code, "low_contrast");
        for bad in ["", "blue", "#12345", "#gggggg", "#1234567"] {
            assert_eq!(AccentColor::parse(bad).unwrap_err().code, "invalid_color", "{bad:?}");
        }
    }

    #[test]
    fn logos_are_raster_images() {
        assert_eq!(
            Logo::parse(b"\x89PNG\r\n\x1a\nrest".to_vec()).unwrap().content_type,
            "image/png"
        );
        assert_eq!(
            Logo::parse(vec![0xff, 0xd8, 0xff, 0xe0]).unwrap().content_type,
            "image/jpeg"
        );
        assert_eq!(
            Logo::parse(b"<svg onload=alert(1)>".to_vec()).unwrap_err().code,
            "logo_type"
        );
        assert_eq!(
            Logo::parse(vec![0x89; LOGO_MAX_BYTES + 1]).unwrap_err().code,
            "logo_too_large"
        );
    }
}
