//! The platform's e-mails in each language, from the Fluent catalogue:
//! a plain-text part and an HTML part with the same content.

use crate::i18n::Catalog;
use civic_app::mail::{ComposedMail, MailTexts};
use civic_core::Locale;
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
