//! The contract on offers and on the change feed.

use vivier_domain::offer::{
    ApplyMethod, ContractType, Location, Offer, OfferData, OfferSections, OfferState, Remote,
    Source,
};
use vivier_domain::{Email, OfferId, OrganisationId};

use super::{full_offer, organisation, slug};
use crate::{Change, ChangedEntity, Store, StoreError};

/// Every field of an offer reads back as written.
pub async fn offer_round_trips_every_field(store: &dyn Store) {
    let org = organisation(store, "dinum", None).await;
    let data = full_offer(store, org.id, "developpeur-rust").await;
    let created = store.create_offer(&data).await.expect("create");
    let mut expected = data.clone();
    expected.domain_ids.sort();
    let mut got = created.data.clone();
    got.domain_ids.sort();
    assert_eq!(got, expected);
    assert!(created.updated_at >= created.created_at);
    let read = store
        .offer(created.id)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(read, created);
    assert_eq!(
        store.offer_by_slug(&data.slug).await.expect("read"),
        Some(created)
    );
}

/// An offer abroad, applied to by e-mail, with no optional field, reads back as written.
pub async fn offer_abroad_with_email_round_trips(store: &dyn Store) {
    let org = organisation(store, "mae", None).await;
    let data = OfferData {
        slug: slug("via-bruxelles"),
        reference: String::new(),
        title: "VIA — Chargé·e de mission numérique".into(),
        organisation_id: org.id,
        job_family_id: None,
        domain_ids: vec![],
        contract_types: vec![ContractType::ViaVie],
        category: None,
        remote: Remote::Aucun,
        open_to_juniors: false,
        seniority: None,
        salary: None,
        location: Location::Abroad {
            country: "Belgique".into(),
            city: Some("Bruxelles".into()),
        },
        state: OfferState::Brouillon,
        published_on: None,
        deadline: None,
        source: Source::Vivier,
        source_reference: None,
        source_url: None,
        apply: ApplyMethod::Email(Email::parse("recrutement@diplomatie.gouv.fr").expect("email")),
        sections: OfferSections::default(),
    };
    let created = store.create_offer(&data).await.expect("create");
    assert_eq!(created.data, data);
}

/// Slugs and (source, source reference) are unique; references to missing rows are refused.
pub async fn offer_unique_keys_and_references_are_enforced(store: &dyn Store) {
    let org = organisation(store, "dinum", None).await;
    let data = full_offer(store, org.id, "offre-a").await;
    store.create_offer(&data).await.expect("create");

    let same_slug = store
        .create_offer(&OfferData {
            source_reference: Some("autre".into()),
            ..data.clone()
        })
        .await;
    assert!(
        matches!(same_slug, Err(StoreError::Conflict(_))),
        "{same_slug:?}"
    );
    let same_source_ref = store
        .create_offer(&OfferData {
            slug: slug("offre-b"),
            ..data.clone()
        })
        .await;
    assert!(
        matches!(same_source_ref, Err(StoreError::Conflict(_))),
        "{same_source_ref:?}"
    );
    let other_source = store
        .create_offer(&OfferData {
            slug: slug("offre-c"),
            source: Source::Pep,
            ..data.clone()
        })
        .await;
    assert!(
        other_source.is_ok(),
        "same reference in another source is allowed: {other_source:?}"
    );

    let no_org = store
        .create_offer(&OfferData {
            slug: slug("offre-d"),
            source_reference: None,
            organisation_id: OrganisationId(999),
            ..data.clone()
        })
        .await;
    assert!(matches!(no_org, Err(StoreError::NotFound(_))), "{no_org:?}");
    let no_domain = store
        .create_offer(&OfferData {
            slug: slug("offre-e"),
            source_reference: None,
            domain_ids: vec![vivier_domain::DomainId(999)],
            ..data.clone()
        })
        .await;
    assert!(
        matches!(no_domain, Err(StoreError::NotFound(_))),
        "{no_domain:?}"
    );
    assert_eq!(
        store.count_offers().await.expect("count"),
        2,
        "refused offers left nothing behind"
    );
}

