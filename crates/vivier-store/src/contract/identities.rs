//! The contract of the OpenID Connect part of [`AccountStore`](crate::accounts::AccountStore).

use vivier_domain::account::AccountKind;
use vivier_domain::{Email, UserId};

use crate::accounts::{Identity, NewUser, PendingLogin};
use crate::{Store, StoreError};

fn identity(issuer: &str, subject: &str) -> Identity {
    Identity {
        issuer: issuer.into(),
        subject: subject.into(),
        provider: "candidats".into(),
    }
}

fn new_user(address: &str) -> NewUser {
    NewUser {
        email: Email::parse(address).expect("test e-mail"),
        display_name: "Camille Durand".into(),
        kind: AccountKind::Candidate,
        password_hash: None,
        email_verified: true,
    }
}

fn pending(state_hash: &str, browser_hash: &str, expires_at: i64) -> PendingLogin {
    PendingLogin {
        state_hash: state_hash.into(),
        browser_hash: browser_hash.into(),
        provider: "agents".into(),
        nonce: "nonce".into(),
        pkce_verifier: "verifier".into(),
        next: Some("/recruteur".into()),
        created_at: 1_000,
        expires_at,
    }
}

/// An identity signs in one account; an account has one identity per issuer; creating an account
/// with its identity is all or nothing; deleting the account forgets its identities.
pub async fn identities_link_one_account_each(store: &dyn Store) {
    let fc = "https://fc.exemple.gouv.fr";
    let camille = store
        .create_user_with_identity(&new_user("camille@exemple.fr"), &identity(fc, "sub-1"), 10)
        .await
        .expect("created with its identity");
    assert!(camille.email_verified && camille.password_hash.is_none());
    assert_eq!(camille.kind, AccountKind::Candidate);
    let found = store.identity_user(fc, "sub-1").await.expect("lookup");
    assert_eq!(found.map(|u| u.id), Some(camille.id));
    assert!(
        store
            .identity_user(fc, "sub-2")
            .await
            .expect("lookup")
            .is_none()
    );
    assert!(
        store
            .identity_user("https://autre.exemple.fr", "sub-1")
            .await
            .expect("lookup")
            .is_none(),
        "subjects are scoped by issuer"
    );

    // The same identity cannot sign in a second account, nor be created again.
    let again = store
        .create_user_with_identity(&new_user("autre@exemple.fr"), &identity(fc, "sub-1"), 11)
        .await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    assert!(
        store
            .user_by_email(&Email::parse("autre@exemple.fr").expect("e-mail"))
            .await
            .expect("lookup")
            .is_none(),
        "the account is not created without its identity"
    );
    // A taken address refuses the creation, and the identity stays free.
    let taken = store
        .create_user_with_identity(&new_user("CAMILLE@exemple.fr"), &identity(fc, "sub-3"), 12)
        .await;
    assert!(matches!(taken, Err(StoreError::Conflict(_))), "{taken:?}");
    assert!(
        store
            .identity_user(fc, "sub-3")
            .await
            .expect("lookup")
            .is_none()
    );

    // Linking: one identity per issuer per account.
    let other = store
        .create_user(&new_user("dominique@exemple.fr"))
        .await
        .expect("user");
    store
        .link_identity(other.id, &identity(fc, "sub-4"), 13)
        .await
        .expect("linked");
    let twice = store
        .link_identity(other.id, &identity(fc, "sub-5"), 14)
        .await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))), "{twice:?}");
    let stolen = store
        .link_identity(other.id, &identity(fc, "sub-1"), 14)
        .await;
    assert!(matches!(stolen, Err(StoreError::Conflict(_))), "{stolen:?}");
    let pc = Identity {
        provider: "agents".into(),
        ..identity("https://pc.exemple.gouv.fr", "sub-1")
    };
    store
        .link_identity(other.id, &pc, 15)
        .await
        .expect("another issuer");
    let nobody = store
        .link_identity(UserId(987_654), &identity(fc, "sub-9"), 15)
        .await;
    assert!(matches!(nobody, Err(StoreError::NotFound(_))), "{nobody:?}");
    assert_eq!(
        store.identities_of(other.id).await.expect("identities"),
        vec![pc.clone(), identity(fc, "sub-4")]
    );

    assert!(store.delete_user(other.id).await.expect("deleted"));
    assert!(
        store
            .identity_user(fc, "sub-4")
            .await
            .expect("lookup")
            .is_none()
    );
    assert!(
        store
            .identities_of(other.id)
            .await
            .expect("identities")
            .is_empty()
    );
}

/// A pending sign-in is taken once, only by the browser that started it, and purged once expired.
pub async fn pending_logins_are_taken_once_by_their_browser(store: &dyn Store) {
    store
        .save_pending_login(&pending("state-1", "browser-1", 2_000))
        .await
        .expect("saved");
    let twice = store
        .save_pending_login(&pending("state-1", "browser-2", 2_000))
        .await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))), "{twice:?}");

    // Another browser finds nothing, and leaves it for the right one.
    assert!(
        store
            .take_pending_login("state-1", "browser-2")
            .await
            .expect("take")
            .is_none()
    );
    let taken = store
        .take_pending_login("state-1", "browser-1")
        .await
        .expect("take");
    assert_eq!(taken, Some(pending("state-1", "browser-1", 2_000)));
    assert!(
        store
            .take_pending_login("state-1", "browser-1")
            .await
            .expect("take")
            .is_none(),
        "used once"
    );

    // Purged once expired; a live one stays.
    store
        .save_pending_login(&pending("state-2", "browser-1", 1_500))
        .await
        .expect("saved");
    store
        .save_pending_login(&PendingLogin {
            next: None,
            ..pending("state-3", "browser-1", 3_000)
        })
        .await
        .expect("saved");
    store.purge_expired(2_000, 0).await.expect("purged");
    assert!(
        store
            .take_pending_login("state-2", "browser-1")
            .await
            .expect("take")
            .is_none()
    );
    let live = store
        .take_pending_login("state-3", "browser-1")
        .await
        .expect("take");
    assert_eq!(live.and_then(|l| l.next), None);
}
