//! Varied Ukrainian and English sentences for the benchmark tenant: ideas,
//! comments and the city's answers assembled from phrase pools, so that
//! full-text search finds realistic words (with apostrophes: пам'ятник,
//! під'їзд, сім'я) in realistic proportions.

use rand::Rng;
use rand::rngs::StdRng;

fn pick<'a>(rng: &mut StdRng, list: &[&'a str]) -> &'a str {
    list[rng.random_range(0..list.len())]
}

const UK_ACTIONS: [&str; 10] = [
    "Встановити",
    "Відремонтувати",
    "Облаштувати",
    "Збудувати",
    "Висадити",
    "Освітлити",
    "Відновити",
    "Розширити",
    "Створити",
    "Замінити",
];
const UK_OBJECTS: [&str; 22] = [
    "лавки",
    "велодоріжку",
    "дитячий майданчик",
    "пам'ятник захисникам",
    "зупинку громадського транспорту",
    "тротуар",
    "спортивний майданчик",
    "ліхтарі",
    "фонтан",
    "сквер",
    "пандус для візків",
    "м'який покрив на майданчику",
    "зону відпочинку для сімей",
    "безкоштовний Wi-Fi зв'язок",
    "кошики для сміття",
    "пішохідний перехід",
    "дерева та кущі",
    "укриття",
    "громадську вбиральню",
    "стоянку для велосипедів",
    "комп'ютерний клас у бібліотеці",
    "майданчик для вигулу собак",
];
const UK_STREETS: [&str; 14] = [
    "Шевченка",
    "Івана Франка",
    "Лесі Українки",
    "Грушевського",
    "Соборній",
    "Незалежності",
    "Садовій",
    "Об'їзній",
    "Зв'язківців",
    "П'ятницькій",
    "В'ячеслава Чорновола",
    "Пам'яті Героїв",
    "Калиновій",
    "Д'Аламбера",
];
const UK_PLACES: [&str; 9] = [
    "біля школи № {n}",
    "у дворі будинку {n} на вулиці {street}",
    "у парку над річкою",
    "на площі біля ринку",
    "біля під'їзду будинку {n} на вулиці {street}",
    "на зупинці «Лікарня»",
    "уздовж набережної",
    "у мікрорайоні {district}",
    "поруч із дитячою поліклінікою",
];
pub const DISTRICTS: [&str; 6] = ["Центр", "Лісовий", "Озерний", "Залізничний", "Підгір'я", "Сонячний"];
pub const CATEGORIES: [&str; 6] = ["Благоустрій", "Транспорт", "Освіта", "Безпека", "Екологія", "Культура"];
const UK_PROBLEMS: [&str; 10] = [
    "немає жодної лавки, і літнім людям ніде перепочити",
    "вночі зовсім темно, люди бояться ходити",
    "після дощу стоїть вода по щиколотку",
    "діти граються просто на проїжджій частині",
    "тротуар розбитий і небезпечний для людей з візками",
    "сміття не вивозять по п'ять днів",
    "об'єкт давно потребує ремонту, фарба облізла",
    "машини паркуються на газоні",
    "немає куди прив'язати велосипед",
    "взимку ніхто не посипає доріжки піском",
];
const UK_BENEFITS: [&str; 9] = [
    "Це допоможе літнім людям і сім'ям з дітьми.",
    "Так район стане безпечнішим і затишнішим.",
    "Це з'єднає два мікрорайони короткою дорогою.",
    "Тут щодня проходять сотні мешканців, тож користь очевидна.",
    "Подібне вже зробили в сусідній громаді, і люди задоволені.",
    "Молодь матиме де проводити вільний час.",
    "Це дешевше, ніж щороку латати старе.",
    "Батьки з візочками нарешті зможуть пройти без перешкод.",
    "Так ми збережемо пам'ять про наших земляків.",
];
const UK_CLOSINGS: [&str; 6] = [
    "Мешканці {n} квартир уже підписали звернення.",
    "Орієнтовна вартість — {n} тисяч гривень.",
    "Готові допомогти з толокою у вихідні.",
    "Прошу розглянути ідею якнайшвидше.",
    "Фото ділянки можу надіслати на пошту.",
    "Обов'язково треба врахувати думку сусідів.",
];

const EN_ACTIONS: [&str; 8] = [
    "Install", "Repair", "Build", "Plant", "Light up", "Restore", "Widen", "Create",
];
const EN_OBJECTS: [&str; 14] = [
    "benches",
    "a cycle lane",
    "a playground",
    "a memorial to the defenders",
    "a covered bus stop",
    "the pavement",
    "a sports ground",
    "street lights",
    "a drinking fountain",
    "a small garden square",
    "a wheelchair ramp",
    "a family picnic area",
    "recycling bins",
    "a pedestrian crossing",
];
const EN_PLACES: [&str; 6] = [
    "near school number {n}",
    "in the courtyard of building {n}",
    "in the riverside park",
    "on the market square",
    "along the embankment",
    "next to the children's clinic",
];
const EN_PROBLEMS: [&str; 7] = [
    "there is nowhere to sit for older residents",
    "it is completely dark at night",
    "water floods the path after every rain",
    "children play on the road",
    "the pavement is broken and unsafe for wheelchairs",
    "cars park on the grass",
    "nobody clears the ice in winter",
];
const EN_BENEFITS: [&str; 6] = [
    "It would help families with small children.",
    "The neighbourhood would feel safer.",
    "Hundreds of people walk here every day.",
    "A neighbouring town did the same and people love it.",
    "Teenagers would finally have a place to meet.",
    "It is cheaper than patching the old one every year.",
];
const EN_CLOSINGS: [&str; 4] = [
    "Residents of {n} flats have signed a letter already.",
    "The rough cost is {n} thousand hryvnias.",
    "We can help with a volunteer clean-up at the weekend.",
    "Please consider it before the next budget.",
];

