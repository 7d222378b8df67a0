//! The shape of the offer templates: per job family, title patterns with their technical
//! variants, and pools of sentences for each section.

use vivier_domain::offer::Seniority;

/// Everything needed to write offers of one job family.
#[derive(Debug)]
pub(crate) struct Family {
    /// Slug of the job family in [`crate::job_families`] (checked by a test).
    pub slug: &'static str,
    /// Relative frequency among generated offers.
    pub weight: u32,
    /// Whether international volunteers (VIA) are recruited in this family.
    pub abroad: bool,
    pub titles: &'static [Title],
    /// Further "Votre mission" sentences, each starting with "Vous", that fit every title of
    /// the family.
    pub missions: &'static [&'static str],
    /// Sentences on the product or the situation of the team.
    pub contexts: &'static [&'static str],
    /// Activity list items (no leading "- ", no final period).
    pub activities: &'static [&'static str],
    /// Skill list items for the profile (no leading "- ", no final period).
    pub skills: &'static [&'static str],
    /// Sentences on the team; `{n}` is replaced by a head count.
    pub teams: &'static [&'static str],
    /// Slugs of the domains these jobs often touch.
    pub domains: &'static [&'static str],
}

/// A title pattern: `{}` is replaced by the variant's label; without `{}`, variants only
/// change the technical environment.
#[derive(Debug)]
pub(crate) struct Title {
    pub pattern: &'static str,
    /// The main "Votre mission" sentence for this job, starting with "Vous".
    pub mission: &'static str,
    pub level: Level,
    pub tier: Tier,
    pub variants: &'static [Variant],
    /// Activities specific to this title, used instead of the family's when not empty (for
    /// families that group rather different jobs).
    pub activities: &'static [&'static str],
    /// Skills specific to this title, used instead of the family's when not empty.
    pub skills: &'static [&'static str],
}

impl Title {
    /// The same title with its own activities and skills (empty: the family's).
    pub(crate) const fn with(
        self,
        activities: &'static [&'static str],
        skills: &'static [&'static str],
    ) -> Title {
        Title {
            activities,
            skills,
            ..self
        }
    }

    /// Activities to pick from.
    pub fn activities(&self, family: &Family) -> &'static [&'static str] {
        if self.activities.is_empty() {
            family.activities
        } else {
            self.activities
        }
    }

    /// Skills to pick from.
    pub fn skills(&self, family: &Family) -> &'static [&'static str] {
        if self.skills.is_empty() {
            family.skills
        } else {
            self.skills
        }
    }

    /// Whether the family's generic sentences fit this title (it has no lists of its own).
    pub fn fits_family(&self) -> bool {
        self.activities.is_empty() && self.skills.is_empty()
    }
}

/// A technical or thematic variant of a title.
#[derive(Debug)]
pub(crate) struct Variant {
    pub label: &'static str,
    /// Technical environment or tools, as a phrase ("Java 21, Spring Boot, PostgreSQL").
    pub stack: &'static str,
    /// Slug of a domain this variant implies, if any.
    pub domain: Option<&'static str>,
}

/// Which experience a title fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    /// Any experience.
    Any,
    /// Confirmed or expert only (leads, architects, heads of service).
    Senior,
}

impl Level {
    /// Whether a beginner (or an intern, an apprentice) can hold this job.
    pub fn allows_beginners(self) -> bool {
        self == Level::Any
    }

    /// The seniorities this level allows, with their relative weights.
    pub fn seniorities(self) -> &'static [(Option<Seniority>, u32)] {
        match self {
            Level::Any => &[
                (Some(Seniority::Debutant), 16),
                (Some(Seniority::Confirme), 52),
                (Some(Seniority::Expert), 18),
                (None, 14),
            ],
            Level::Senior => &[
                (Some(Seniority::Confirme), 40),
                (Some(Seniority::Expert), 52),
                (None, 8),
            ],
        }
    }
}

/// Which civil-service category the job usually belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tier {
    /// Engineers and managers: category A almost always.
    Engineer,
    /// Technicians: mostly category B, some C, a few A.
    Technician,
}

/// A title.
pub(crate) const fn title(
    pattern: &'static str,
    mission: &'static str,
    level: Level,
    tier: Tier,
    variants: &'static [Variant],
) -> Title {
    Title {
        pattern,
        mission,
        level,
        tier,
        variants,
        activities: &[],
        skills: &[],
    }
}

/// A variant without a domain.
pub(crate) const fn v(label: &'static str, stack: &'static str) -> Variant {
    Variant {
        label,
        stack,
        domain: None,
    }
}

/// A variant implying a domain.
pub(crate) const fn vd(label: &'static str, stack: &'static str, domain: &'static str) -> Variant {
    Variant {
        label,
        stack,
        domain: Some(domain),
    }
}
