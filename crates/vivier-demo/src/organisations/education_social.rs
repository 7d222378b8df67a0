//! Justice, education, higher education and research, and the social ministries.

use vivier_domain::organisation::OrganisationKind::{Direction, Etablissement, Ministere, Service};

use super::{OrgSpec, PageText};

pub(super) const ORGS: &[OrgSpec] = &[
    OrgSpec {
        name: "Ministère de la Justice",
        kind: Ministere,
        website: Some("https://www.justice.gouv.fr"),
        short: "le ministère de la Justice",
        pitch: "fait fonctionner les juridictions, l'administration pénitentiaire et la \
                protection judiciaire de la jeunesse, et numérise progressivement la chaîne \
                judiciaire",
        mail_domain: "justice.gouv.fr",
        home: Some("75056"),
        domains: &["services-publics-en-ligne"],
        page: Some(&JUSTICE),
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Secrétariat général du ministère de la Justice",
        kind: Direction,
        parent: Some("Ministère de la Justice"),
        short: "le secrétariat général du ministère de la Justice",
        pitch: "pilote les fonctions support du ministère et coordonne sa transformation \
                numérique",
        mail_domain: "justice.gouv.fr",
        home: Some("75056"),
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Service du numérique du ministère de la Justice",
        acronym: Some("SNUM"),
        kind: Service,
        parent: Some("Secrétariat général du ministère de la Justice"),
        short: "le service du numérique du ministère de la Justice",
        pitch: "conçoit, déploie et exploite les applications et les infrastructures des \
                juridictions, des établissements pénitentiaires et des services éducatifs",
        mail_domain: "justice.gouv.fr",
        domains: &["services-publics-en-ligne", "cloud"],
        page: Some(&SNUM_JUSTICE),
        testimonies: &[(
            "Claire Dubois",
            "Cheffe de projet applicatif",
            "Avant, j'étais greffière. J'ai rejoint le service du numérique pour porter la voix \
             des utilisateur·rices dans un projet de dématérialisation. Connaître le terrain \
             aide énormément : je sais ce qu'une audience chargée veut dire, et pourquoi un \
             écran de trop peut tout bloquer.",
        )],
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Ministère de l'Éducation nationale",
        kind: Ministere,
        website: Some("https://www.education.gouv.fr"),
        short: "le ministère de l'Éducation nationale",
        pitch: "organise l'enseignement scolaire pour des millions d'élèves et fournit aux \
                écoles et aux établissements leurs outils et ressources numériques",
        mail_domain: "education.gouv.fr",
        home: Some("75056"),
        domains: &["education-numerique"],
        page: Some(&EDUCATION),
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Direction du numérique pour l'éducation",
        acronym: Some("DNE"),
        kind: Direction,
        parent: Some("Ministère de l'Éducation nationale"),
        short: "la direction du numérique pour l'éducation",
        pitch: "conduit la politique numérique éducative et le système d'information des \
                ministères chargés de l'éducation, de l'enseignement supérieur et de la \
                recherche",
        mail_domain: "education.gouv.fr",
        home: Some("75056"),
        domains: &[
            "education-numerique",
            "accessibilite-numerique",
            "logiciel-libre",
        ],
        page: Some(&DNE),
        testimonies: &[
            (
                "Léa Martin",
                "Designer UX",
                "Enseignante pendant six ans, je me suis reconvertie dans le design. \
                 Aujourd'hui je conçois des services pour mes anciens collègues et pour les \
                 familles. Les tests en classe sont mes moments préférés : rien ne remplace \
                 l'observation d'un élève devant un écran.",
            ),
            (
                "Mehdi Kaci",
                "Ingénieur data",
                "Nous construisons des indicateurs qui aident à piloter le système éducatif, \
                 du ministère jusqu'aux académies. Les données sont sensibles, le cadre est \
                 exigeant, mais l'équipe est soudée et les choix techniques se discutent \
                 vraiment.",
            ),
        ],
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Réseau Canopé",
        kind: Etablissement,
        parent: Some("Ministère de l'Éducation nationale"),
        website: Some("https://www.reseau-canope.fr"),
        short: "Réseau Canopé",
        pitch: "conçoit des ressources pédagogiques et accompagne les enseignant·es dans leurs \
                pratiques, notamment numériques",
        mail_domain: "reseau-canope.fr",
        domains: &["education-numerique", "accessibilite-numerique"],
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Ministère de l'Enseignement supérieur et de la Recherche",
        kind: Ministere,
        website: Some("https://www.enseignementsup-recherche.gouv.fr"),
        short: "le ministère de l'Enseignement supérieur et de la Recherche",
        pitch: "définit la politique d'enseignement supérieur et de recherche et s'appuie sur \
                des opérateurs qui comptent parmi les grands acteurs du numérique public",
        mail_domain: "enseignementsup-recherche.gouv.fr",
        home: Some("75056"),
        domains: &["open-data", "intelligence-artificielle"],
        page: Some(&ESR),
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Institut national de recherche en sciences et technologies du numérique",
        acronym: Some("Inria"),
        kind: Etablissement,
        parent: Some("Ministère de l'Enseignement supérieur et de la Recherche"),
        website: Some("https://www.inria.fr"),
        short: "Inria",
        pitch: "mène des recherches en sciences et technologies du numérique et transfère ses \
                résultats vers l'industrie, les startups et l'action publique",
        mail_domain: "inria.fr",
        domains: &["intelligence-artificielle", "logiciel-libre"],
        page: Some(&INRIA),
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Centre national de la recherche scientifique",
        acronym: Some("CNRS"),
        kind: Etablissement,
        parent: Some("Ministère de l'Enseignement supérieur et de la Recherche"),
        website: Some("https://www.cnrs.fr"),
        short: "le CNRS",
        pitch: "conduit des recherches dans tous les champs de la connaissance et opère des \
                infrastructures de calcul et de données au service des laboratoires",
        mail_domain: "cnrs.fr",
        domains: &["open-data", "cloud"],
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Ministère du Travail, de la Santé et des Solidarités",
        kind: Ministere,
        website: Some("https://travail-emploi.gouv.fr"),
        short: "les ministères sociaux",
        pitch: "portent les politiques du travail, de l'emploi, de la santé et des \
                solidarités, qui touchent chaque personne à chaque étape de sa vie",
        mail_domain: "social.gouv.fr",
        home: Some("75056"),
        domains: &["sante-numerique", "services-publics-en-ligne"],
        page: Some(&SOCIAL),
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Direction du numérique des ministères sociaux",
        acronym: Some("DNUM"),
        kind: Direction,
        parent: Some("Ministère du Travail, de la Santé et des Solidarités"),
        short: "la direction du numérique des ministères sociaux",
        pitch: "porte les systèmes d'information des ministères chargés du travail, de la \
                santé et des solidarités, et accompagne leurs grands projets numériques",
        mail_domain: "social.gouv.fr",
        home: Some("75056"),
        domains: &["sante-numerique", "services-publics-en-ligne", "open-data"],
        page: Some(&DNUM_SOCIAL),
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Fabrique numérique des ministères sociaux",
        kind: Service,
        parent: Some("Direction du numérique des ministères sociaux"),
        short: "la Fabrique numérique des ministères sociaux",
        pitch: "incube des services numériques conçus avec leurs usagers, sur le modèle des \
                startups d'État",
        mail_domain: "social.gouv.fr",
        home: Some("75056"),
        domains: &[
            "services-publics-en-ligne",
            "logiciel-libre",
            "accessibilite-numerique",
        ],
        testimonies: &[(
            "Jonas Weber",
            "Développeur full stack",
            "On livre en production plusieurs fois par semaine, on parle aux usagers, et le \
             code est ouvert. Je ne pensais pas trouver ça dans un ministère. Le plus \
             gratifiant : recevoir un message d'une inspectrice du travail qui nous dit que \
             l'outil lui fait gagner une demi-journée par semaine.",
        )],
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "France Travail",
        kind: Etablissement,
        parent: Some("Ministère du Travail, de la Santé et des Solidarités"),
        website: Some("https://www.francetravail.fr"),
        short: "France Travail",
        pitch: "accompagne les personnes en recherche d'emploi et les entreprises qui \
                recrutent, avec des services numériques utilisés par des millions de \
                personnes",
        mail_domain: "francetravail.fr",
        domains: &[
            "services-publics-en-ligne",
            "intelligence-artificielle",
            "open-data",
        ],
        page: Some(&FRANCE_TRAVAIL),
        ..OrgSpec::BLANK
    },
];

