//! The export of a candidate's data: one zip archive with `donnees.json` and their CV files.
//!
//! `donnees.json` is [`Export`], pretty-printed. Its field names are stable (a format version
//! is in `format`) and documented on each field below and in `docs/donnees-personnelles.md`;
//! codes are Vivier's stable codes, with their French labels beside them. Times are RFC 3339 in
//! UTC, dates are calendar dates. What recruiters write about a candidate (their notes) is not
//! the candidate's data and never appears.

use std::io::Write;

use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use vivier_domain::candidate::{ApplicationStatus, Target};
use vivier_store::accounts::UnixTime;
use vivier_store::candidates::{Application, ApplicationEvent, CandidateData, Cv};

use crate::AppState;
use crate::catalog::Board;
use crate::error::PageError;

/// The value of [`Export::format`].
pub const FORMAT: &str = "vivier-donnees-candidat/1";

/// A stable code with its French label.
#[derive(Debug, Serialize)]
pub struct Coded {
    pub code: String,
    pub label: String,
}

fn coded(code: &str, label: &str) -> Coded {
    Coded {
        code: code.to_owned(),
        label: label.to_owned(),
    }
}

/// Everything Vivier holds about a candidate.
#[derive(Debug, Serialize)]
pub struct Export {
    /// [`FORMAT`]: the version of these field names.
    pub format: &'static str,
    /// When the archive was made.
    pub exported_at: String,
    pub account: Account,
    pub profile: ProfileExport,
    pub talent_pool: Pool,
    /// Every CV kept, with where its file is in the archive.
    pub cvs: Vec<CvExport>,
    /// Every application, oldest first, with its history.
    pub applications: Vec<ApplicationExport>,
    pub saved_searches: Vec<SearchExport>,
}

/// The account.
#[derive(Debug, Serialize)]
pub struct Account {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub email_verified: bool,
    /// Whether a password is set (its hash is never exported).
    pub has_password: bool,
    pub created_at: String,
    /// Identity providers (FranceConnect…) linked to the account: issuer and the provider's
    /// identifier of the person.
    pub identities: Vec<IdentityExport>,
}

/// A linked identity.
#[derive(Debug, Serialize)]
pub struct IdentityExport {
    pub issuer: String,
    pub subject: String,
}

/// What recruiters read of the candidate.
#[derive(Debug, Serialize)]
pub struct ProfileExport {
    pub phone: Option<String>,
    pub region: Option<Coded>,
    pub current_job: String,
    pub experience_years: Option<u8>,
    pub contracts: Vec<Coded>,
    pub job_families: Vec<Coded>,
    pub domains: Vec<Coded>,
    pub linkedin: Option<String>,
    pub github: Option<String>,
    pub portfolio: Option<String>,
    /// A calendar date, `YYYY-MM-DD`.
    pub available_from: Option<String>,
    /// Organisations that must not see the profile in the pool: id and name.
    pub hidden_from: Vec<Coded>,
    /// The id of the CV the profile offers, in [`Export::cvs`].
    pub cv_id: Option<i64>,
}

/// The talent pool.
#[derive(Debug, Serialize)]
pub struct Pool {
    pub member: bool,
    pub since: Option<String>,
    /// The last sign-in, profile change or application.
    pub last_active_at: String,
    /// When the candidate leaves the pool without new activity.
    pub ends_at: Option<String>,
    /// When the candidate was told the entry ends soon.
    pub warned_at: Option<String>,
}

/// A CV.
#[derive(Debug, Serialize)]
pub struct CvExport {
    pub id: i64,
    pub filename: String,
    pub bytes: i64,
    pub pages: i64,
    pub uploaded_at: String,
    /// Its path in the archive; `None` when the file could not be read.
    pub file: Option<String>,
}

/// An application.
#[derive(Debug, Serialize)]
pub struct ApplicationExport {
    pub id: i64,
    /// `offre`, `organisation` (spontaneous, to one) or `etat` (spontaneous, to the State).
    pub target: &'static str,
    pub offer_id: Option<i64>,
    pub offer_title: Option<String>,
    /// The organisation it went to, when named: id and name.
    pub organisation: Option<Coded>,
    pub motivation: String,
    pub cv_id: Option<i64>,
    pub status: Coded,
    /// The reasons of a refusal.
    pub refusal_reasons: Vec<Coded>,
    /// What the recruiter wrote with a refusal, for the candidate.
    pub refusal_comment: String,
    pub created_at: String,
    pub updated_at: String,
    /// Every change of status, oldest first.
    pub history: Vec<EventExport>,
}

