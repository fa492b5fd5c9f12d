#![allow(dead_code)] // each benchmark uses a part
//! Synthetic civic texts in Ukrainian and English for the benchmarks: ideas
//! and comments on eight themes, assembled from phrase pools (in the manner
//! of civic-app's bench_text.rs, which this crate does not depend on), with
//! the theme each was drawn from. About one text in four is English; about
//! a third of the comments say nothing about the matter ("Fully agree!").

use rand::Rng;
use rand_pcg::Pcg64Mcg as StdRng;

pub const THEMES: [&str; 8] = [
    "roads",
    "lighting",
    "parks",
    "transport",
    "waste",
    "schools",
    "safety",
    "culture",
];

struct Theme {
    uk_objects: &'static [&'static str],
    uk_problems: &'static [&'static str],
    uk_actions: &'static [&'static str],
    en_objects: &'static [&'static str],
    en_problems: &'static [&'static str],
    en_actions: &'static [&'static str],
}

const POOLS: [Theme; 8] = [
    Theme {
        uk_objects: &[
            "дорогу",
            "проїжджу частину",
            "тротуар",
            "асфальт",
            "бордюри",
            "узбіччя",
            "міст",
            "розмітку",
        ],
        uk_problems: &[
            "всюди глибокі ями",
            "асфальт розсипався після зими",
            "машини б'ють колеса у вибоїнах",
            "латки тримаються один сезон",
            "бордюри розвалені",
            "після дощу дорога як болото",
        ],
        uk_actions: &[
            "Відремонтувати",
            "Заасфальтувати",
            "Відновити",
            "Розширити",
            "Вирівняти",
        ],
        en_objects: &[
            "the road",
            "the pavement",
            "the asphalt",
            "the kerbs",
            "the bridge deck",
            "the road markings",
        ],
        en_problems: &[
            "there are deep potholes everywhere",
            "the asphalt crumbled after the winter",
            "cars damage their tyres in the holes",
            "the patches last one season",
        ],
        en_actions: &["Repair", "Resurface", "Restore", "Widen"],
    },
    Theme {
        uk_objects: &[
            "ліхтарі",
            "вуличне освітлення",
            "світильники",
            "лампи в ліхтарях",
            "освітлення двору",
            "ліхтарі на сонячних батареях",
        ],
        uk_problems: &[
            "вночі зовсім темно",
            "половина ліхтарів не світить",
            "люди бояться ходити ввечері",
            "ліхтар блимає всю ніч",
            "світло вимикають о десятій",
        ],
        uk_actions: &["Встановити", "Замінити", "Полагодити", "Освітлити"],
        en_objects: &[
            "street lights",
            "the lighting",
            "LED lamps",
            "solar lamps",
            "the lamp posts",
        ],
        en_problems: &[
            "it is completely dark at night",
            "half of the lamps are off",
            "people are afraid to walk in the evening",
            "the lamp flickers all night",
        ],
        en_actions: &["Install", "Replace", "Fix", "Light up"],
    },
    Theme {
        uk_objects: &[
            "сквер",
            "дерева",
            "лавки в парку",
            "клумби",
            "газони",
            "фонтан",
            "алею",
            "доріжки в парку",
        ],
        uk_problems: &[
            "у парку немає тіні",
            "газони витоптані",
            "дерева сохнуть",
            "клумби заросли бур'яном",
            "фонтан не працює роками",
            "ніде сісти відпочити",
        ],
        uk_actions: &["Висадити", "Облаштувати", "Відновити", "Поставити"],
        en_objects: &[
            "the park",
            "trees",
            "park benches",
            "flower beds",
            "the lawns",
            "the fountain",
        ],
        en_problems: &[
            "there is no shade in the park",
            "the lawns are trampled",
            "the trees are drying out",
            "the fountain has not worked for years",
        ],
        en_actions: &["Plant", "Restore", "Create", "Put"],
    },
    Theme {
        uk_objects: &[
            "автобуси на маршруті",
            "зупинку з навісом",
            "тролейбусну лінію",
            "маршрутки",
            "велодоріжку",
            "розклад руху",
            "табло на зупинках",
        ],
        uk_problems: &[
            "автобуси переповнені вранці",
            "маршрутка ходить раз на годину",
            "на зупинці немає навісу",
            "розклад не виконується",
            "велосипедисти їдуть між машин",
        ],
        uk_actions: &["Збільшити", "Облаштувати", "Запустити", "Продовжити"],
        en_objects: &[
            "buses on the route",
            "a bus shelter",
            "the tram line",
            "a cycle lane",
            "the timetable",
            "arrival boards",
        ],
        en_problems: &[
            "the buses are overcrowded in the morning",
            "the minibus comes once an hour",
            "there is no shelter at the stop",
            "the timetable is never kept",
        ],
        en_actions: &["Add", "Build", "Launch", "Extend"],
    },
    Theme {
        uk_objects: &[
            "контейнери для сміття",
            "урни",
            "майданчик для контейнерів",
            "роздільний збір відходів",
            "вивіз сміття",
            "смітники",
        ],
        uk_problems: &[
            "сміття не вивозять по тижню",
            "контейнери переповнені",
            "біля річки стихійне звалище",
            "урн немає і все в обгортках",
            "пластик і скло йдуть на звалище",
        ],
        uk_actions: &["Встановити", "Прибрати", "Організувати", "Вивозити частіше"],
        en_objects: &[
            "recycling bins",
            "litter bins",
            "waste containers",
            "rubbish collection",
            "the illegal dump",
        ],
        en_problems: &[
            "the rubbish is not collected for a week",
            "the containers overflow",
            "there is an illegal dump by the river",
            "litter is everywhere",
        ],
        en_actions: &["Install", "Clear", "Organise", "Collect"],
    },
    Theme {
        uk_objects: &[
            "спортзал у школі",
            "укриття в школі",
            "вікна в гімназії",
            "шкільну їдальню",
            "комп'ютерний клас",
            "дитячий садок",
            "шкільний автобус",
        ],
        uk_problems: &[
            "діти займаються в коридорі",
            "у класах холодно взимку",
            "черга в садочок на два роки",
            "учні сидять у коридорах під час тривоги",
            "комп'ютери старші за учнів",
        ],
        uk_actions: &["Відремонтувати", "Облаштувати", "Замінити", "Збудувати"],
        en_objects: &[
            "the school gym",
            "a school shelter",
            "the classroom windows",
            "the school canteen",
            "a kindergarten",
            "a school bus",
        ],
        en_problems: &[
            "pupils have PE in the corridor",
            "the classrooms are cold in winter",
            "the kindergarten waiting list is two years",
            "the computers are older than the pupils",
        ],
        en_actions: &["Repair", "Build", "Replace", "Equip"],
    },
    Theme {
        uk_objects: &[
            "камери відеоспостереження",
            "патрулювання поліції",
            "огорожу будівельного майданчика",
            "кнопки виклику поліції",
            "контроль за безпритульними собаками",
        ],
        uk_problems: &[
            "у дворі обкрадають машини",
            "ввечері збираються п'яні компанії",
            "зграї собак нападають на перехожих",
            "діти лазять по покинутому будівництву",
            "поліція їде годину",
        ],
        uk_actions: &["Встановити", "Посилити", "Організувати", "Огородити"],
        en_objects: &[
            "CCTV cameras",
            "police patrols",
            "a fence around the building site",
            "emergency call buttons",
            "stray dog control",
        ],
        en_problems: &[
            "cars get broken into at night",
            "drunk groups gather in the evening",
            "stray dogs attack passers-by",
            "the police take an hour to come",
        ],
        en_actions: &["Install", "Increase", "Organise", "Fence"],
    },
    Theme {
        uk_objects: &[
            "будинок культури",
            "міську бібліотеку",
            "музей історії міста",
            "фестиваль вуличної музики",
            "кінопоказ просто неба",
            "сцену для концертів",
            "мурал",
        ],
        uk_problems: &[
            "концертів у місті майже немає",
            "у бібліотеці лише старі книжки",
            "у будинку культури протікає дах",
            "молоді нікуди піти ввечері",
            "музей закритий на ремонт",
        ],
        uk_actions: &["Відремонтувати", "Провести", "Створити", "Відкрити"],
        en_objects: &[
            "the house of culture",
            "the city library",
            "a town museum",
            "a street music festival",
            "an open air cinema",
            "a concert stage",
        ],
        en_problems: &[
            "there are hardly any concerts in town",
            "the library has only old books",
            "the roof of the culture house leaks",
            "young people have nowhere to go",
        ],
        en_actions: &["Repair", "Hold", "Create", "Open"],
    },
];

