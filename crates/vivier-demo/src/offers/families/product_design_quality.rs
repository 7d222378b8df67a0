//! Templates of the product and project, design, and quality job families.

use super::super::templates::Level::{Any, Senior};
use super::super::templates::Tier::{Engineer, Technician};
use super::super::templates::{Family, title, v, vd};

pub(crate) const PRODUIT: Family = Family {
    slug: "produit-et-projet",
    weight: 12,
    abroad: false,
    titles: &[
        title(
            "Product owner {}",
            "Vous portez la vision du produit, priorisez son contenu et vérifiez qu'il répond aux \
             besoins réels de ses usagers.",
            Any,
            Engineer,
            &[
                vd(
                    "– démarches en ligne",
                    "méthodes agiles, Jira, Figma et outils de mesure d'audience",
                    "services-publics-en-ligne",
                ),
                vd(
                    "– identité numérique",
                    "méthodes agiles, parcours d'authentification et RGPD",
                    "identite-numerique",
                ),
                v(
                    "– outils des agents",
                    "méthodes agiles, tests utilisateurs et backlog produit",
                ),
                vd(
                    "– santé",
                    "méthodes agiles, données de santé et interopérabilité",
                    "sante-numerique",
                ),
                vd(
                    "– éducation",
                    "méthodes agiles, tests en classe et tableaux de bord",
                    "education-numerique",
                ),
            ],
        ),
        title(
            "Product manager",
            "Vous identifiez les problèmes des usagers qui valent la peine d'être résolus et \
             conduisez le produit vers un impact mesurable.",
            Any,
            Engineer,
            &[v(
                "",
                "découverte produit, indicateurs d'impact, tests utilisateurs et feuille de route",
            )],
        ),
        title(
            "Chef·fe de projet SI",
            "Vous pilotez un projet de système d'information de bout en bout : cadrage, planning, \
             budget, risques, recette et mise en service.",
            Any,
            Engineer,
            &[
                v(
                    "",
                    "méthodes agiles et cycle en V, planification et gestion des risques",
                ),
                v(
                    "",
                    "pilotage de prestataires, recette et conduite du changement",
                ),
            ],
        ),
        title(
            "Chef·fe de projet {}",
            "Vous conduisez un projet du cadrage à la mise en service, en coordonnant les équipes \
             internes et les prestataires.",
            Any,
            Engineer,
            &[
                v(
                    "applicatif",
                    "pilotage de projet, recette, Jira et Confluence",
                ),
                v(
                    "infrastructure",
                    "pilotage de projet, ITIL et gestion des changements",
                ),
                vd(
                    "dématérialisation",
                    "pilotage de projet, parcours usagers et démarches en ligne",
                    "services-publics-en-ligne",
                ),
            ],
        ),
        title(
            "Directeur·rice de projet",
            "Vous dirigez un programme numérique d'envergure, en rendez compte à la direction et \
             en garantissez les résultats.",
            Senior,
            Engineer,
            &[v(
                "",
                "gouvernance de programme, budget, marchés publics et comités de pilotage",
            )],
        ),
        title(
            "Coach agile",
            "Vous accompagnez les équipes et leurs responsables dans l'adoption de pratiques \
             agiles adaptées à leur contexte.",
            Any,
            Engineer,
            &[v(
                "",
                "Scrum, Kanban, facilitation et amélioration continue",
            )],
        )
        .with(COACH_ACTIVITIES, COACH_SKILLS),
        title(
            "Assistant·e à maîtrise d'ouvrage (AMOA)",
            "Vous recueillez et formalisez les besoins des services métier, puis vérifiez que les \
             solutions livrées y répondent.",
            Any,
            Technician,
            &[v(
                "",
                "expression de besoins, spécifications fonctionnelles et recette",
            )],
        ),
    ],
    missions: &[
        "Vous portez la vision d'un produit numérique et arbitrez son contenu pour qu'il \
         réponde aux besoins réels de ses usagers.",
        "Vous pilotez un projet de système d'information de bout en bout : cadrage, \
         planning, budget, risques, recette et mise en service.",
        "Vous faites le lien entre les directions métier, les équipes techniques et les \
         prestataires, et facilitez les décisions.",
        "Vous mesurez l'impact du service et orientez les priorités à partir des retours des \
         usagers et des agents.",
        "Vous accompagnez les équipes dans l'adoption de pratiques agiles et dans \
         l'amélioration continue de leur fonctionnement.",
        "Vous conduisez le changement auprès des utilisateur·rices : formation, \
         communication, accompagnement au démarrage.",
    ],
    contexts: &[
        "Le produit est utilisé par un public très large, dont des personnes éloignées du \
         numérique : la simplicité est une exigence.",
        "Le projet est suivi au plus haut niveau et mobilise plusieurs directions ainsi que \
         des prestataires.",
        "L'équipe a été constituée récemment et construit ses méthodes de travail.",
        "Une première version du service est en ligne ; il s'agit désormais de l'étendre à \
         de nouveaux publics.",
    ],
    activities: &[
        "Animer les ateliers de recueil des besoins",
        "Rédiger et prioriser les récits utilisateur",
        "Construire et tenir la feuille de route",
        "Préparer et animer les comités de pilotage",
        "Suivre le budget, le planning et les risques",
        "Organiser et suivre la recette",
        "Piloter les prestataires et suivre l'exécution des marchés",
        "Définir et suivre les indicateurs d'impact",
        "Organiser des tests avec les usagers",
        "Préparer la mise en service et l'accompagnement des utilisateur·rices",
        "Rendre compte de l'avancement à la direction",
    ],
    skills: &[
        "Une expérience de la gestion de produit ou de projet numérique",
        "La pratique des méthodes agiles",
        "Une bonne compréhension des enjeux techniques, sans être développeur·se",
        "Des qualités d'écoute, de synthèse et de négociation",
        "Une aisance à l'écrit comme à l'oral",
        "Idéalement, une connaissance du fonctionnement de l'administration",
        "Le goût du terrain et des échanges avec les usagers",
    ],
    teams: &[
        "Vous travaillez avec une équipe de {n} personnes : développeur·ses, designer et \
         expert·es métier.",
        "Le bureau des projets compte {n} chef·fes de projet, qui partagent leurs méthodes et \
         leurs outils.",
        "Vous êtes rattaché·e au ou à la responsable du pôle produit, qui anime une communauté \
         de {n} personnes.",
    ],
    domains: &[
        "services-publics-en-ligne",
        "identite-numerique",
        "sante-numerique",
        "education-numerique",
    ],
};