/// A change of an application's status.
#[derive(Debug, Serialize)]
pub struct EventExport {
    pub at: String,
    /// `candidat` (the candidate themselves) or `recruteur`.
    pub by: &'static str,
    pub from: Option<Coded>,
    pub to: Coded,
    pub refusal_reasons: Vec<Coded>,
    pub comment: String,
}

/// A saved search.
#[derive(Debug, Serialize)]
pub struct SearchExport {
    pub id: i64,
    pub label: String,
    /// The query string of `/offres-emploi`.
    pub query: String,
    pub alert_frequency: Coded,
    pub created_at: String,
    pub last_alert_at: String,
}

/// RFC 3339, UTC.
fn moment(unix: UnixTime) -> String {
    OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|at| at.format(&Rfc3339).ok())
        .unwrap_or_default()
}

fn cv_path(cv: &Cv) -> String {
    let name: String = cv
        .filename
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("cv/{}-{}", cv.id, name.trim_start_matches('.'))
}

fn organisation(board: &Board, id: vivier_domain::OrganisationId) -> Coded {
    Coded {
        code: id.0.to_string(),
        label: board
            .organisation(id)
            .map(|o| o.display_name())
            .unwrap_or_default(),
    }
}

fn application(
    board: &Board,
    (a, events): &(Application, Vec<ApplicationEvent>),
) -> ApplicationExport {
    let (target, offer_id) = match a.target {
        Target::Offer(offer) => ("offre", Some(offer.0)),
        Target::Organisation(_) => ("organisation", None),
        Target::State => ("etat", None),
    };
    let reasons = |reasons: &[vivier_domain::candidate::RefusalReason]| {
        reasons.iter().map(|r| coded(r.code(), r.label())).collect()
    };
    ApplicationExport {
        id: a.id,
        target,
        offer_id,
        offer_title: a.offer_title.clone(),
        organisation: a.organisation.map(|id| organisation(board, id)),
        motivation: a.motivation.clone(),
        cv_id: a.cv.as_ref().map(|cv| cv.id),
        status: coded(a.status.code(), a.status.label()),
        refusal_reasons: reasons(&a.reasons),
        refusal_comment: a.comment.clone(),
        created_at: moment(a.created_at),
        updated_at: moment(a.updated_at),
        history: events
            .iter()
            .map(|e| EventExport {
                at: moment(e.at),
                // The candidate sends and withdraws; every other move is a recruiter's.
                by: if matches!(e.to, ApplicationStatus::New | ApplicationStatus::Withdrawn) {
                    "candidat"
                } else {
                    "recruteur"
                },
                from: e.from.map(|s| coded(s.code(), s.label())),
                to: coded(e.to.code(), e.to.label()),
                refusal_reasons: reasons(&e.reasons),
                comment: e.comment.clone(),
            })
            .collect(),
    }
}