const JUSTICE: PageText = PageText {
    raison_d_etre: "Le ministère de la Justice veille au bon fonctionnement du service \
        public de la justice, à l'exécution des peines et à la protection de la jeunesse. \
        Le numérique doit rendre la justice plus rapide, plus accessible et plus lisible \
        pour les justiciables.",
    valeurs: "- L'accès au droit pour toutes et tous\n\
        - Le respect des libertés et de la vie privée\n\
        - L'écoute des professionnel·les de terrain",
    enjeux: "Dématérialiser la procédure de bout en bout, équiper les juridictions et les \
        établissements pénitentiaires, et rattraper un retard numérique reconnu.",
    missions: "Les équipes numériques développent les applications des juridictions, \
        équipent les agents et les magistrat·es, et déploient les infrastructures jusque \
        dans les établissements pénitentiaires.",
    projets: "- La procédure pénale numérique, menée avec le ministère de l'Intérieur\n\
        - La dématérialisation des procédures civiles\n\
        - De nouveaux services en ligne pour les justiciables\n\
        - Le renforcement des réseaux et des équipements des sites",
    organisation: "Le service du numérique, rattaché au secrétariat général, pilote les \
        projets nationaux ; des départements du numérique en région assurent le soutien de \
        proximité.",
    chiffres_cles: "Plusieurs milliers d'agents utilisent chaque jour les applications du \
        ministère, et plusieurs centaines de personnes travaillent à les construire et à \
        les faire fonctionner.",
    profils_recherches: "Chef·fes de projet, développeur·ses, architectes, technicien·nes \
        de proximité et expert·es en sécurité.",
    processus_recrutement: "Un entretien avec le ou la responsable du poste et un membre de \
        l'équipe. Une enquête administrative peut être demandée pour les postes en \
        établissement pénitentiaire.",
    nous_rejoindre: "Retrouvez nos offres sur Vivier, à Paris comme en région.",
};