pub(crate) const DESIGN: Family = Family {
    slug: "design",
    weight: 6,
    abroad: false,
    titles: &[
        title(
            "UX designer",
            "Vous concevez des parcours et des interfaces simples, testés avec les usagers et \
             conformes aux règles d'accessibilité.",
            Any,
            Engineer,
            &[vd(
                "",
                "Figma, tests utilisateurs, DSFR et prototypage",
                "accessibilite-numerique",
            )],
        ),
        title(
            "UI designer",
            "Vous concevez les interfaces du service et faites vivre ses composants graphiques, \
             en cohérence avec le Système de design de l'État.",
            Any,
            Engineer,
            &[v("", "Figma, DSFR, systèmes de design et prototypage")],
        ),
        title(
            "Designer de services",
            "Vous repensez un service public de bout en bout, en ligne comme au guichet, avec les \
             usagers et les agents qui le rendent.",
            Any,
            Engineer,
            &[vd(
                "",
                "entretiens, ateliers, cartes de parcours et prototypes",
                "services-publics-en-ligne",
            )],
        ),
        title(
            "UX researcher",
            "Vous menez des recherches auprès des usagers et des agents, et en tirez des \
             recommandations qui orientent le produit.",
            Any,
            Engineer,
            &[v("", "entretiens, observation, tests et synthèses")],
        ),
        title(
            "Expert·e accessibilité numérique",
            "Vous faites progresser l'accessibilité des services numériques : audits, \
             accompagnement des équipes et formation.",
            Any,
            Engineer,
            &[vd(
                "",
                "RGAA, lecteurs d'écran, audits et formation",
                "accessibilite-numerique",
            )],
        ),
        title(
            "Lead designer",
            "Vous animez l'équipe de designers, garantissez la cohérence des produits et défendez \
             la place des usagers dans les décisions.",
            Senior,
            Engineer,
            &[v("", "Figma, DSFR, recherche utilisateur et management")],
        ),
    ],
    missions: &[
        "Vous concevez des parcours simples et accessibles, à partir d'une compréhension fine \
         des usagers et des agents.",
        "Vous menez des recherches utilisateur (entretiens, observations, tests) et en \
         tirez des recommandations concrètes pour l'équipe.",
        "Vous concevez les interfaces du service dans le respect du Système de design de \
         l'État et des règles d'accessibilité.",
        "Vous faites de l'accessibilité numérique une réalité : audits, corrections, \
         formation des équipes.",
        "Vous animez des ateliers avec les usagers, les agents et les équipes techniques pour \
         imaginer ensemble le service de demain.",
    ],
    contexts: &[
        "Les usagers du service vivent souvent des situations difficiles ; le design doit \
         réduire la charge administrative qui pèse sur eux.",
        "L'équipe dispose d'un panel d'usagers volontaires et teste chaque nouvelle \
         fonctionnalité avant de la généraliser.",
        "Le service doit atteindre la conformité au référentiel général d'amélioration de \
         l'accessibilité (RGAA).",
    ],
    activities: &[
        "Conduire des entretiens et des tests utilisateurs",
        "Produire des parcours, des maquettes et des prototypes",
        "Animer des ateliers de co-conception",
        "Contribuer au système de design et à sa documentation",
        "Réaliser des audits d'accessibilité",
        "Travailler au quotidien avec les développeur·ses",
        "Simplifier les textes et les courriers adressés aux usagers",
        "Partager les enseignements de la recherche avec l'équipe",
        "Mesurer la satisfaction et l'efficacité des parcours",
    ],
    skills: &[
        "Un portfolio présentant votre démarche, pas seulement vos maquettes",
        "La maîtrise d'un outil de conception d'interfaces",
        "La connaissance du RGAA et des technologies d'assistance",
        "Une pratique de la recherche utilisateur",
        "Le goût de l'écriture simple",
        "La capacité à défendre les usagers face aux contraintes",
    ],
    teams: &[
        "Vous rejoignez une équipe produit de {n} personnes et la communauté des designers de \
         l'État.",
        "Le pôle design compte {n} designers, qui interviennent sur plusieurs produits.",
    ],
    domains: &["accessibilite-numerique", "services-publics-en-ligne"],
};

