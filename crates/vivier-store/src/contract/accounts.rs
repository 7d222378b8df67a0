//! The contract of [`AccountStore`](crate::accounts::AccountStore).

use vivier_domain::account::{AccountKind, Membership, OrgRole};
use vivier_domain::{Email, UserId};

use super::organisation;
use crate::accounts::{
    AuditEntry, AuditOutcome, Delivery, NewSession, NewToken, NewUser, OutgoingMail, RedeemRefusal,
    Redemption, TokenPurpose, User, UserChange,
};
use crate::{Store, StoreError};

fn email(text: &str) -> Email {
    Email::parse(text).expect("test e-mail")
}

async fn user(store: &dyn Store, address: &str, kind: AccountKind) -> User {
    store
        .create_user(&NewUser {
            email: email(address),
            display_name: format!("Nom de {address}"),
            kind,
            password_hash: Some("$argon2id$fake".into()),
            email_verified: false,
        })
        .await
        .expect("create user")
}

fn mail(to: &str, subject: &str) -> OutgoingMail {
    OutgoingMail {
        list_unsubscribe: None,
        to: email(to),
        subject: subject.into(),
        text: format!("texte de {subject}"),
        html: format!("<p>{subject}</p>"),
    }
}

fn token(hash: &str, user: UserId, purpose: TokenPurpose, expires_at: i64) -> NewToken {
    NewToken {
        hash: hash.into(),
        user,
        purpose,
        new_email: None,
        created_at: 1_000,
        expires_at,
    }
}

fn session(hash: &str, user: UserId, now: i64) -> NewSession {
    NewSession {
        token_hash: hash.into(),
        user,
        now,
        expires_at: now + 3_600,
        ip: "127.0.0.1".into(),
        user_agent: "test".into(),
    }
}

/// One account per address whatever its case; changes, memberships and deletion.
pub async fn accounts_are_unique_by_address_and_carry_their_roles(store: &dyn Store) {
    let ministry = organisation(store, "ministere", None).await;
    let alice = user(store, "Alice.Martin@Exemple.fr", AccountKind::Agent).await;
    assert_eq!(alice.email.as_str(), "Alice.Martin@exemple.fr");
    assert!(!alice.email_verified && !alice.disabled && !alice.is_admin);
    assert!(alice.memberships.is_empty());
    let again = store
        .create_user(&NewUser {
            email: email("alice.martin@exemple.fr"),
            display_name: "Autre".into(),
            kind: AccountKind::Candidate,
            password_hash: None,
            email_verified: true,
        })
        .await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    let found = store
        .user_by_email(&email("ALICE.MARTIN@exemple.fr"))
        .await
        .expect("read")
        .expect("found without case");
    assert_eq!(found, alice);

    let recruiter = Membership {
        organisation: ministry.id,
        role: OrgRole::Recruiter,
    };
    let changed = store
        .update_user(alice.id, &UserChange::Membership(recruiter, true))
        .await
        .expect("grant");
    assert_eq!(changed.memberships, [recruiter]);
    let twice = store
        .update_user(alice.id, &UserChange::Membership(recruiter, true))
        .await
        .expect("grant twice");
    assert_eq!(twice.memberships, [recruiter], "granted once");
    let admin = store
        .update_user(alice.id, &UserChange::Admin(true))
        .await
        .expect("admin");
    assert!(admin.is_admin);
    let renamed = store
        .update_user(alice.id, &UserChange::DisplayName("Alice M.".into()))
        .await
        .expect("rename");
    assert_eq!(renamed.display_name, "Alice M.");
    let revoked = store
        .update_user(alice.id, &UserChange::Membership(recruiter, false))
        .await
        .expect("revoke");
    assert!(revoked.memberships.is_empty());
    let missing = store
        .update_user(UserId(987_654), &UserChange::Admin(true))
        .await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );
    let unknown_org = store
        .update_user(
            alice.id,
            &UserChange::Membership(
                Membership {
                    organisation: vivier_domain::OrganisationId(987_654),
                    role: OrgRole::Recruiter,
                },
                true,
            ),
        )
        .await;
    assert!(
        matches!(unknown_org, Err(StoreError::NotFound(_))),
        "{unknown_org:?}"
    );

    store
        .create_session(&session("s1", alice.id, 10))
        .await
        .expect("session");
    assert!(store.delete_user(alice.id).await.expect("delete"));
    assert!(!store.delete_user(alice.id).await.expect("delete again"));
    assert_eq!(store.user(alice.id).await.expect("read"), None);
    assert_eq!(store.session("s1").await.expect("read"), None, "cascade");
}