const SNUM_JUSTICE: PageText = PageText {
    raison_d_etre: "Le service du numérique du ministère de la Justice conçoit et fait \
        fonctionner les outils numériques des juridictions, des services pénitentiaires et \
        de la protection judiciaire de la jeunesse.",
    missions: "- Conduire les projets applicatifs nationaux\n\
        - Opérer les infrastructures et les réseaux\n\
        - Assurer le soutien des utilisateurs en région\n\
        - Garantir la sécurité des systèmes",
    projets: "Procédure pénale numérique, dématérialisation des échanges avec les avocats, \
        modernisation des postes de travail et des réseaux des sites.",
    profils_recherches: "Développeur·ses Java et web, product owners, architectes, \
        administrateur·rices systèmes et chef·fes de projet.",
    ..PageText::BLANK
};

const EDUCATION: PageText = PageText {
    raison_d_etre: "Le ministère de l'Éducation nationale assure la formation de millions \
        d'élèves et l'accompagnement de centaines de milliers de personnels. Le numérique y \
        sert les apprentissages, la relation avec les familles et la gestion du système \
        éducatif.",
    valeurs: "- La réussite de chaque élève\n\
        - L'égalité d'accès aux ressources, partout sur le territoire\n\
        - La protection des données des élèves\n\
        - La confiance dans les équipes pédagogiques",
    enjeux: "Offrir des services numériques fiables aux élèves, aux familles et aux \
        enseignant·es, moderniser les applications de gestion et développer des ressources \
        pédagogiques numériques de qualité.",
    missions: "Les équipes numériques construisent des services pour la scolarité, les \
        examens, les ressources humaines et la pédagogie, en lien avec les services \
        académiques.",
    projets: "- Des services en ligne pour les familles et les élèves\n\
        - La modernisation des applications de gestion des personnels\n\
        - Des ressources et des outils pédagogiques numériques\n\
        - La protection des données scolaires",
    organisation: "La direction du numérique pour l'éducation pilote la politique \
        numérique ; les services académiques développent et exploitent une large part des \
        applications, dans toute la France.",
    chiffres_cles: "Plusieurs milliers de personnes travaillent dans les services \
        numériques du ministère et des académies.",
    profils_recherches: "Développeur·ses, chef·fes de projet, designers, data engineers, \
        administrateur·rices systèmes et technicien·nes.",
    processus_recrutement: "Entretien avec le service recruteur, souvent complété par un \
        échange technique. Les postes en académie sont publiés avec leur localisation \
        précise.",
    nous_rejoindre: "Les offres de la direction du numérique et des académies sont \
        publiées sur Vivier.",
};

