use super::*;

fn screening() -> Screening {
    Screening::new(ScreeningConfig::default()).unwrap()
}

fn resident() -> PostingContext {
    PostingContext::new(24 * 90, true)
}

fn codes(v: &Verdict) -> Vec<&'static str> {
    v.signals.iter().map(|f| f.signal.code()).collect()
}

#[test]
fn ordinary_posts_are_published_without_signals() {
    let s = screening();
    for text in [
        "Пропоную встановити лавки та урни вздовж набережної, а також відремонтувати освітлення.",
        "The pothole on Mill Street has been there since March; two cyclists fell last week.",
        "Бюджет 1 200 000 грн, засідання 12.05.2024 о 10:30, вул. Шевченка, 12.",
        "Дякую!",
        "",
    ] {
        let v = s.screen(text, &resident());
        assert_eq!((v.decision, v.score), (Decision::Publish, 0), "{text}: {v:?}");
        assert!(v.reason().is_none());
    }
}

#[test]
fn heated_criticism_of_the_mayor_is_published() {
    let v = screening().screen(
        "МЕР БРЕХУН І ПОПУЛІСТ!!! Три роки обіцяє ремонт дороги на Садовій, а грошей як не було, так і нема. \
         Досить красти наш час, вимагаємо звіту на сесії!!!",
        &resident(),
    );
    assert_eq!(v.decision, Decision::Publish, "{v:?}");
    assert_eq!(v.signals, []);
}

#[test]
fn scunthorpe_words_do_not_fire() {
    let s = screening();
    for text in [
        "Scunthorpe and Penistone councils shared their assessment of the class sizes; Dickens fans met at the cocktail bar.",
        "Shiitake mushrooms at the market in Sussex; the analysis of the rapeseed harvest; Fukushima lessons.",
        "Fag ends on the pavement, a dyke along the river and a bass concert in Middlesex.",
        "Assess the niggardly budget: a Shi'ite centre asked, the plan was bastardized.",
        "Нова сукня для ансамблю, сукупність заходів, сучасний сквер, Херсон і Нігерія, бляшанка та бляха.",
        "Застрахуйте майно, застрахувати будинок; підорати поле; мудрий підхід; педикюрний салон; гомілка болить.",
        "Обрізати сук над тротуаром, мудрість громади, гребля на річці, херсонські кавуни.",
        "В аптеці немає ібупрофену, а ебуліометр у лабораторії зламаний; звіт ЄБА.",
    ] {
        let v = s.screen(text, &resident());
        assert!(!codes(&v).contains(&"blocked_word"), "{text}: {v:?}");
    }
}

#[test]
fn disguised_blocked_words_fire() {
    let s = screening();
    for text in [
        "ти сyка",         // Latin y
        "ти cyka",         // all Latin
        "Сууукааа ти",     // stretched
        "ти с.у.к.а",      // spelled out
        "сук@ ти",         // symbol
        "what the fuuuck", // stretched
        "f*ck off and sh1t",
        "you are a b1tch",
        "ПIЗДЕЦЬ повний",     // Latin I
        "це х у й н я якась", // spelled out, one word only
        "вб'ю тебе",          // apostrophe
        "вбʼю тебе",          // modifier apostrophe
    ] {
        let v = s.screen(text, &resident());
        assert!(codes(&v).contains(&"blocked_word"), "{text}: {v:?}");
    }
}

#[test]
fn categories_decide() {
    let s = screening();
    let abuse = s.screen("Цей мудак знову перекрив дорогу", &resident());
    assert_eq!(abuse.decision, Decision::Hold);
    let hate = s.screen("go back, you kike", &resident());
    assert_eq!(hate.decision, Decision::Refuse);
    assert!(matches!(
        hate.reason(),
        Some(Signal::BlockedWord {
            category: WordCategory::Hate,
            list: Locale::En,
            ..
        })
    ));
    // One spam word alone does not hold a post, two or a link do.
    let spam = s.screen("Казино біля школи треба закрити, там збираються підлітки", &resident());
    assert_eq!(spam.decision, Decision::Publish, "{spam:?}");
    let spam = s.screen("Казино, найкращі ставки на спорт тут у нас!", &resident());
    assert_eq!(spam.decision, Decision::Hold, "{spam:?}");
    // Words inside a link count too: "casino-win.xyz" is one more.
    let spam = s.screen("Казино, ставки на спорт: casino-win.xyz", &resident());
    assert_eq!(spam.decision, Decision::Refuse, "{spam:?}");
    let spam = s.screen("Казино тут: win-big.xyz", &resident());
    assert_eq!(spam.decision, Decision::Hold, "{spam:?}");
    // A stream of abuse is refused.
    let stream = s.screen("мудак, сука, курва, гандон і чмо", &resident());
    assert_eq!(stream.decision, Decision::Refuse, "{stream:?}");
}

#[test]
fn blocked_word_signal_names_the_word_and_the_entry() {
    let v = screening().screen("Цей МУДАКИ!", &resident());
    assert_eq!(
        v.signals[0].signal,
        Signal::BlockedWord {
            word: "МУДАКИ".into(),
            entry: "мудак*".into(),
            list: Locale::Uk,
            category: WordCategory::Abuse
        }
    );
}

#[test]
fn personal_data_holds_and_doxxing_is_refused() {
    let s = screening();
    let own = s.screen("Яма біля мого будинку, телефонуйте 067 123 45 67", &resident());
    assert_eq!(own.decision, Decision::Hold);
    assert_eq!(
        own.signals[0].signal,
        Signal::PersonalData {
            kind: PersonalDataKind::Phone,
            count: 1
        }
    );
    let dox = s.screen("Ось її телефон 0671234567 та ІПН 3652504575, навідайтеся", &resident());
    assert_eq!(dox.decision, Decision::Refuse, "{dox:?}");
}