/// A batch with one bad offer stores none of them.
pub async fn offer_batch_is_all_or_nothing(store: &dyn Store) {
    let org = organisation(store, "dinum", None).await;
    let base = full_offer(store, org.id, "lot-1").await;
    let batch: Vec<OfferData> = (1..=50)
        .map(|i| OfferData {
            slug: slug(&format!("lot-{i}")),
            source_reference: Some(format!("L{i}")),
            ..base.clone()
        })
        .collect();
    let mut bad = batch.clone();
    bad.push(OfferData {
        slug: slug("lot-3"),
        source_reference: Some("L-dup".into()),
        ..base.clone()
    });
    assert!(store.create_offers(&bad).await.is_err());
    assert_eq!(store.count_offers().await.expect("count"), 0);

    let ids = store.create_offers(&batch).await.expect("batch");
    assert_eq!(ids.len(), 50);
    assert_eq!(store.count_offers().await.expect("count"), 50);
    let read = store.offers_by_ids(&ids[10..13]).await.expect("by ids");
    let mut slugs: Vec<_> = read.iter().map(|o| o.data.slug.to_string()).collect();
    slugs.sort();
    assert_eq!(slugs, ["lot-11", "lot-12", "lot-13"]);
    assert!(read.iter().all(|o| o.data.domain_ids.len() == 2));
}

/// Updates replace every field (domains included); deletes remove; look-ups miss cleanly.
pub async fn offer_update_delete_and_lookups(store: &dyn Store) {
    let org = organisation(store, "dinum", None).await;
    let other_org = organisation(store, "anssi", None).await;
    let data = full_offer(store, org.id, "a-modifier").await;
    let created = store.create_offer(&data).await.expect("create");
    let changed = OfferData {
        title: "Cheffe de projet".into(),
        organisation_id: other_org.id,
        domain_ids: vec![data.domain_ids[0]],
        state: OfferState::Pourvue,
        salary: None,
        sections: OfferSections {
            mission: Some("Nouvelle mission".into()),
            ..OfferSections::default()
        },
        ..data.clone()
    };
    let updated = store
        .update_offer(created.id, &changed)
        .await
        .expect("update");
    assert_eq!(updated.data, changed);
    assert_eq!(updated.created_at, created.created_at);
    assert!(updated.updated_at >= created.updated_at);

    let missing = store.update_offer(OfferId(987_654), &changed).await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );
    assert_eq!(store.offer(OfferId(987_654)).await.expect("read"), None);
    assert_eq!(
        store.offer_by_slug(&slug("inconnue")).await.expect("read"),
        None
    );
    assert!(store.offers_by_ids(&[]).await.expect("empty").is_empty());

    assert!(store.delete_offer(created.id).await.expect("delete"));
    assert!(!store.delete_offer(created.id).await.expect("delete again"));
    assert_eq!(store.offer(created.id).await.expect("read"), None);
    assert_eq!(store.count_offers().await.expect("count"), 0);
}

/// The public list holds every state but drafts.
pub async fn public_offers_exclude_drafts(store: &dyn Store) {
    let org = organisation(store, "dinum", None).await;
    let base = full_offer(store, org.id, "base").await;
    for (i, state) in OfferState::ALL.iter().enumerate() {
        store
            .create_offer(&OfferData {
                slug: slug(&format!("offre-{}", state.code())),
                source_reference: Some(format!("S{i}")),
                state: *state,
                ..base.clone()
            })
            .await
            .expect("create");
    }
    let public = store.public_offers().await.expect("public");
    let mut states: Vec<_> = public.iter().map(|o| o.data.state).collect();
    states.sort();
    assert_eq!(
        states,
        [
            OfferState::Publiee,
            OfferState::Pourvue,
            OfferState::Cloturee
        ]
    );
    assert_eq!(store.count_offers().await.expect("count"), 4);
}