const DNE: PageText = PageText {
    raison_d_etre: "La direction du numérique pour l'éducation conçoit et met en œuvre la \
        politique du numérique éducatif. Elle pilote aussi le système d'information des \
        ministères chargés de l'éducation, de l'enseignement supérieur et de la recherche.",
    enjeux: "Proposer des outils simples, sûrs et respectueux des données personnelles à \
        une communauté immense : élèves, familles, enseignant·es, personnels administratifs.",
    missions: "- Définir la stratégie numérique éducative\n\
        - Piloter les grands projets du système d'information\n\
        - Soutenir le développement de ressources et de services pédagogiques\n\
        - Animer les équipes numériques des académies",
    projets: "Services numériques pour les établissements, outils libres pour les \
        enseignant·es, données au service du pilotage, accessibilité des services aux élèves \
        en situation de handicap.",
    profils_recherches: "Product managers, designers, data engineers, développeur·ses et \
        chef·fes de projet.",
    processus_recrutement: "Deux entretiens : le premier avec l'équipe, le second avec la \
        sous-direction concernée.",
    ..PageText::BLANK
};

const ESR: PageText = PageText {
    raison_d_etre: "Le ministère de l'Enseignement supérieur et de la Recherche définit les \
        politiques publiques de formation supérieure, de recherche et d'innovation. Le \
        numérique y est à la fois un objet de recherche et un outil pour les étudiant·es et \
        les chercheur·ses.",
    valeurs: "La liberté académique, l'ouverture de la science et l'excellence guident nos \
        actions.",
    enjeux: "Développer la science ouverte, soutenir la recherche en intelligence \
        artificielle et offrir aux étudiant·es des services numériques à la hauteur.",
    missions: "Le ministère pilote les plateformes nationales d'orientation et de vie \
        étudiante, et soutient les infrastructures de calcul et de données de la recherche.",
    projets: "- La science ouverte : publications, données et codes de recherche\n\
        - Les infrastructures nationales de calcul\n\
        - Les plateformes d'admission et de vie étudiante",
    organisation: "Le ministère s'appuie sur ses directions et sur des opérateurs de \
        recherche, comme Inria et le CNRS, qui recrutent directement leurs équipes.",
    chiffres_cles: "Des centaines de laboratoires et des dizaines d'organismes et \
        d'universités composent l'écosystème de la recherche publique, qui emploie un grand \
        nombre d'ingénieur·es du numérique.",
    profils_recherches: "Ingénieur·es de recherche, data scientists, développeur·ses, \
        administrateur·rices de calcul scientifique et chef·fes de projet.",
    processus_recrutement: "Les opérateurs recrutent selon leurs propres procédures : \
        concours d'ingénieur·es et de technicien·nes, ou contrats sur projet.",
    nous_rejoindre: "Retrouvez les offres du ministère et de ses opérateurs sur Vivier.",
};

const INRIA: PageText = PageText {
    raison_d_etre: "Inria est l'institut national de recherche en sciences et technologies \
        du numérique. Ses équipes-projets, souvent communes avec des universités, produisent \
        des connaissances, des logiciels et des startups.",
    valeurs: "Excellence scientifique, transfert technologique et ouverture : de nombreux \
        logiciels issus de l'institut sont diffusés en source ouverte.",
    projets: "Intelligence artificielle de confiance, cybersécurité, calcul haute \
        performance, santé numérique, robotique, logiciels libres de référence.",
    organisation: "L'institut est organisé en centres de recherche répartis en France, qui \
        accueillent des équipes-projets et des services d'appui.",
    profils_recherches: "Ingénieur·es de recherche et de développement, data scientists, \
        ingénieur·es systèmes, chef·fes de projet et spécialistes de l'appui à la recherche.",
    ..PageText::BLANK
};

