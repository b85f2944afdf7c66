//! The demonstration's people: the manager, Clinical Coding Specialists,
//! coders and trainees, their names, posts, start dates and managers.

use crate::store::db::Connection;
use chrono::NaiveDate;

use super::clock::{days, days_back};
use super::rng::Rng;
use crate::cycle::Cycle;
use crate::staff::{self, StaffInput};
use crate::Result;

pub(super) const FORENAMES: &[&str] = &[
    "Aisha",
    "Amelia",
    "Aoife",
    "Bethan",
    "Callum",
    "Chloé",
    "Dafydd",
    "Deepa",
    "Eilidh",
    "Emeka",
    "Fatima",
    "Ffion",
    "Gráinne",
    "Hamish",
    "Imran",
    "Joanne",
    "Kwame",
    "Liam",
    "Mairéad",
    "Mohammed",
    "Niamh",
    "Oluwaseun",
    "Priya",
    "Rhys",
    "Rónán",
    "Sarah",
    "Seán",
    "Tomasz",
    "Renée",
    "Yusuf",
    "Mei",
    "Gareth",
    "Agnieszka",
    "Hannah",
    "Elin",
    "Declan",
    "Noémie",
    "Owain",
    "Saoirse",
    "Kieran",
];

pub(super) const SURNAMES: &[&str] = &[
    "Ahmed",
    "Begum",
    "Campbell",
    "Davies",
    "Evans",
    "Fitzgerald",
    "Ó Súilleabháin",
    "Ní Bhriain",
    "Hughes",
    "Jones",
    "Khan",
    "Lewis",
    "MacLeod",
    "McAllister",
    "Nowak",
    "O'Connor",
    "Okafor",
    "Patel",
    "Price",
    "Rees",
    "Roberts",
    "Singh",
    "Thomas",
    "Walsh",
    "Williams",
    "Wright",
    "Brontë",
    "Lefèvre",
    "Adeyemi",
    "Chen",
    "Gruffydd",
    "Ó Ceallaigh",
    "Mac Giolla",
    "Pritchard",
    "Ellis",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Post {
    Trainee,
    Coder,
    Specialist,
    Manager,
}

impl Post {
    fn band(self) -> &'static str {
        match self {
            Post::Manager => "7",
            Post::Specialist => "5",
            Post::Coder => "4",
            Post::Trainee => "3",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Post::Manager => "Clinical coding manager",
            Post::Specialist => "Clinical Coding Specialist",
            Post::Coder => "Clinical coder",
            Post::Trainee => "Trainee clinical coder",
        }
    }
}

pub(super) struct Person {
    pub(super) number: String,
    pub(super) name: String,
    pub(super) post: Post,
    pub(super) appointed: NaiveDate,
    pub(super) manager: Option<String>,
    /// The coder whose appraisal is left in progress.
    pub(super) in_progress: bool,
    /// The coder whose first appraisal is re-opened and signed again.
    pub(super) reopened: bool,
    /// The trainee whose objective-setting meeting was late.
    pub(super) late_start: bool,
}

/// The manager, then specialists, coders and trainees, each reporting to
/// a specialist (specialists to the manager). Zoë, Siân, Ciarán and
/// Łukasz Wiśniewski are always there; the other names come from the
/// seed.
pub(super) fn make_staff(
    conn: &mut Connection,
    rng: &mut Rng,
    today: NaiveDate,
    total: u32,
    first: &Cycle,
) -> Result<Vec<Person>> {
    let specialists = (total / 5).max(1);
    let trainees = (total / 4).max(1);
    let coders = total - 1 - specialists - trainees;
    let mut posts = vec![Post::Manager];
    posts.extend(std::iter::repeat_n(Post::Specialist, specialists as usize));
    posts.extend(std::iter::repeat_n(Post::Coder, coders as usize));
    posts.extend(std::iter::repeat_n(Post::Trainee, trainees as usize));

    let mut used: Vec<(String, String)> = Vec::new();
    let mut people: Vec<Person> = Vec::new();
    let mut n_specialist = 0u64;
    let mut n_coder = 0u64;
    let mut n_trainee = 0u64;
    for post in posts {
        let fixed = match post {
            Post::Specialist if n_specialist == 0 => Some(("Siân", None)),
            Post::Coder if n_coder == 0 => Some(("Zoë", None)),
            Post::Coder if n_coder == 1 => Some(("Ciarán", None)),
            Post::Trainee if n_trainee == 0 => Some(("Łukasz", Some("Wiśniewski"))),
            _ => None,
        };
        let (forename, surname) = loop {
            let forename = fixed.map(|f| f.0).unwrap_or_else(|| *rng.pick(FORENAMES));
            let surname = fixed.and_then(|f| f.1).unwrap_or_else(|| *rng.pick(SURNAMES));
            let pair = (forename.to_owned(), surname.to_owned());
            // Different forenames while the list lasts, so people are
            // told apart at a glance; different full names always.
            let forename_free = used.len() >= FORENAMES.len() / 2 || !used.iter().any(|u| u.0 == pair.0);
            if !used.contains(&pair) && forename_free {
                break pair;
            }
        };
        used.push((forename.clone(), surname.clone()));
        let history_start = first.start;
        let (appointed, acc) = match post {
            Post::Manager => {
                let a = days_back(history_start, 365 * 9 + rng.range(0, 300));
                (a, Some(days_back(a, 365 * 6)))
            }
            Post::Specialist => {
                let a = days_back(history_start, 365 * (3 + n_specialist) + rng.range(30, 300));
                (a, Some(days_back(a, 365 * 2 + rng.range(0, 200))))
            }
            Post::Coder => {
                let a = days_back(history_start, 365 * rng.range(1, 6) + rng.range(0, 300));
                (a, Some(days(a, 610 + rng.range(0, 120))))
            }
            Post::Trainee => {
                // A new starter, one whose first meeting was late, one near
                // the NCCQ deadline, one past it, then a spread.
                const AGO: [u64; 8] = [21, 150, 660, 820, 330, 510, 240, 420];
                let a = days_back(today, AGO[(n_trainee % 8) as usize] + rng.range(0, 10));
                (a, None)
            }
        };
        let manager = match post {
            Post::Manager => None,
            Post::Specialist => Some(people[0].number.clone()),
            Post::Coder | Post::Trainee => {
                // Round the specialists: coders and trainees alike.
                let k = (n_coder + n_trainee) % u64::from(specialists);
                Some(people[1 + k as usize].number.clone())
            }
        };
        let input = StaffInput {
            forename: forename.clone(),
            surname: surname.clone(),
            band: post.band().to_owned(),
            job_title: post.title().to_owned(),
            appointed: appointed.to_string(),
            manager: manager.clone().unwrap_or_default(),
            acc_date: acc.filter(|d| *d <= today).map(|d| d.to_string()).unwrap_or_default(),
            ..Default::default()
        };
        let added = staff::add(conn, &input, today)?;
        people.push(Person {
            number: added.staff_number.clone(),
            name: added.full_name(),
            post,
            appointed,
            manager,
            in_progress: post == Post::Coder && n_coder == 0,
            reopened: post == Post::Coder && n_coder == 1,
            late_start: post == Post::Trainee && n_trainee == 1,
        });
        match post {
            Post::Specialist => n_specialist += 1,
            Post::Coder => n_coder += 1,
            Post::Trainee => n_trainee += 1,
            Post::Manager => {}
        }
    }
    Ok(people)
}