const UK_STREETS: [&str; 12] = [
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
    "Калиновій",
    "Пам'яті Героїв",
];
const UK_PLACES: [&str; 6] = [
    "на вулиці {street}",
    "біля будинку {n} на вулиці {street}",
    "у мікрорайоні {district}",
    "біля школи № {n}",
    "у дворі на {street}",
    "поруч із ринком",
];
const DISTRICTS: [&str; 6] = ["Центр", "Лісовий", "Озерний", "Залізничний", "Підгір'я", "Сонячний"];
const EN_PLACES: [&str; 4] = [
    "on {street} Street",
    "near building {n}",
    "in the {district} district",
    "near school number {n}",
];
const UK_BENEFITS: [&str; 6] = [
    "Це допоможе літнім людям і сім'ям з дітьми.",
    "Так район стане безпечнішим і затишнішим.",
    "Тут щодня проходять сотні людей.",
    "Подібне вже зробили в сусідній громаді.",
    "Мешканці {n} квартир уже підписали звернення.",
    "Орієнтовна вартість — {n} тисяч гривень.",
];
const EN_BENEFITS: [&str; 4] = [
    "It would help families with small children.",
    "Hundreds of people pass here every day.",
    "A neighbouring town did the same.",
    "Residents of {n} flats have signed a letter.",
];
const UK_FILLER: [&str; 8] = [
    "Повністю підтримую, давно пора!",
    "Підписуюся під кожним словом.",
    "Дякую за ідею!",
    "Згоден.",
    "Чудова ідея, але потрібен кошторис.",
    "Варто обговорити це на зборах.",
    "Це зайві витрати.",
    "Коли вже буде результат?",
];
const EN_FILLER: [&str; 5] = [
    "Fully agree, long overdue.",
    "Great idea!",
    "This is a waste of money.",
    "Let's discuss it at the meeting.",
    "When will this happen?",
];
const UK_COMMENT: [&str; 5] = [
    "У нас теж {object}: {problem}.",
    "{problem}, я бачу це щодня.",
    "А хто потім обслуговуватиме {object}?",
    "Треба спершу подумати про {object}, бо {problem}.",
    "Підтримую, {problem}.",
];
const EN_COMMENT: [&str; 4] = [
    "Same here: {problem}.",
    "Who will maintain {object} afterwards?",
    "I see it every day, {problem}.",
    "Yes, {problem}.",
];