/// The export of `data`, the CV files read from the file store; gives the JSON document and the
/// files to put beside it (path, bytes).
pub async fn collect(
    state: &AppState,
    data: &CandidateData,
    now: UnixTime,
) -> Result<(Export, Vec<(String, Vec<u8>)>), PageError> {
    let board = state.catalog.board();
    let candidate = &data.candidate;
    let user = &candidate.user;
    let profile = &candidate.profile;
    let mut files = Vec::new();
    let mut cvs = Vec::new();
    for cv in &data.cvs {
        let key = crate::candidat::object_key(&cv.key)?;
        let path = match state.config.files.get(&key).await {
            Ok(Some(bytes)) => {
                let path = cv_path(cv);
                files.push((path.clone(), bytes.to_vec()));
                Some(path)
            }
            Ok(None) => {
                tracing::warn!(cv = cv.id, "CV file missing from the file store");
                None
            }
            Err(error) => return Err(PageError::Internal(format!("CV file: {error}"))),
        };
        cvs.push(CvExport {
            id: cv.id,
            filename: cv.filename.clone(),
            bytes: cv.bytes,
            pages: cv.pages,
            uploaded_at: moment(cv.uploaded_at),
            file: path,
        });
    }
    let named = |id: String, name: Option<String>| Coded {
        label: name.unwrap_or_default(),
        code: id,
    };
    let identities = state
        .store
        .identities_of(user.id)
        .await?
        .into_iter()
        .map(|identity| IdentityExport {
            issuer: identity.issuer,
            subject: identity.subject,
        })
        .collect();
    let export = Export {
        format: FORMAT,
        exported_at: moment(now),
        account: Account {
            id: user.id.0,
            name: user.display_name.clone(),
            email: user.email.as_str().to_owned(),
            email_verified: user.email_verified,
            has_password: user.password_hash.is_some(),
            created_at: user.created_at.format(&Rfc3339).unwrap_or_default(),
            identities,
        },
        profile: ProfileExport {
            phone: profile.phone.clone(),
            region: profile.region.as_ref().map(|code| {
                named(
                    code.to_string(),
                    board.geography().region(code).map(|r| r.name.clone()),
                )
            }),
            current_job: profile.current_job.clone(),
            experience_years: profile.experience_years,
            contracts: profile
                .contracts
                .iter()
                .map(|c| coded(c.code(), c.label()))
                .collect(),
            job_families: profile
                .families
                .iter()
                .map(|id| {
                    let family = board.job_families().iter().find(|f| f.id == *id);
                    named(
                        family.map_or_else(|| id.0.to_string(), |f| f.slug.to_string()),
                        family.map(|f| f.name.clone()),
                    )
                })
                .collect(),
            domains: profile
                .domains
                .iter()
                .map(|id| {
                    let domain = board.domains().iter().find(|d| d.id == *id);
                    named(
                        domain.map_or_else(|| id.0.to_string(), |d| d.slug.to_string()),
                        domain.map(|d| d.name.clone()),
                    )
                })
                .collect(),
            linkedin: profile.linkedin.as_ref().map(ToString::to_string),
            github: profile.github.as_ref().map(ToString::to_string),
            portfolio: profile.portfolio.as_ref().map(ToString::to_string),
            available_from: profile.available_from.map(crate::format::date_iso),
            hidden_from: profile
                .hidden_from
                .iter()
                .map(|&id| organisation(&board, id))
                .collect(),
            cv_id: candidate.cv.as_ref().map(|cv| cv.id),
        },
        talent_pool: Pool {
            member: candidate.pool_since.is_some(),
            since: candidate.pool_since.map(moment),
            last_active_at: moment(candidate.last_active_at),
            ends_at: candidate
                .pool_since
                .map(|_| moment(state.config.retention.pool_end(candidate.last_active_at))),
            warned_at: candidate.pool_warned_at.map(moment),
        },
        cvs,
        applications: data
            .applications
            .iter()
            .map(|a| application(&board, a))
            .collect(),
        saved_searches: data
            .saved_searches
            .iter()
            .map(|s| SearchExport {
                id: s.id,
                label: s.label.clone(),
                query: s.query.clone(),
                alert_frequency: coded(s.frequency.code(), s.frequency.label()),
                created_at: moment(s.created_at),
                last_alert_at: moment(s.last_sent_at),
            })
            .collect(),
    };
    Ok((export, files))
}

/// The archive: `donnees.json` then the files, deflated.
pub fn archive(export: &Export, files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, PageError> {
    let failed = |e: &dyn std::fmt::Display| PageError::Internal(format!("export archive: {e}"));
    let json = serde_json::to_vec_pretty(export).map_err(|e| failed(&e))?;
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("donnees.json", options)
        .map_err(|e| failed(&e))?;
    zip.write_all(&json).map_err(|e| failed(&e))?;
    for (path, bytes) in files {
        zip.start_file(path.as_str(), options)
            .map_err(|e| failed(&e))?;
        zip.write_all(bytes).map_err(|e| failed(&e))?;
    }
    Ok(zip.finish().map_err(|e| failed(&e))?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cv_paths_stay_in_their_folder() {
        let cv = |filename: &str| Cv {
            id: 7,
            user: vivier_domain::UserId(1),
            key: "cv/x".into(),
            filename: filename.into(),
            bytes: 1,
            pages: 1,
            uploaded_at: 0,
        };
        assert_eq!(cv_path(&cv("CV Camille.pdf")), "cv/7-CV Camille.pdf");
        assert_eq!(cv_path(&cv("../../etc/passwd")), "cv/7-_.._etc_passwd");
        assert_eq!(cv_path(&cv("a\\b:c.pdf")), "cv/7-a_b_c.pdf");
    }
}