fn fill(rng: &mut StdRng, template: &str) -> String {
    let mut s = template.to_string();
    if s.contains("{n}") {
        s = s.replace("{n}", &rng.random_range(2..120).to_string());
    }
    if s.contains("{street}") {
        s = s.replace("{street}", pick(rng, &UK_STREETS));
    }
    if s.contains("{district}") {
        s = s.replace("{district}", pick(rng, &DISTRICTS));
    }
    s
}

/// A template from `list` with its slots filled.
fn pick_filled(rng: &mut StdRng, list: &[&str]) -> String {
    let template = pick(rng, list);
    fill(rng, template)
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// An idea's title and Markdown body; about one in four is in English.
pub fn idea(rng: &mut StdRng) -> (String, String) {
    if rng.random_ratio(1, 4) {
        let action = pick(rng, &EN_ACTIONS);
        let object = pick(rng, &EN_OBJECTS);
        let place = pick_filled(rng, &EN_PLACES);
        let title = format!("{action} {object} {place}");
        let body = format!(
            "Right now {place} {}. I propose to {} {object}. {} {}",
            pick(rng, &EN_PROBLEMS),
            action.to_lowercase(),
            pick(rng, &EN_BENEFITS),
            pick_filled(rng, &EN_CLOSINGS),
        );
        return (title, body);
    }
    let action = pick(rng, &UK_ACTIONS);
    let object = pick(rng, &UK_OBJECTS);
    let place = pick_filled(rng, &UK_PLACES);
    let title = format!("{action} {object} {place}");
    let mut body = format!(
        "Зараз {place} {}. Пропоную {} {object}.",
        pick(rng, &UK_PROBLEMS),
        lower_first(action),
    );
    for _ in 0..rng.random_range(1..4) {
        body.push(' ');
        body.push_str(&pick_filled(rng, &UK_BENEFITS));
    }
    body.push_str("\n\n");
    body.push_str(&pick_filled(rng, &UK_CLOSINGS));
    (title, body)
}

const UK_COMMENTS: [&str; 14] = [
    "Повністю підтримую, давно пора!",
    "А хто потім обслуговуватиме {object}?",
    "Краще спершу відремонтувати те, що вже є.",
    "Я живу поруч і щодня бачу цю проблему.",
    "Підписуюся під кожним словом.",
    "Це зайві витрати, є важливіші речі.",
    "Можна зробити дешевше, якщо залучити волонтерів.",
    "Моя сім'я теж за, особливо діти.",
    "Треба ще подумати про освітлення під'їзду.",
    "Чудова ідея, але потрібен кошторис.",
    "Пам'ятаю, як тут було гарно років десять тому.",
    "Не згоден: там і так тісно для машин.",
    "Варто обговорити це на зборах мешканців.",
    "Об'єктивно це потрібно всьому району.",
];
const EN_COMMENTS: [&str; 8] = [
    "Fully agree, this is long overdue.",
    "Who will maintain {object} afterwards?",
    "Better to fix what we already have first.",
    "I live next door and see the problem every day.",
    "This is a waste of money, there are bigger priorities.",
    "Great idea, but we need a cost estimate.",
    "My kids would love this.",
    "Let's discuss it at the residents' meeting.",
];

/// A comment: one or two sentences.
pub fn comment(rng: &mut StdRng) -> String {
    let english = rng.random_ratio(1, 5);
    let mut text = String::new();
    for _ in 0..rng.random_range(1..3) {
        if !text.is_empty() {
            text.push(' ');
        }
        let (template, object) = if english {
            (pick(rng, &EN_COMMENTS), pick(rng, &EN_OBJECTS))
        } else {
            (pick(rng, &UK_COMMENTS), pick(rng, &UK_OBJECTS))
        };
        text.push_str(&template.replace("{object}", object));
    }
    text
}

/// The city's answer when an idea moves to `status`.
pub fn answer(rng: &mut StdRng, status: &str) -> String {
    let year = rng.random_range(2026..2029);
    match status {
        "under_review" => "Ідею передано до профільного департаменту, відповідь буде протягом місяця.".into(),
        "accepted" => format!("Ідею підтримано. Роботи заплановано на {year} рік у межах бюджету участі."),
        "rejected" => "На жаль, ділянка не належить громаді, тому реалізувати ідею неможливо.".into(),
        "in_progress" => "Підрядника обрано, роботи вже почалися. Дякуємо за ініціативу!".into(),
        _ => format!("Роботи завершено у {year} році. Запрошуємо всіх оцінити результат."),
    }
}

/// A short free-text survey answer.
pub fn wish(rng: &mut StdRng) -> String {
    let template = format!(
        "{} {} {}",
        pick(rng, &UK_ACTIONS),
        pick(rng, &UK_OBJECTS),
        pick(rng, &UK_PLACES)
    );
    fill(rng, &template)
}