pub(crate) const QUALITE: Family = Family {
    slug: "qualite-et-tests",
    weight: 4,
    abroad: false,
    titles: &[
        title(
            "Testeur·se fonctionnel·le",
            "Vous vérifiez que chaque version de l'application répond aux besoins, en concevant \
             et en exécutant les tests.",
            Any,
            Technician,
            &[v(
                "",
                "cahiers de recette, outil de gestion des tests et Jira",
            )],
        ),
        title(
            "Ingénieur·e en automatisation des tests",
            "Vous automatisez les tests de l'application et les intégrez à la chaîne de \
             déploiement continu.",
            Any,
            Engineer,
            &[
                v("", "Playwright, Cypress, TypeScript et GitLab CI"),
                v("", "Robot Framework, Python, Selenium et Jenkins"),
            ],
        ),
        title(
            "Responsable qualité logicielle",
            "Vous définissez la stratégie de qualité logicielle et accompagnez les équipes dans \
             sa mise en œuvre.",
            Senior,
            Engineer,
            &[v(
                "",
                "stratégie de tests, SonarQube, indicateurs de qualité et recette",
            )],
        ),
        title(
            "Ingénieur·e performance",
            "Vous mesurez et améliorez la tenue en charge des services, en particulier avant les \
             périodes de forte affluence.",
            Any,
            Engineer,
            &[v("", "Gatling, k6, JMeter et observabilité")],
        )
        .with(PERFORMANCE_ACTIVITIES, &[]),
        title(
            "Auditeur·rice accessibilité (RGAA)",
            "Vous réalisez des audits d'accessibilité selon le RGAA et accompagnez les équipes \
             dans les corrections.",
            Any,
            Engineer,
            &[vd(
                "",
                "RGAA, NVDA, VoiceOver et outils d'audit",
                "accessibilite-numerique",
            )],
        )
        .with(ACCESSIBILITY_AUDIT_ACTIVITIES, &[]),
    ],
    missions: &[
        "Vous définissez et mettez en œuvre la stratégie de tests d'une application, pour \
         livrer souvent sans régression.",
        "Vous automatisez les tests fonctionnels et les intégrez à la chaîne de déploiement \
         continu.",
        "Vous vérifiez que les services tiennent la charge lors des pics d'activité et \
         identifiez les goulets d'étranglement.",
        "Vous contrôlez la conformité des services aux règles d'accessibilité et \
         accompagnez les équipes dans les corrections.",
    ],
    contexts: &[
        "Les mises en production sont fréquentes et la confiance dans les tests \
         conditionne le rythme de livraison.",
        "Le service connaît des pics de fréquentation très marqués à certaines périodes de \
         l'année.",
        "L'obligation d'accessibilité des services publics numériques est une priorité de la \
         direction.",
    ],
    activities: &[
        "Rédiger les plans et les cas de test",
        "Automatiser les tests de bout en bout",
        "Exécuter les campagnes de recette et suivre les anomalies",
        "Mettre en place des tests de charge",
        "Mesurer la couverture et la qualité du code",
        "Réaliser des audits d'accessibilité et rédiger les déclarations",
        "Participer aux cérémonies agiles de l'équipe",
        "Former les développeur·ses aux bonnes pratiques de test",
    ],
    skills: &[
        "Une expérience des tests fonctionnels et de la recette",
        "La pratique d'un outil d'automatisation des tests",
        "Des notions de développement",
        "Une connaissance du RGAA, indispensable pour les audits d'accessibilité",
        "La rigueur et le sens du détail",
        "La capacité à communiquer les anomalies sans froisser",
    ],
    teams: &[
        "Vous travaillez au sein d'une équipe produit de {n} personnes.",
        "La cellule qualité compte {n} personnes et intervient auprès de plusieurs équipes.",
    ],
    domains: &["accessibilite-numerique", "services-publics-en-ligne"],
};

