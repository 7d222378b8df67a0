//! Candidates and their applications: the profile recruiters read, the stages an application
//! goes through, and the reasons of a refusal.

use time::Date;
use url::Url;

use crate::codes::coded_enum;
use crate::geo::RegionCode;
use crate::offer::ContractType;
use crate::{DomainId, JobFamilyId, OfferId, OrganisationId, UserId};

/// The longest motivation text of an application, in characters.
pub const MOTIVATION_MAX: usize = 4_000;
/// The shortest motivation text of an application to an offer, in characters.
pub const MOTIVATION_MIN: usize = 30;
/// The longest note of a recruiter, in characters.
pub const NOTE_MAX: usize = 4_000;
/// The longest free text of a refusal, in characters.
pub const REFUSAL_COMMENT_MAX: usize = 1_000;

/// What a candidate tells recruiters about themselves. Their name and e-mail address are the
/// account's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    pub phone: Option<String>,
    pub region: Option<RegionCode>,
    pub current_job: String,
    pub experience_years: Option<u8>,
    /// Sorted, without duplicates.
    pub contracts: Vec<ContractType>,
    /// Sorted, without duplicates.
    pub families: Vec<JobFamilyId>,
    /// Sorted, without duplicates.
    pub domains: Vec<DomainId>,
    pub linkedin: Option<Url>,
    pub github: Option<Url>,
    pub portfolio: Option<Url>,
    pub available_from: Option<Date>,
    /// Organisations that must not see the profile in the talent pool (nor anything under them).
    /// Sorted, without duplicates.
    pub hidden_from: Vec<OrganisationId>,
}

impl Profile {
    /// Whether the candidate gave anything beyond the account's name and address.
    pub fn is_blank(&self) -> bool {
        *self == Self::default()
    }
}

coded_enum! {
    /// Where an application stands. Refused and withdrawn are final; so is hired.
    pub enum ApplicationStatus {
        /// Received, not yet read.
        New => ("nouvelle", "Nouvelle"),
        /// A recruiter is reading it.
        Reviewing => ("examen", "En cours d’examen"),
        /// The candidate is invited to an interview.
        Interview => ("entretien", "Entretien"),
        /// The organisation offers the job.
        Offer => ("proposition", "Proposition"),
        /// The candidate was hired.
        Hired => ("recrutee", "Recruté·e"),
        /// The organisation said no, with reasons.
        Refused => ("refusee", "Refusée"),
        /// The candidate took it back.
        Withdrawn => ("retiree", "Retirée"),
    }
}

impl ApplicationStatus {
    /// The stages of the pipeline, in order, refusal and withdrawal aside.
    pub const PIPELINE: &'static [Self] = &[
        Self::New,
        Self::Reviewing,
        Self::Interview,
        Self::Offer,
        Self::Hired,
    ];

    /// Whether nothing can happen to the application any more.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Hired | Self::Refused | Self::Withdrawn)
    }

    /// Whether a recruiter may move an application from `self` to `to`: forward or back along
    /// the pipeline (a stage may be skipped or undone), or to a refusal, while it is not final.
    pub fn recruiter_may_move_to(self, to: Self) -> bool {
        !self.is_final() && to != self && to != Self::Withdrawn && to != Self::New
    }

    /// Whether the candidate may withdraw an application in this state.
    pub fn may_withdraw(self) -> bool {
        !self.is_final()
    }

    /// Whether the candidate is told by e-mail when their application reaches this state.
    pub fn tells_candidate(self) -> bool {
        matches!(
            self,
            Self::Interview | Self::Offer | Self::Hired | Self::Refused
        )
    }
}

coded_enum! {
    /// Why an application was refused; the candidate reads these.
    pub enum RefusalReason {
        Profile => ("profil", "Le profil ne correspond pas aux compétences attendues"),
        Experience => ("experience", "L’expérience ne correspond pas au niveau attendu"),
        Filled => ("pourvu", "Le poste a été pourvu"),
        Cancelled => ("annule", "Le recrutement est annulé ou reporté"),
        Status => ("statut", "Le statut ou le contrat demandé ne peut pas être proposé"),
        Incomplete => ("incomplete", "La candidature est incomplète"),
        Other => ("autre", "Autre raison (précisée ci-dessous)"),
    }
}

coded_enum! {
    /// How often a saved search's alert is sent.
    pub enum AlertFrequency {
        Daily => ("quotidienne", "Chaque jour"),
        Weekly => ("hebdomadaire", "Chaque semaine"),
        Never => ("aucune", "Pas d’alerte"),
    }
}

impl AlertFrequency {
    /// Seconds between two alerts; `None` when no alert is sent.
    pub fn period_seconds(self) -> Option<i64> {
        match self {
            Self::Daily => Some(86_400),
            Self::Weekly => Some(7 * 86_400),
            Self::Never => None,
        }
    }
}

/// Where an application goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// An offer published on Vivier.
    Offer(OfferId),
    /// A spontaneous application to one organisation.
    Organisation(OrganisationId),
    /// A spontaneous application to the State as a whole: every recruiter may read it.
    State,
}

/// A change of status as it is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    pub to: ApplicationStatus,
    /// Only for [`ApplicationStatus::Refused`]: at least one.
    pub reasons: Vec<RefusalReason>,
    /// Only for [`ApplicationStatus::Refused`].
    pub comment: String,
}

/// Who may see a candidate in the talent pool: nobody from an organisation they hid from, nor
/// from anything under it (`is_within(org, hidden)` answers the tree).
pub fn visible_to(
    hidden_from: &[OrganisationId],
    viewer: OrganisationId,
    is_within: impl Fn(OrganisationId, OrganisationId) -> bool,
) -> bool {
    !hidden_from
        .iter()
        .any(|&hidden| viewer == hidden || is_within(viewer, hidden))
}

/// The candidate account an application belongs to, as recruiters name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateRef {
    pub user: UserId,
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn final_states_are_final() {
        for &from in ApplicationStatus::ALL {
            for &to in ApplicationStatus::ALL {
                if from.is_final() {
                    assert!(!from.recruiter_may_move_to(to), "{from:?} → {to:?}");
                }
            }
            assert!(!from.recruiter_may_move_to(from));
            assert!(!from.recruiter_may_move_to(ApplicationStatus::Withdrawn));
        }
        assert!(ApplicationStatus::New.recruiter_may_move_to(ApplicationStatus::Interview));
        assert!(ApplicationStatus::Interview.recruiter_may_move_to(ApplicationStatus::Reviewing));
        assert!(ApplicationStatus::Offer.recruiter_may_move_to(ApplicationStatus::Refused));
        assert!(!ApplicationStatus::Hired.may_withdraw());
        assert!(ApplicationStatus::Interview.may_withdraw());
    }

    #[test]
    fn hiding_covers_the_subtree() {
        let parent = OrganisationId(1);
        let child = OrganisationId(2);
        let other = OrganisationId(3);
        let within =
            |org: OrganisationId, ancestor: OrganisationId| org == child && ancestor == parent;
        assert!(!visible_to(&[parent], parent, within));
        assert!(!visible_to(&[parent], child, within));
        assert!(visible_to(&[parent], other, within));
        assert!(visible_to(&[child], parent, within));
    }
}