/// A recruiter's list: every offer of the organisations asked for, drafts included, and none
/// of any other organisation.
pub async fn offers_of_organisations_are_theirs_only(store: &dyn Store) {
    let mine = organisation(store, "mine", None).await;
    let below = organisation(store, "below", Some(mine.id)).await;
    let other = organisation(store, "other", None).await;
    let base = full_offer(store, mine.id, "base").await;
    for (i, (org, state)) in [
        (mine.id, OfferState::Brouillon),
        (below.id, OfferState::Publiee),
        (other.id, OfferState::Brouillon),
        (other.id, OfferState::Publiee),
    ]
    .into_iter()
    .enumerate()
    {
        store
            .create_offer(&OfferData {
                slug: slug(&format!("offre-{i}")),
                source_reference: Some(format!("S{i}")),
                organisation_id: org,
                state,
                ..base.clone()
            })
            .await
            .expect("create");
    }
    let slugs = |offers: Vec<Offer>| {
        offers
            .into_iter()
            .map(|o| o.data.slug.to_string())
            .collect::<Vec<_>>()
    };
    let listed = store
        .offers_of_organisations(&[mine.id, below.id])
        .await
        .expect("list");
    assert_eq!(slugs(listed), ["offre-0", "offre-1"]);
    let listed = store
        .offers_of_organisations(&[other.id])
        .await
        .expect("list");
    assert_eq!(slugs(listed), ["offre-2", "offre-3"]);
    assert!(
        store
            .offers_of_organisations(&[])
            .await
            .expect("none")
            .is_empty()
    );
}

/// Each committed write appends one change, in order; failed writes append nothing.
pub async fn change_feed_records_every_write_in_order(store: &dyn Store) {
    let start = store.last_change().await.expect("last");
    let org = organisation(store, "dinum", None).await;
    let data = full_offer(store, org.id, "suivie").await;
    let offer = store.create_offer(&data).await.expect("create");
    store.update_offer(offer.id, &data).await.expect("update");
    let _ = store
        .create_offer(&data)
        .await
        .expect_err("duplicate refused");
    store.delete_offer(offer.id).await.expect("delete");

    let changes = store.changes_since(start, 100).await.expect("changes");
    let entities: Vec<_> = changes.iter().map(|c| c.entity).collect();
    assert_eq!(
        entities,
        [
            ChangedEntity::Organisation(org.id),
            ChangedEntity::Referentials,
            ChangedEntity::Referentials,
            ChangedEntity::Referentials,
            ChangedEntity::Offer(offer.id),
            ChangedEntity::Offer(offer.id),
            ChangedEntity::Offer(offer.id),
        ]
    );
    assert!(changes.windows(2).all(|w| w[0].seq < w[1].seq));
    assert_eq!(
        store.last_change().await.expect("last"),
        changes.last().expect("some").seq
    );
    let tail = store.changes_since(changes[4].seq, 2).await.expect("tail");
    assert_eq!(tail.len(), 2);
    assert_eq!(tail[0].seq, changes[5].seq);

    // A reindex request is one more entry, after everything else.
    let last = store.last_change().await.expect("last");
    let seq = store.request_reindex().await.expect("reindex");
    assert!(seq > last);
    assert_eq!(
        store.changes_since(last, 10).await.expect("after"),
        [Change {
            seq,
            entity: ChangedEntity::Reindex
        }]
    );
}

/// Text that looks like SQL or HTML is data like any other.
pub async fn hostile_text_is_stored_verbatim(store: &dyn Store) {
    let org = organisation(store, "dinum", None).await;
    let hostile = "'); DROP TABLE offers; -- <script>alert(1)</script> \u{0} é 🎉 \\ \" $1 ?";
    let data = OfferData {
        title: hostile.into(),
        reference: hostile.into(),
        sections: OfferSections {
            mission: Some(hostile.repeat(1_000)),
            ..OfferSections::default()
        },
        ..full_offer(store, org.id, "hostile").await
    };
    let created = store.create_offer(&data).await;
    // PostgreSQL refuses NUL in text; SQLite accepts it. Either way nothing breaks.
    match created {
        Ok(created) => assert_eq!(created.data.title, hostile),
        Err(error) => {
            assert!(!matches!(error, StoreError::Conflict(_)), "{error:?}");
            let clean = OfferData {
                title: hostile.replace('\u{0}', ""),
                reference: String::new(),
                sections: OfferSections {
                    mission: Some(hostile.replace('\u{0}', "").repeat(1_000)),
                    ..OfferSections::default()
                },
                ..data
            };
            let created = store
                .create_offer(&clean)
                .await
                .expect("create without NUL");
            assert_eq!(created.data, clean);
        }
    }
    assert_eq!(store.count_offers().await.expect("count"), 1);
    store.ping().await.expect("database still fine");
}