/// A token works once, before it expires, for its own purpose; its mail is queued with it.
pub async fn tokens_are_single_use_expire_and_apply_their_effect(store: &dyn Store) {
    let bob = user(store, "bob@exemple.fr", AccountKind::Candidate).await;
    store
        .issue_token(
            &token("old", bob.id, TokenPurpose::VerifyEmail, 5_000),
            &mail("bob@exemple.fr", "Premier lien"),
        )
        .await
        .expect("issue");
    store
        .issue_token(
            &token("v1", bob.id, TokenPurpose::VerifyEmail, 5_000),
            &mail("bob@exemple.fr", "Second lien"),
        )
        .await
        .expect("issue");
    assert_eq!(store.outbox_counts().await.expect("count").waiting, 2);
    let redeem = |hash, purpose, now, password_hash| Redemption {
        hash,
        purpose,
        now,
        password_hash,
    };
    let replaced = store
        .redeem_token(&redeem("old", TokenPurpose::VerifyEmail, 2_000, None))
        .await
        .expect("redeem");
    assert_eq!(
        replaced,
        Err(RedeemRefusal::Unknown),
        "a new link replaces the old"
    );
    let wrong_purpose = store
        .redeem_token(&redeem("v1", TokenPurpose::ResetPassword, 2_000, Some("h")))
        .await
        .expect("redeem");
    assert_eq!(wrong_purpose, Err(RedeemRefusal::Unknown));
    let verified = store
        .redeem_token(&redeem("v1", TokenPurpose::VerifyEmail, 2_000, None))
        .await
        .expect("redeem")
        .expect("valid");
    assert!(verified.email_verified);
    let replayed = store
        .redeem_token(&redeem("v1", TokenPurpose::VerifyEmail, 2_000, None))
        .await
        .expect("redeem");
    assert_eq!(replayed, Err(RedeemRefusal::Unknown), "single use");

    store
        .issue_token(
            &token("r1", bob.id, TokenPurpose::ResetPassword, 3_000),
            &mail("bob@exemple.fr", "Réinitialisation"),
        )
        .await
        .expect("issue");
    let expired = store
        .redeem_token(&redeem("r1", TokenPurpose::ResetPassword, 3_000, Some("h")))
        .await
        .expect("redeem");
    assert_eq!(expired, Err(RedeemRefusal::Expired));
    store
        .issue_token(
            &token("r2", bob.id, TokenPurpose::ResetPassword, 9_000),
            &mail("bob@exemple.fr", "Réinitialisation"),
        )
        .await
        .expect("issue");
    store
        .create_session(&session("bob-session", bob.id, 10))
        .await
        .expect("session");
    let reset = store
        .redeem_token(&redeem(
            "r2",
            TokenPurpose::ResetPassword,
            3_000,
            Some("$new"),
        ))
        .await
        .expect("redeem")
        .expect("valid");
    assert_eq!(reset.password_hash.as_deref(), Some("$new"));
    assert_eq!(
        store.session("bob-session").await.expect("read"),
        None,
        "a reset ends every session"
    );

    user(store, "pris@exemple.fr", AccountKind::Candidate).await;
    for (hash, address) in [("c1", "pris@exemple.fr"), ("c2", "Nouveau@Exemple.fr")] {
        store
            .issue_token(
                &NewToken {
                    new_email: Some(email(address)),
                    ..token(hash, bob.id, TokenPurpose::ChangeEmail, 9_000)
                },
                &mail(address, "Confirmez"),
            )
            .await
            .expect("issue");
        let changed = store
            .redeem_token(&redeem(hash, TokenPurpose::ChangeEmail, 3_000, None))
            .await
            .expect("redeem");
        if hash == "c1" {
            assert_eq!(changed, Err(RedeemRefusal::EmailTaken));
        } else {
            let changed = changed.expect("valid");
            assert_eq!(changed.email.as_str(), "Nouveau@exemple.fr");
        }
    }
    assert!(
        store
            .user_by_email(&email("nouveau@exemple.fr"))
            .await
            .expect("read")
            .is_some()
    );
}