#[test]
fn trusted_domains_do_not_count() {
    let text = "Пишіть на rada@rivne.city, див. https://rivne.city/budget";
    let config = ScreeningConfig {
        trusted_domains: vec!["rivne.city".into()],
        ..ScreeningConfig::default()
    };
    let s = Screening::new(config).unwrap();
    assert_eq!(s.screen(text, &resident()).signals, []);
    assert_eq!(
        codes(&screening().screen(text, &resident())),
        ["link_density", "personal_data"]
    );
    // State bodies (gov.ua) are trusted by default.
    let v = screening().screen(
        "Пишіть на rada@misto.gov.ua, див. https://misto.gov.ua/budget",
        &resident(),
    );
    assert_eq!(v.signals, []);
}

#[test]
fn links_are_dense_for_few_words() {
    let s = screening();
    let v = s.screen("Кредит без довідок: bit.ly/abc t.me/kredit", &resident());
    assert_eq!(
        v.signals[0],
        Fired {
            signal: Signal::LinkDensity { links: 2, words: 3 },
            points: 55
        }
    );
    // One link in a long civic text is fine.
    let v = s.screen(
        "Проєкт реконструкції скверу опубліковано, креслення та кошторис можна переглянути тут \
         https://prozorro.gov.ua/tender/UA-2024-05-15-000123-a і обговорити на зустрічі в четвер",
        &resident(),
    );
    assert_eq!(v.signals, [], "{v:?}");
}

#[test]
fn the_context_adds_up() {
    let s = screening();
    let text = "Швидкі кредити без довідок, пишіть нам";
    let fresh = PostingContext {
        account_age_hours: 1,
        email_confirmed: false,
        posts_last_hour: 40,
        same_text_by_author: 3,
        same_text_by_others: 2,
    };
    let v = s.screen(text, &fresh);
    assert_eq!(
        codes(&v),
        ["repeated_text", "posting_rate", "new_account", "unconfirmed"]
    );
    // 75 (2 + 2 x 3 copies, capped) + 100 (3x the rate) + 15 + 15
    assert_eq!((v.score, v.decision), (205, Decision::Refuse));
    // One earlier copy is a double submit, not a campaign.
    let once = PostingContext {
        same_text_by_others: 1,
        ..resident()
    };
    assert_eq!(s.screen(text, &once).signals, []);
}

#[test]
fn shouting_fires_only_on_long_texts() {
    let s = screening();
    assert_eq!(codes(&s.screen("ДЕ ГРОШІ?", &resident())), Vec::<&str>::new());
    assert_eq!(
        codes(&s.screen("СКІЛЬКИ МОЖНА ЧЕКАТИ НА РЕМОНТ ДОРОГИ", &resident())),
        ["all_caps"]
    );
}

#[test]
fn bad_configuration_and_huge_texts() {
    for (hold_at, refuse_at) in [(0, 100), (60, 50)] {
        let config = ScreeningConfig {
            hold_at,
            refuse_at,
            ..ScreeningConfig::default()
        };
        assert_eq!(Screening::new(config).unwrap_err().code, "invalid_thresholds");
    }
    let s = screening();
    let huge = "слово ".repeat(100_000);
    assert_eq!(s.screen(&huge, &resident()).decision, Decision::Publish);
    // Control characters, lone marks, only symbols: no panic.
    for odd in [
        "\u{0301}\u{0301}",
        "@@@@@@@@@@@@@@@@@@@@@@",
        "\0\0\0",
        "+(((((",
        "+",
        "(1",
        "ab@",
        "@ab.cd",
    ] {
        let _ = s.screen(odd, &resident());
        let _ = redact(odd, |_| "x");
    }
}

#[test]
fn verdicts_serialise_for_the_moderation_queue() {
    let v = screening().screen("мудак 067 123 45 67", &resident());
    let json = serde_json::to_string(&v).unwrap();
    assert!(json.starts_with("{\"decision\":\"refuse\",\"score\":100"), "{json}");
    assert!(
        json.contains("{\"signal\":\"blocked_word\",\"word\":\"мудак\""),
        "{json}"
    );
    assert!(
        json.contains("{\"signal\":{\"signal\":\"personal_data\",\"kind\":\"phone\",\"count\":1}"),
        "{json}"
    );
    let back: Verdict = serde_json::from_str(&json).unwrap();
    assert_eq!(back, v);
}

#[test]
fn arbitrary_text_never_panics() {
    // A fixed pseudo-random walk over the characters the scanners treat
    // specially: every call must return, and redaction must keep the text
    // around what it removes.
    const CHARS: &[char] = &[
        '0', '1', '3', '4', '7', '9', '+', '(', ')', '-', '.', ' ', '\u{a0}', '@', '$', '*', '\'', '’', 'ʼ', '№', 'a',
        'A', 'k', 'x', 'а', 'А', 'й', 'ї', 'є', 'Ґ', '\u{0301}', '\u{200b}', '\u{ad}', 'ｆ', '/', ':', '\n', '!', '😀',
    ];
    let s = screening();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..5_000 {
        let len = (next() % 40) as usize;
        let text: String = (0..len)
            .map(|_| CHARS[(next() % CHARS.len() as u64) as usize])
            .collect();
        let v = s.screen(&text, &resident());
        assert_eq!(v.score, v.signals.iter().map(|f| f.points).sum::<u32>());
        let redacted = redact(&text, |_| "#");
        for p in find_personal_data(&text) {
            assert!(p.start < p.end && text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
        }
        if find_personal_data(&text).is_empty() {
            assert_eq!(redacted, text);
        }
        let _ = Fingerprint::of(&text);
    }
}
