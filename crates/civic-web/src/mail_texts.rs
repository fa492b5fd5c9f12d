//! The platform's e-mails in each language, from the Fluent catalogue:
//! a plain-text part and an HTML part with the same content.

use crate::i18n::Catalog;
use civic_app::mail::{ComposedMail, MailTexts};
use civic_app::notifications::{MailGroup, MailShape, NotificationTexts};
use civic_core::Locale;
use civic_core::notifications::Kind;
use fluent_bundle::FluentArgs;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

impl Catalog {
    /// A mail from the four messages `{kind}-subject`, `-greeting`, `-body`
    /// and `-ignore`, with the link between body and closing line.
    fn compose(&self, locale: Locale, kind: &str, tenant_name: &str, display_name: &str, link: &str) -> ComposedMail {
        let mut args = FluentArgs::new();
        args.set("tenant", tenant_name.to_string());
        args.set("name", display_name.to_string());
        let part = |suffix: &str| self.message(locale, &format!("{kind}-{suffix}"), Some(&args));
        let (subject, greeting, body, ignore) = (part("subject"), part("greeting"), part("body"), part("ignore"));
        ComposedMail {
            text: format!("{greeting}\n\n{body}\n\n{link}\n\n{ignore}\n"),
            html: format!(
                "<!doctype html><html lang=\"{lang}\"><body><p>{}</p><p>{}</p><p><a href=\"{l}\">{l}</a></p><p>{}</p></body></html>",
                escape(&greeting),
                escape(&body),
                escape(&ignore),
                lang = locale.as_str(),
                l = escape(link),
            ),
            subject,
        }
    }
}

impl MailTexts for Catalog {
    fn confirm_email(&self, locale: Locale, tenant_name: &str, display_name: &str, link: &str) -> ComposedMail {
        self.compose(locale, "mail-confirm", tenant_name, display_name, link)
    }

    fn reset_password(&self, locale: Locale, tenant_name: &str, display_name: &str, link: &str) -> ComposedMail {
        self.compose(locale, "mail-reset", tenant_name, display_name, link)
    }

    fn account_exists(&self, locale: Locale, tenant_name: &str, display_name: &str, link: &str) -> ComposedMail {
        self.compose(locale, "mail-exists", tenant_name, display_name, link)
    }

    fn no_account(&self, locale: Locale, tenant_name: &str, link: &str) -> ComposedMail {
        self.compose(locale, "mail-noaccount", tenant_name, "", link)
    }

    fn invitation(&self, locale: Locale, tenant_name: &str, link: &str) -> ComposedMail {
        self.compose(locale, "mail-invite", tenant_name, "", link)
    }

    fn staff_invitation(&self, locale: Locale, tenant_name: &str, role: civic_core::Role, link: &str) -> ComposedMail {
        self.compose(locale, &format!("mail-invite-{}", role.as_str()), tenant_name, "", link)
    }

    fn confirm_email_change(&self, locale: Locale, tenant_name: &str, display_name: &str, link: &str) -> ComposedMail {
        self.compose(locale, "mail-change", tenant_name, display_name, link)
    }

    fn email_changed(&self, locale: Locale, tenant_name: &str, display_name: &str, link: &str) -> ComposedMail {
        self.compose(locale, "mail-changed", tenant_name, display_name, link)
    }
}

impl Catalog {
    /// One notification as a sentence ("Olena commented on «Benches»"),
    /// for the list page and for mail.
    pub fn notification_line(
        &self,
        locale: Locale,
        kind: &str,
        title: &str,
        actor: Option<&str>,
        status: Option<&str>,
    ) -> String {
        let kind = Kind::parse(kind).unwrap_or(Kind::Status);
        let mut args = FluentArgs::new();
        args.set("title", title.to_string());
        let someone = || self.message(locale, "notify-someone", None);
        args.set("actor", actor.map_or_else(someone, str::to_string));
        // Petitions and reports name their statuses in their own words.
        let prefix = match kind {
            Kind::PetitionStatus => "petition-status",
            Kind::ReportStatus => "report-status",
            _ => "status",
        };
        let status = match (kind, status) {
            // What reached a department: assigned, confirmed or reopened,
            // chosen among the message's own variants.
            (Kind::ReportDepartment, Some(s)) => s.to_string(),
            (_, Some(s)) => self.message(locale, &format!("{prefix}-{s}"), None),
            (_, None) => String::new(),
        };
        args.set("status", status);
        self.message(locale, &format!("notify-item-{}", kind.as_str()), Some(&args))
    }
}

