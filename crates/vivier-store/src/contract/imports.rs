//! The contract of the import part of [`Store`].

use vivier_domain::offer::{OfferState, Source};

use super::{full_offer, organisation};
use crate::Store;
use crate::import::{ImportCounts, ImportWrite, NewImportRun, RunOutcome, RunStatus};

/// Created, updated and closed offers are tracked with their hash; an edit made in Vivier after
/// the import shows as `edited`.
pub async fn import_writes_are_tracked_and_hand_edits_detected(store: &dyn Store) {
    let org = organisation(store, "dinum", None).await;
    let first = full_offer(store, org.id, "premiere").await;
    let second = full_offer(store, org.id, "seconde").await;
    let created = store
        .apply_import(&[
            ImportWrite::Create {
                data: Box::new(first.clone()),
                hash: "h1".into(),
            },
            ImportWrite::Create {
                data: Box::new(second.clone()),
                hash: "h2".into(),
            },
        ])
        .await
        .expect("created");
    assert_eq!(created.len(), 2);
    let mut imported = store.imported_offers(Source::Csp).await.expect("read");
    imported.sort_by_key(|o| o.id);
    assert_eq!(imported.len(), 2);
    assert_eq!(imported[0].id, created[0]);
    assert_eq!(imported[0].reference, "2026-premiere");
    assert_eq!(imported[0].slug.as_str(), "premiere");
    assert_eq!(imported[0].content_hash.as_deref(), Some("h1"));
    assert!(!imported[0].edited && !imported[1].edited);
    assert!(
        store
            .imported_offers(Source::Pep)
            .await
            .expect("read")
            .is_empty()
    );

    let mut changed = first.clone();
    changed.title = "Nouvel intitulé".into();
    store
        .apply_import(&[
            ImportWrite::Update {
                id: created[0],
                data: Box::new(changed),
                hash: "h1b".into(),
            },
            ImportWrite::SetState {
                id: created[1],
                state: OfferState::Cloturee,
            },
        ])
        .await
        .expect("updated");
    let offer = store.offer(created[0]).await.expect("read").expect("found");
    assert_eq!(offer.data.title, "Nouvel intitulé");
    let closed = store.offer(created[1]).await.expect("read").expect("found");
    assert_eq!(closed.data.state, OfferState::Cloturee);
    let imported = store.imported_offers(Source::Csp).await.expect("read");
    let of = |id| {
        imported
            .iter()
            .find(|o| o.id == id)
            .expect("listed")
            .clone()
    };
    assert_eq!(of(created[0]).content_hash.as_deref(), Some("h1b"));
    assert_eq!(
        of(created[1]).content_hash.as_deref(),
        Some("h2"),
        "kept on a state change"
    );
    assert_eq!(of(created[1]).state, OfferState::Cloturee);
    assert!(!of(created[0]).edited && !of(created[1]).edited);

    // A recruiter edits the first offer in Vivier.
    let mut edited = offer.data.clone();
    edited.title = "Retouché à la main".into();
    store.update_offer(created[0], &edited).await.expect("edit");
    let imported = store.imported_offers(Source::Csp).await.expect("read");
    assert!(
        imported
            .iter()
            .find(|o| o.id == created[0])
            .expect("listed")
            .edited
    );
    assert!(
        !imported
            .iter()
            .find(|o| o.id == created[1])
            .expect("listed")
            .edited
    );
}

/// An offer of the source that no import wrote (made in Vivier with a reference) is listed as
/// edited, so that an import never overwrites it.
pub async fn offers_with_a_reference_but_never_imported_count_as_edited(store: &dyn Store) {
    let org = organisation(store, "dinum", None).await;
    let data = full_offer(store, org.id, "manuelle").await;
    let offer = store.create_offer(&data).await.expect("created");
    let imported = store.imported_offers(Source::Csp).await.expect("read");
    assert_eq!(imported.len(), 1);
    assert_eq!(imported[0].id, offer.id);
    assert_eq!(imported[0].content_hash, None);
    assert!(imported[0].edited);
}

/// A batch that fails part-way leaves nothing of itself behind.
pub async fn an_import_batch_is_all_or_nothing(store: &dyn Store) {
    let org = organisation(store, "dinum", None).await;
    let data = full_offer(store, org.id, "lot").await;
    let before = store.count_offers().await.expect("count");
    let error = store
        .apply_import(&[
            ImportWrite::Create {
                data: Box::new(data),
                hash: "h".into(),
            },
            ImportWrite::SetState {
                id: vivier_domain::OfferId(999_999),
                state: OfferState::Cloturee,
            },
        ])
        .await
        .expect_err("missing offer");
    assert!(matches!(error, crate::StoreError::NotFound(_)), "{error:?}");
    assert_eq!(store.count_offers().await.expect("count"), before);
    assert!(
        store
            .imported_offers(Source::Csp)
            .await
            .expect("read")
            .is_empty()
    );
}

/// Runs are recorded when they start and when they end, most recent first.
pub async fn import_runs_are_recorded(store: &dyn Store) {
    let run = |file: &str| NewImportRun {
        source: Source::Csp,
        file_name: file.into(),
        checksum: "ab".repeat(32),
        all_offers: false,
    };
    let first = store
        .start_import_run(&run("a.csv"))
        .await
        .expect("started");
    let second = store
        .start_import_run(&run("b.csv"))
        .await
        .expect("started");
    let outcome = RunOutcome {
        status: RunStatus::Completed,
        counts: ImportCounts {
            read: 10,
            kept: 4,
            created: 2,
            updated: 1,
            unchanged: 1,
            closed: 3,
            reopened: 1,
            conflicts: 1,
            rejected: 2,
        },
        report: "ligne;référence;motif\n3;2026-1;date illisible\n".into(),
        error: None,
    };
    store
        .finish_import_run(first, &outcome)
        .await
        .expect("finished");
    let runs = store.import_runs(10).await.expect("runs");
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[0].id, second);
    assert_eq!(runs[0].outcome.status, RunStatus::Running);
    assert_eq!(runs[0].finished_at, None);
    assert_eq!(runs[1].id, first);
    assert_eq!(runs[1].run, run("a.csv"));
    assert_eq!(runs[1].outcome, outcome);
    assert!(
        runs[1]
            .finished_at
            .is_some_and(|end| end >= runs[1].started_at)
    );
    assert_eq!(store.import_runs(1).await.expect("runs").len(), 1);
}