fn pick<'a>(rng: &mut StdRng, list: &[&'a str]) -> &'a str {
    list[rng.random_range(0..list.len())]
}

fn fill(rng: &mut StdRng, template: &str, english: bool) -> String {
    let mut s = template.replace("{n}", &rng.random_range(2..120).to_string());
    if s.contains("{street}") {
        let street = if english { "Shevchenko" } else { pick(rng, &UK_STREETS) };
        s = s.replace("{street}", street);
    }
    if s.contains("{district}") {
        s = s.replace("{district}", pick(rng, &DISTRICTS));
    }
    s
}

/// A template from `list` with its slots filled.
fn pick_filled(rng: &mut StdRng, list: &[&str], english: bool) -> String {
    let template = pick(rng, list);
    fill(rng, template, english)
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// An idea on a random theme: (theme, title, body).
pub fn idea(rng: &mut StdRng) -> (usize, String, String) {
    let theme = rng.random_range(0..THEMES.len());
    let p = &POOLS[theme];
    if rng.random_ratio(1, 4) {
        let (action, object) = (pick(rng, p.en_actions), pick(rng, p.en_objects));
        let place = pick_filled(rng, &EN_PLACES, true);
        let title = format!("{action} {object} {place}");
        let body = format!(
            "Right now {}. I propose to {} {object}. {}",
            pick(rng, p.en_problems),
            action.to_lowercase(),
            pick_filled(rng, &EN_BENEFITS, true)
        );
        return (theme, title, body);
    }
    let (action, object) = (pick(rng, p.uk_actions), pick(rng, p.uk_objects));
    let place = pick_filled(rng, &UK_PLACES, false);
    let title = format!("{action} {object} {place}");
    let mut body = format!(
        "Зараз {place} {}. Пропоную {} {object}.",
        pick(rng, p.uk_problems),
        lower_first(action)
    );
    for _ in 0..rng.random_range(1..3) {
        body.push(' ');
        body.push_str(&pick_filled(rng, &UK_BENEFITS, false));
    }
    (theme, title, body)
}

/// A comment on an idea of `theme`: (Some(theme), text) when it is about the
/// matter, (None, text) for filler.
pub fn comment(rng: &mut StdRng, theme: usize) -> (Option<usize>, String) {
    let english = rng.random_ratio(1, 5);
    if rng.random_ratio(1, 3) {
        let text = if english {
            pick(rng, &EN_FILLER)
        } else {
            pick(rng, &UK_FILLER)
        };
        return (None, text.to_string());
    }
    let p = &POOLS[theme];
    let (template, object, problem) = if english {
        (
            pick(rng, &EN_COMMENT),
            pick(rng, p.en_objects),
            pick(rng, p.en_problems),
        )
    } else {
        (
            pick(rng, &UK_COMMENT),
            pick(rng, p.uk_objects),
            pick(rng, p.uk_problems),
        )
    };
    let text = template.replace("{object}", object).replace("{problem}", problem);
    let mut c = text.chars();
    let text: String = c
        .next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default();
    (Some(theme), text)
}