impl NotificationTexts for Catalog {
    fn notification_mail(
        &self,
        locale: Locale,
        tenant_name: &str,
        display_name: &str,
        groups: &[MailGroup],
        shape: MailShape,
        settings_link: &str,
    ) -> ComposedMail {
        let mut args = FluentArgs::new();
        args.set("tenant", tenant_name.to_string());
        args.set("name", display_name.to_string());
        let first_title = groups
            .first()
            .and_then(|g| g.items.first())
            .map(|i| i.idea_title.clone())
            .unwrap_or_default();
        args.set("title", first_title);
        let m = |key: &str| self.message(locale, key, Some(&args));
        let (subject, intro) = match shape {
            MailShape::Single => ("notify-mail-subject", "notify-mail-intro"),
            MailShape::Daily => ("notify-digest-subject", "notify-digest-intro"),
            MailShape::Weekly => ("notify-weekly-subject", "notify-weekly-intro"),
            MailShape::Recap => ("notify-recap-subject", "notify-recap-intro"),
        };
        let (subject, intro) = (m(subject), m(intro));
        let greeting = m("notify-mail-greeting");
        let settings = m("notify-mail-settings");
        let (mut text, mut html) = (
            format!("{greeting}\n\n{intro}\n"),
            format!(
                "<!doctype html><html lang=\"{}\"><body><p>{}</p><p>{}</p>",
                locale.as_str(),
                escape(&greeting),
                escape(&intro)
            ),
        );
        for group in groups {
            let mut space = FluentArgs::new();
            space.set("space", group.space_title.clone());
            // Petitions and reports belong to no space: the community's.
            // A recap's groups are the items themselves.
            let heading = if shape == MailShape::Recap {
                group.space_title.clone()
            } else if group.space_title.is_empty() {
                self.message(locale, "notify-in-community", Some(&args))
            } else {
                self.message(locale, "notify-in-space", Some(&space))
            };
            text.push_str(&format!("\n## {heading}\n"));
            html.push_str(&format!("<h2>{}</h2><ul>", escape(&heading)));
            for item in &group.items {
                let line = self.notification_line(
                    locale,
                    item.kind.as_str(),
                    &item.idea_title,
                    item.actor.as_deref(),
                    item.status.as_deref(),
                );
                match &item.detail {
                    Some(detail) => {
                        text.push_str(&format!("- {line}\n  «{detail}»\n  {}\n", item.link));
                        html.push_str(&format!(
                            "<li><a href=\"{}\">{}</a><br>«{}»</li>",
                            escape(&item.link),
                            escape(&line),
                            escape(detail)
                        ));
                    }
                    None => {
                        text.push_str(&format!("- {line}\n  {}\n", item.link));
                        html.push_str(&format!(
                            "<li><a href=\"{}\">{}</a></li>",
                            escape(&item.link),
                            escape(&line)
                        ));
                    }
                }
            }
            html.push_str("</ul>");
        }
        text.push_str(&format!("\n{settings}\n{settings_link}\n"));
        html.push_str(&format!(
            "<p>{}<br><a href=\"{l}\">{l}</a></p></body></html>",
            escape(&settings),
            l = escape(settings_link)
        ));
        ComposedMail { subject, text, html }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confirmation_mail_in_both_languages_escapes_names() {
        let catalog = Catalog::load();
        let uk = catalog.confirm_email(
            Locale::Uk,
            "Буча",
            "<b>Олена</b>",
            "https://x.example/bucha/confirm?token=ab&c=1",
        );
        assert_eq!(uk.subject, "Підтвердьте адресу для «Буча»");
        assert!(
            uk.text.contains("Вітаємо, <b>Олена</b>!")
                && uk.text.contains("https://x.example/bucha/confirm?token=ab&c=1")
        );
        assert!(uk.html.contains("&lt;b&gt;Олена&lt;/b&gt;") && uk.html.contains("token=ab&amp;c=1"));
        let en = catalog.confirm_email(Locale::En, "Bucha", "Olena", "https://x");
        assert!(en.subject.starts_with("Confirm your address") && en.html.contains("lang=\"en\""));
        let reset = catalog.reset_password(Locale::Uk, "Буча", "Олена", "https://x/reset");
        assert!(reset.subject.contains("пароль") && reset.text.contains("https://x/reset"));
    }
}