const SOCIAL: PageText = PageText {
    raison_d_etre: "Les ministères sociaux conduisent les politiques du travail, de \
        l'emploi, de la santé et des solidarités. Leurs services numériques touchent les \
        salarié·es, les employeurs, les patient·es, les professionnel·les de santé et les \
        personnes les plus fragiles.",
    valeurs: "- L'attention portée aux publics vulnérables\n\
        - L'accessibilité de tous les services\n\
        - L'ouverture du code et des données\n\
        - Le travail en réseau avec les opérateurs et les caisses",
    enjeux: "Simplifier l'accès aux droits, sécuriser les données de santé et accompagner \
        la transformation des métiers du social et de l'inspection du travail.",
    missions: "Les équipes numériques conçoivent des services en ligne, exploitent les \
        systèmes d'information des administrations centrales et des services déconcentrés, \
        et pilotent la régulation du numérique en santé.",
    projets: "- Des services d'information sur le droit du travail\n\
        - Les outils des inspecteur·rices du travail\n\
        - La doctrine et la sécurité du numérique en santé\n\
        - Les startups d'État de la Fabrique numérique",
    organisation: "La direction du numérique des ministères sociaux porte les systèmes \
        d'information et héberge la Fabrique numérique. Des opérateurs comme France Travail \
        disposent de leurs propres directions des systèmes d'information.",
    chiffres_cles: "Plusieurs centaines d'agents travaillent à la direction du numérique, \
        et plusieurs dizaines de produits numériques sont développés à la Fabrique.",
    profils_recherches: "Développeur·ses, product managers, designers, expert·es de la \
        sécurité des données de santé, architectes et chef·fes de projet.",
    processus_recrutement: "Un entretien avec l'équipe, un second avec la direction. Pour \
        les postes à la Fabrique, un échange sur un cas concret permet de vérifier \
        l'adéquation avec le mode de travail produit.",
    nous_rejoindre: "Toutes nos offres sont sur Vivier ; celles de France Travail aussi.",
};

const DNUM_SOCIAL: PageText = PageText {
    raison_d_etre: "La direction du numérique des ministères sociaux met le numérique au \
        service des politiques du travail, de la santé et des solidarités, et de ses \
        agents.",
    missions: "- Conduire les projets applicatifs des ministères sociaux\n\
        - Opérer les infrastructures, le poste de travail et l'assistance\n\
        - Incuber des services numériques avec la Fabrique\n\
        - Contribuer à la régulation du numérique en santé",
    projets: "Modernisation des outils de l'inspection du travail, services en ligne pour \
        les usagers, cloud interne, ouverture de données sociales.",
    profils_recherches: "Architectes, développeur·ses, ingénieur·es systèmes, data \
        engineers et chef·fes de projet.",
    ..PageText::BLANK
};

const FRANCE_TRAVAIL: PageText = PageText {
    raison_d_etre: "France Travail accompagne les personnes en recherche d'emploi et les \
        entreprises qui recrutent. Ses services numériques sont au cœur de la relation avec \
        des millions d'usagers et des dizaines de milliers de conseiller·es.",
    enjeux: "Personnaliser l'accompagnement grâce aux données, simplifier les démarches et \
        outiller les conseiller·es, dans le respect des droits des personnes.",
    missions: "La direction des systèmes d'information développe et exploite les \
        applications de l'opérateur, ses sites et applications mobiles, et ses outils \
        d'intelligence artificielle.",
    projets: "- Les services en ligne des demandeur·ses d'emploi\n\
        - Les outils de mise en relation avec les entreprises\n\
        - L'intelligence artificielle au service des conseiller·es\n\
        - L'ouverture de données et d'API sur le marché du travail",
    profils_recherches: "Développeur·ses, data scientists, product owners, ingénieur·es \
        DevOps et expert·es en sécurité, dans plusieurs villes de France.",
    processus_recrutement: "Entretien avec le ou la manager et un membre de l'équipe, \
        complété pour les postes techniques par un échange sur vos réalisations.",
    ..PageText::BLANK
};