/// Activities of agile coaches.
const COACH_ACTIVITIES: &[&str] = &[
    "Accompagner les équipes dans leurs rituels et leur organisation",
    "Animer des rétrospectives et des ateliers de résolution de problèmes",
    "Former les agents et les managers aux pratiques agiles",
    "Aider les directions à adapter leur pilotage à un mode produit",
    "Mesurer les progrès avec les équipes et ajuster l'accompagnement",
    "Animer une communauté de pratique interne",
];

/// Skills of agile coaches.
const COACH_SKILLS: &[&str] = &[
    "Une expérience confirmée de l'accompagnement d'équipes agiles",
    "La maîtrise des techniques de facilitation",
    "La connaissance de plusieurs cadres de travail (Scrum, Kanban, approche produit)",
    "L'écoute, la patience et la pédagogie",
    "La capacité à dialoguer avec des managers et des directions",
    "Le goût de la transmission",
];

/// Activities of accessibility auditors.
const ACCESSIBILITY_AUDIT_ACTIVITIES: &[&str] = &[
    "Réaliser des audits de conformité au RGAA",
    "Rédiger les déclarations d'accessibilité et les schémas pluriannuels",
    "Tester les services avec des technologies d'assistance",
    "Accompagner les développeur·ses et les designers dans les corrections",
    "Former les équipes à l'accessibilité numérique",
    "Suivre les plans d'action et les indicateurs de conformité",
];

/// Activities of performance engineers.
const PERFORMANCE_ACTIVITIES: &[&str] = &[
    "Concevoir et exécuter des tests de charge",
    "Analyser les résultats et identifier les goulets d'étranglement",
    "Mettre en place le suivi des performances en production",
    "Préparer les périodes de forte affluence avec les équipes",
    "Proposer et vérifier des optimisations",
    "Automatiser les tests de performance dans la chaîne de déploiement",
];