/// Sessions are found by hash with their account, touched, ended one by one or all at once,
/// ended when the account is disabled, and purged when expired.
pub async fn sessions_follow_their_account(store: &dyn Store) {
    let carol = user(store, "carol@exemple.fr", AccountKind::Agent).await;
    for (hash, now) in [("a", 100), ("b", 200), ("c", 300)] {
        store
            .create_session(&session(hash, carol.id, now))
            .await
            .expect("create");
    }
    let duplicate = store.create_session(&session("a", carol.id, 100)).await;
    assert!(
        matches!(duplicate, Err(StoreError::Conflict(_))),
        "{duplicate:?}"
    );
    let found = store.session("a").await.expect("read").expect("found");
    assert_eq!(
        (found.created_at, found.last_seen_at, found.expires_at),
        (100, 100, 3_700)
    );
    assert_eq!(found.user, carol);
    store.touch_session("a", 150).await.expect("touch");
    assert_eq!(
        store
            .session("a")
            .await
            .expect("read")
            .expect("found")
            .last_seen_at,
        150
    );
    store.delete_session("a").await.expect("end");
    assert_eq!(store.session("a").await.expect("read"), None);

    store.purge_expired(3_850, 0).await.expect("purge");
    assert_eq!(
        store.session("b").await.expect("read"),
        None,
        "expired at 3,800"
    );
    assert!(store.session("c").await.expect("read").is_some());
    let disabled = store
        .update_user(carol.id, &UserChange::Disabled(true))
        .await
        .expect("disable");
    assert!(disabled.disabled);
    assert_eq!(store.session("c").await.expect("read"), None);

    store
        .create_session(&session("d", carol.id, 400))
        .await
        .expect("create");
    store
        .create_session(&session("e", carol.id, 400))
        .await
        .expect("create");
    assert_eq!(
        store.delete_sessions_of(carol.id).await.expect("end all"),
        2
    );
}

/// A mail is claimed by one sender at a time, retried when due, and never lost.
pub async fn outbox_hands_each_mail_to_one_sender_until_sent(store: &dyn Store) {
    let unsubscribe =
        "https://vivier.localhost/alertes/desabonnement/un-clic?recherche=1&signature=s";
    for subject in ["un", "deux", "trois"] {
        let list_unsubscribe = (subject == "deux").then(|| unsubscribe.to_owned());
        store
            .enqueue_mail(&OutgoingMail {
                list_unsubscribe,
                ..mail("dest@exemple.fr", subject)
            })
            .await
            .expect("queue");
    }
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let first = store.claim_mail(now, 60, 2).await.expect("claim");
    assert_eq!(first.len(), 2);
    assert_eq!(first[0].mail.subject, "un");
    assert_eq!(first[0].mail.html, "<p>un</p>");
    assert_eq!(first[0].attempts, 1);
    // The one-click unsubscribe address goes through the outbox as it came.
    assert_eq!(first[0].mail.list_unsubscribe, None);
    assert_eq!(first[1].mail.list_unsubscribe.as_deref(), Some(unsubscribe));
    let second = store.claim_mail(now, 60, 10).await.expect("claim");
    assert_eq!(second.len(), 1, "the first two are leased");
    assert_eq!(second[0].mail.subject, "trois");
    assert!(
        store
            .claim_mail(now, 60, 10)
            .await
            .expect("claim")
            .is_empty()
    );

    store
        .record_delivery(first[0].id, &Delivery::Sent)
        .await
        .expect("sent");
    store
        .record_delivery(
            first[1].id,
            &Delivery::Retry {
                error: "connexion refusée".into(),
                retry_at: now + 30,
            },
        )
        .await
        .expect("retry");
    store
        .record_delivery(
            second[0].id,
            &Delivery::Abandoned {
                error: "550 destinataire inconnu".into(),
            },
        )
        .await
        .expect("abandoned");
    assert!(
        store
            .claim_mail(now + 29, 60, 10)
            .await
            .expect("claim")
            .is_empty()
    );
    let retried = store.claim_mail(now + 30, 60, 10).await.expect("claim");
    assert_eq!(retried.len(), 1);
    assert_eq!(retried[0].mail.subject, "deux");
    assert_eq!(retried[0].attempts, 2);
    let counts = store.outbox_counts().await.expect("count");
    assert_eq!((counts.waiting, counts.sent, counts.abandoned), (1, 1, 1));
    assert!(
        store
            .claim_mail(now + 10_000, 60, 10)
            .await
            .expect("claim")
            .len()
            == 1
    );
}

