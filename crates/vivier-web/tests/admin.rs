//! The back office: accounts, the organisation tree, job families and domains. Every action
//! is a form with its token, audited; bad input comes back next to its field, nothing changed.

#![allow(clippy::unwrap_used)]

mod common;

use axum::http::StatusCode;
use common::TestApp;
use common::accounts::{audited, location, signed_in, signed_in_admin};
use vivier_domain::account::OrgRole;

#[tokio::test]
async fn accounts_are_searched_disabled_and_given_rights_but_not_by_themselves() {
    let app = TestApp::new().await;
    let (mut admin, admin_user) = signed_in_admin(&app, "admin@exemple.fr").await;
    let (mut agent, agent_user) = signed_in(&app, "agent.durand@exemple.fr", "agent").await;
    let (_, candidate) = signed_in(&app, "candidate@exemple.fr", "candidat").await;

    let found = admin.get("/admin/utilisateurs?q=AGENT.Durand").await;
    assert_eq!(found.status, StatusCode::OK);
    assert!(found.body.contains("agent.durand@exemple.fr"));
    assert!(!found.body.contains("candidate@exemple.fr"));
    let candidates = admin.get("/admin/utilisateurs?type=candidat").await;
    assert!(candidates.body.contains("candidate@exemple.fr"));
    assert!(!candidates.body.contains("agent.durand@exemple.fr"));
    let injected = admin
        .get("/admin/utilisateurs?q=%3Cscript%3E%27+OR+1%3D1+--")
        .await;
    assert!(
        injected.body.contains("Aucun compte trouvé"),
        "{}",
        injected.body
    );
    assert!(!injected.body.contains("<script>'"));

    // A role, then disabling: each ends the agent's sessions.
    let page = admin
        .get(&format!("/admin/utilisateurs/{}", agent_user.id))
        .await;
    assert!(page.body.contains("Sessions ouvertes"));
    let granted = admin
        .post(
            &format!("/admin/utilisateurs/{}/roles", agent_user.id),
            &[
                ("operation", "ajouter"),
                ("organisation", &app.direction.id.0.to_string()),
                ("role", "recruteur"),
            ],
        )
        .await;
    assert_eq!(granted.status, StatusCode::SEE_OTHER, "{}", granted.body);
    let now = app.store.user(agent_user.id).await.unwrap().unwrap();
    assert_eq!(now.memberships.len(), 1);
    assert_eq!(now.memberships[0].role, OrgRole::Recruiter);
    assert_eq!(
        agent.get("/recruteur").await.status,
        StatusCode::SEE_OTHER,
        "session ended"
    );
    assert_eq!(audited(&app, "role.attribution").await.len(), 1);

    common::accounts::sign_in(
        &mut agent,
        "agent.durand@exemple.fr",
        common::accounts::PASSWORD,
    )
    .await;
    assert_eq!(agent.get("/recruteur").await.status, StatusCode::OK);
    admin
        .get(&format!("/admin/utilisateurs/{}", agent_user.id))
        .await;
    let disabled = admin
        .post(
            &format!("/admin/utilisateurs/{}/etat", agent_user.id),
            &[("actif", "non")],
        )
        .await;
    assert_eq!(disabled.status, StatusCode::SEE_OTHER);
    assert!(
        app.store
            .user(agent_user.id)
            .await
            .unwrap()
            .unwrap()
            .disabled
    );
    assert_eq!(agent.get("/recruteur").await.status, StatusCode::SEE_OTHER);
    assert_eq!(app.store.session_count(agent_user.id).await.unwrap(), 0);
    assert_eq!(audited(&app, "compte.desactivation").await.len(), 1);

    // Not on oneself.
    admin
        .get(&format!("/admin/utilisateurs/{}", admin_user.id))
        .await;
    let self_disable = admin
        .post(
            &format!("/admin/utilisateurs/{}/etat", admin_user.id),
            &[("actif", "non")],
        )
        .await;
    assert_eq!(self_disable.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(self_disable.body.contains("propre compte"));
    let self_demote = admin
        .post(
            &format!("/admin/utilisateurs/{}/administrateur", admin_user.id),
            &[("administrateur", "non")],
        )
        .await;
    assert_eq!(self_demote.status, StatusCode::UNPROCESSABLE_ENTITY);
    let me = app.store.user(admin_user.id).await.unwrap().unwrap();
    assert!(me.is_admin && !me.disabled);

    // A candidate gets no role; bad ids and values change nothing.
    let refused = admin
        .post(
            &format!("/admin/utilisateurs/{}/roles", candidate.id),
            &[
                ("operation", "ajouter"),
                ("organisation", &app.ministry.id.0.to_string()),
                ("role", "recruteur"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        app.store
            .user(candidate.id)
            .await
            .unwrap()
            .unwrap()
            .memberships
            .is_empty()
    );
    for organisation in ["99999", "abc", "' OR 1=1 --", ""] {
        let answer = admin
            .post(
                &format!("/admin/utilisateurs/{}/roles", agent_user.id),
                &[
                    ("operation", "ajouter"),
                    ("organisation", organisation),
                    ("role", "organisateur"),
                ],
            )
            .await;
        assert_eq!(
            answer.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{organisation}"
        );
        assert!(answer.body.contains("organisation-erreur"));
    }
    assert_eq!(
        app.store
            .user(agent_user.id)
            .await
            .unwrap()
            .unwrap()
            .memberships
            .len(),
        1
    );
    assert_eq!(
        admin.get("/admin/utilisateurs/abc").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        admin.get("/admin/utilisateurs/99999").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        admin
            .post("/admin/utilisateurs/99999/etat", &[("actif", "non")])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        admin
            .post(
                &format!("/admin/utilisateurs/{}/etat", agent_user.id),
                &[("actif", "peut-être")]
            )
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn the_tree_is_created_renamed_moved_and_merged_and_the_public_pages_follow() {
    let app = TestApp::new().await;
    let (mut admin, _) = signed_in_admin(&app, "admin@exemple.fr").await;
    let tree = admin.get("/admin/organisations").await;
    assert_eq!(tree.status, StatusCode::OK, "{}", tree.body);
    assert!(tree.body.contains("Service des données"));
    let counts = app.store.offer_counts().await.unwrap();
    let armees = counts.iter().find(|(o, _)| *o == app.armees.id).unwrap().1;
    assert!(
        tree.body.contains(&format!("{armees} offres")),
        "the armed forces’ offers are counted"
    );

    let created = admin
        .post(
            "/admin/organisations",
            &[
                ("nom", "Bureau <script>alert(1)</script> ' OR 1=1 --"),
                ("sigle", "BX"),
                ("nature", "service"),
                ("parent", &app.direction.id.0.to_string()),
                ("site", "https://bureau.example.gouv.fr/"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let new_id: i64 = location(&created)
        .trim_start_matches("/admin/organisations/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let stored = app
        .store
        .organisation(vivier_domain::OrganisationId(new_id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.data.name,
        "Bureau <script>alert(1)</script> ' OR 1=1 --"
    );
    assert_eq!(
        stored.data.slug.as_str(),
        "bureau-script-alert-1-script-or-1-1"
    );
    assert_eq!(stored.data.parent_id, Some(app.direction.id));
    let page = admin.get(&format!("/admin/organisations/{new_id}")).await;
    assert!(
        page.body
            .contains("Bureau &#60;script&#62;alert(1)&#60;/script&#62;")
    );
    assert!(!page.body.contains("<script>alert(1)"));
    // The same name again gets another address.
    admin.get("/admin/organisations").await;
    admin
        .post(
            "/admin/organisations",
            &[
                ("nom", "Bureau <script>alert(1)</script> ' OR 1=1 --"),
                ("sigle", ""),
                ("nature", "service"),
                ("parent", ""),
                ("site", ""),
            ],
        )
        .await;
    assert!(
        app.store
            .organisation_by_slug(
                &vivier_domain::Slug::parse("bureau-script-alert-1-script-or-1-1-2").unwrap()
            )
            .await
            .unwrap()
            .is_some()
    );

    // Rename: the address stays.
    admin
        .get(&format!("/admin/organisations/{}", app.direction.id))
        .await;
    let renamed = admin
        .post(
            &format!("/admin/organisations/{}", app.direction.id),
            &[
                ("nom", "Direction du numérique et des données"),
                ("sigle", "DND"),
                ("nature", "direction"),
                ("site", ""),
            ],
        )
        .await;
    assert_eq!(renamed.status, StatusCode::SEE_OTHER, "{}", renamed.body);
    let public = app.get("/employeurs/direction-du-numerique").await;
    assert!(
        public
            .body
            .contains("Direction du numérique et des données"),
        "the public page follows at once"
    );

    // Moves that make a cycle are refused next to the field.
    for parent in [app.direction.id.0.to_string(), app.service.id.0.to_string()] {
        let refused = admin
            .post(
                &format!("/admin/organisations/{}/deplacement", app.direction.id),
                &[("parent", &parent)],
            )
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("parent-erreur"));
        assert!(refused.body.contains("sous-organisations"));
    }
    let unknown = admin
        .post(
            &format!("/admin/organisations/{}/deplacement", app.direction.id),
            &[("parent", "99999")],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    let moved = admin
        .post(
            &format!("/admin/organisations/{}/deplacement", app.service.id),
            &[("parent", &app.armees.id.0.to_string())],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER);
    let service = app
        .store
        .organisation(app.service.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(service.data.parent_id, Some(app.armees.id));
    assert_eq!(audited(&app, "organisation.deplacement").await.len(), 1);

    // Merge: not into itself nor under itself; then everything moves.
    for target in [app.ministry.id, app.direction.id] {
        let refused = admin
            .post(
                &format!("/admin/organisations/{}/fusion", app.ministry.id),
                &[("cible", &target.0.to_string())],
            )
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("cible-erreur"));
    }
    let offer = app.offer("data-scientist-ajaccio").await;
    assert_eq!(offer.data.organisation_id, app.direction.id);
    let merged = admin
        .post(
            &format!("/admin/organisations/{}/fusion", app.direction.id),
            &[("cible", &app.armees.id.0.to_string())],
        )
        .await;
    assert_eq!(merged.status, StatusCode::SEE_OTHER, "{}", merged.body);
    assert!(
        app.store
            .organisation(app.direction.id)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        app.offer("data-scientist-ajaccio")
            .await
            .data
            .organisation_id,
        app.armees.id
    );
    let child = app
        .store
        .organisation(vivier_domain::OrganisationId(new_id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(child.data.parent_id, Some(app.armees.id));
    assert_eq!(
        app.get("/employeurs/direction-du-numerique").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(audited(&app, "organisation.fusion").await.len(), 1);
}

#[tokio::test]
async fn bad_organisation_forms_come_back_with_the_error_next_to_the_field() {
    let app = TestApp::new().await;
    let (mut admin, _) = signed_in_admin(&app, "admin@exemple.fr").await;
    admin.get("/admin/organisations").await;
    let before = app.store.organisations().await.unwrap().len();
    let long = "a".repeat(10_000);
    for (name, kind, parent, site, field) in [
        ("", "service", "", "", "nom-erreur"),
        ("   ", "service", "", "", "nom-erreur"),
        (long.as_str(), "service", "", "", "nom-erreur"),
        ("!!!", "service", "", "", "nom-erreur"),
        ("Bureau", "royaume", "", "", "nature-erreur"),
        ("Bureau", "service", "99999", "", "parent-erreur"),
        ("Bureau", "service", "abc", "", "parent-erreur"),
        ("Bureau", "service", "' OR 1=1 --", "", "parent-erreur"),
        (
            "Bureau",
            "service",
            "",
            "javascript:alert(1)",
            "site-erreur",
        ),
    ] {
        let answer = admin
            .post(
                "/admin/organisations",
                &[
                    ("nom", name),
                    ("sigle", ""),
                    ("nature", kind),
                    ("parent", parent),
                    ("site", site),
                ],
            )
            .await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert!(answer.body.contains(field), "{field}");
        assert!(answer.body.contains("fr-error-text"));
    }
    assert_eq!(
        app.store.organisations().await.unwrap().len(),
        before,
        "nothing written"
    );
    let rename = admin
        .post(
            &format!("/admin/organisations/{}", app.ministry.id),
            &[
                ("nom", ""),
                ("sigle", ""),
                ("nature", "ministere"),
                ("site", ""),
            ],
        )
        .await;
    assert_eq!(rename.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.store
            .organisation(app.ministry.id)
            .await
            .unwrap()
            .unwrap()
            .data
            .name,
        "Ministère du Numérique"
    );
    assert_eq!(
        admin.get("/admin/organisations/abc").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        admin.get("/admin/organisations/99999").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        admin
            .post("/admin/organisations/abc/fusion", &[("cible", "1")])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        admin
            .post("/admin/organisations", &[("inconnu", "x")])
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn job_families_and_domains_are_created_and_renamed_keeping_their_codes() {
    let app = TestApp::new().await;
    let (mut admin, _) = signed_in_admin(&app, "admin@exemple.fr").await;
    let page = admin.get("/admin/referentiels").await;
    assert!(page.body.contains("developpement") && page.body.contains("Intelligence artificielle"));

    let created = admin
        .post(
            "/admin/referentiels/familles",
            &[
                ("nom", "Sécurité <b>' OR 1=1 --"),
                ("description", "Protéger."),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let families = app.store.job_families().await.unwrap();
    let security = families
        .iter()
        .find(|f| f.slug.as_str() == "securite-b-or-1-1")
        .unwrap();
    assert_eq!(security.name, "Sécurité <b>' OR 1=1 --");
    let page = admin.get("/admin/referentiels").await;
    assert!(page.body.contains("Sécurité &#60;b&#62;"));

    let renamed = admin
        .post(
            "/admin/referentiels/domaines/ia",
            &[("nom", "IA et données")],
        )
        .await;
    assert_eq!(renamed.status, StatusCode::SEE_OTHER);
    let domains = app.store.domains().await.unwrap();
    assert!(
        domains
            .iter()
            .any(|d| d.slug.as_str() == "ia" && d.name == "IA et données")
    );
    let family = admin
        .post(
            "/admin/referentiels/familles/developpement",
            &[
                ("nom", "Développement logiciel"),
                ("description", "Construire des services."),
            ],
        )
        .await;
    assert_eq!(family.status, StatusCode::SEE_OTHER);
    assert!(
        app.store
            .job_families()
            .await
            .unwrap()
            .iter()
            .any(|f| f.slug.as_str() == "developpement" && f.name == "Développement logiciel")
    );
    assert_eq!(
        audited(&app, "referentiel.domaine.renommage").await.len(),
        1
    );

    // Bad input: nothing changes.
    admin.get("/admin/referentiels").await;
    let before = (
        app.store.job_families().await.unwrap(),
        app.store.domains().await.unwrap(),
    );
    let empty = admin
        .post("/admin/referentiels/domaines", &[("nom", "")])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("nom-domaine-erreur"));
    let long = admin
        .post(
            "/admin/referentiels/familles",
            &[("nom", &"a".repeat(10_000)), ("description", "")],
        )
        .await;
    assert_eq!(long.status, StatusCode::UNPROCESSABLE_ENTITY);
    let taken = admin
        .post("/admin/referentiels/domaines", &[("nom", "Cloud")])
        .await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(taken.body.contains("déjà le code"));
    let rename_empty = admin
        .post("/admin/referentiels/domaines/cloud", &[("nom", " ")])
        .await;
    assert_eq!(rename_empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(rename_empty.body.contains("domaine-cloud-erreur"));
    assert_eq!(
        admin
            .post("/admin/referentiels/domaines/inconnu", &[("nom", "X")])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        before,
        (
            app.store.job_families().await.unwrap(),
            app.store.domains().await.unwrap()
        )
    );
}