/// Sent and abandoned mails go after their retention; waiting ones stay whatever their age.
pub async fn sent_mail_is_purged_after_its_retention(store: &dyn Store) {
    for subject in ["envoyé", "abandonné", "en attente"] {
        store
            .enqueue_mail(&mail("dest@exemple.fr", subject))
            .await
            .expect("queue");
    }
    let now = time::OffsetDateTime::now_utc();
    let claimed = store
        .claim_mail(now.unix_timestamp(), 60, 2)
        .await
        .expect("claim");
    store
        .record_delivery(claimed[0].id, &Delivery::Sent)
        .await
        .expect("sent");
    store
        .record_delivery(
            claimed[1].id,
            &Delivery::Abandoned {
                error: "550".into(),
            },
        )
        .await
        .expect("abandoned");
    let day = time::Duration::days(1);
    assert_eq!(
        store.purge_sent_mail(now - day).await.expect("purge"),
        0,
        "nothing is that old"
    );
    assert_eq!(store.purge_sent_mail(now + day).await.expect("purge"), 2);
    let counts = store.outbox_counts().await.expect("count");
    assert_eq!((counts.waiting, counts.sent, counts.abandoned), (1, 0, 0));
    assert_eq!(store.purge_sent_mail(now + day).await.expect("purge"), 0);
}

/// The audit log reads back most recent first, page by page; rate-limit windows count hits;
/// a shared secret keeps the first value written.
pub async fn audit_log_rate_limits_and_secrets(store: &dyn Store) {
    for i in 0..5 {
        store
            .record_audit(&AuditEntry {
                actor: (i % 2 == 0).then_some(UserId(i)),
                actor_label: format!("agent{i}@exemple.fr"),
                action: "access".into(),
                object: format!("/admin/{i}"),
                outcome: if i == 4 {
                    AuditOutcome::Denied
                } else {
                    AuditOutcome::Allowed
                },
                ip: "192.0.2.1".into(),
                detail: "'; DROP TABLE audit_log; --".into(),
            })
            .await
            .expect("record");
    }
    let page = store.audit_log(None, 3).await.expect("read");
    assert_eq!(page.len(), 3);
    assert_eq!(page[0].entry.object, "/admin/4");
    assert_eq!(page[0].entry.outcome, AuditOutcome::Denied);
    assert_eq!(page[0].entry.actor, Some(UserId(4)));
    assert_eq!(page[0].entry.detail, "'; DROP TABLE audit_log; --");
    let rest = store.audit_log(Some(page[2].id), 10).await.expect("read");
    assert_eq!(
        rest.iter()
            .map(|r| r.entry.object.as_str())
            .collect::<Vec<_>>(),
        ["/admin/1", "/admin/0"]
    );
    assert_eq!(rest[0].entry.actor, None);

    for expected in 1..=3 {
        assert_eq!(
            store.hit_rate_limit("login:ip", 600).await.expect("hit"),
            expected
        );
    }
    assert_eq!(
        store.hit_rate_limit("login:ip", 1_200).await.expect("hit"),
        1
    );
    assert_eq!(store.hit_rate_limit("other", 600).await.expect("hit"), 1);
    store.purge_expired(0, 1_200).await.expect("purge");
    assert_eq!(
        store.hit_rate_limit("login:ip", 600).await.expect("hit"),
        1,
        "old windows are purged"
    );

    assert_eq!(
        store
            .shared_secret("csrf", "premier")
            .await
            .expect("secret"),
        "premier"
    );
    assert_eq!(
        store.shared_secret("csrf", "second").await.expect("secret"),
        "premier"
    );
}
