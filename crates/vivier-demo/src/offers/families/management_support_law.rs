//! Templates of the management, support, and purchasing and law job families.

use super::super::templates::Level::{Any, Senior};
use super::super::templates::Tier::{Engineer, Technician};
use super::super::templates::{Family, title, v, vd};

pub(crate) const PILOTAGE: Family = Family {
    slug: "pilotage-et-management-du-si",
    weight: 5,
    abroad: false,
    titles: &[
        title(
            "Directeur·rice des systèmes d'information (DSI)",
            "Vous dirigez les systèmes d'information du service et portez sa stratégie numérique \
             auprès de la direction.",
            Senior,
            Engineer,
            &[v("", "stratégie numérique, budget, management et sécurité")],
        ),
        title(
            "Responsable du pôle {}",
            "Vous encadrez un pôle et pilotez son activité, ses projets et son budget.",
            Senior,
            Engineer,
            &[
                v(
                    "applications",
                    "management, portefeuille applicatif et marchés publics",
                ),
                vd(
                    "infrastructures",
                    "management, hébergement, réseaux et exploitation",
                    "cloud",
                ),
                vd(
                    "données",
                    "management, gouvernance et valorisation des données",
                    "open-data",
                ),
            ],
        ),
        title(
            "Contrôleur·se de gestion des systèmes d'information",
            "Vous suivez les coûts du numérique, construisez les tableaux de bord et éclairez les \
             arbitrages budgétaires.",
            Any,
            Engineer,
            &[v(
                "",
                "budget, analyse des coûts, tableaux de bord et achats",
            )],
        )
        .with(ANALYSIS_ACTIVITIES, ANALYSIS_SKILLS),
        title(
            "Chargé·e de mission stratégie numérique",
            "Vous contribuez à l'élaboration de la stratégie numérique et suivez sa mise en œuvre \
             auprès des directions.",
            Any,
            Engineer,
            &[v(
                "",
                "schéma directeur, portefeuille de projets et indicateurs",
            )],
        )
        .with(ANALYSIS_ACTIVITIES, ANALYSIS_SKILLS),
        title(
            "Administrateur·rice ministériel·le des données",
            "Vous portez la politique de la donnée du ministère : circulation, ouverture, \
             algorithmes publics et codes sources.",
            Senior,
            Engineer,
            &[vd(
                "",
                "politique de la donnée, algorithmes publics et codes sources",
                "open-data",
            )],
        ),
        title(
            "Responsable de la transformation numérique",
            "Vous conduisez la transformation numérique du service, en lien avec les directions \
             métier et les équipes techniques.",
            Senior,
            Engineer,
            &[v(
                "",
                "conduite du changement, portefeuille de projets et management",
            )],
        ),
    ],
    missions: &[
        "Vous dirigez une équipe et pilotez un portefeuille de projets et de services \
         numériques, au service de la stratégie de votre administration.",
        "Vous élaborez le schéma directeur du numérique et suivez sa mise en œuvre.",
        "Vous pilotez le budget du numérique, éclairez les arbitrages et suivez la \
         performance des services.",
        "Vous animez la gouvernance des projets numériques et rendez compte à la direction \
         générale.",
        "Vous accompagnez vos équipes dans leur montée en compétences et dans l'adoption de \
         nouvelles façons de travailler.",
    ],
    contexts: &[
        "Le service connaît une forte transformation : nouveaux projets, nouvelles méthodes \
         et recrutements nombreux.",
        "La direction souhaite renforcer la maîtrise interne de son numérique et réduire sa \
         dépendance aux prestataires.",
        "Le portefeuille compte plusieurs dizaines d'applications, dont certaines en fin de \
         vie.",
    ],
    activities: &[
        "Manager une équipe pluridisciplinaire",
        "Préparer et exécuter le budget",
        "Arbitrer les priorités du portefeuille de projets",
        "Représenter le service dans les instances interministérielles",
        "Piloter les grands marchés et les relations avec les fournisseurs",
        "Construire des tableaux de bord de pilotage",
        "Conduire le dialogue social sur les évolutions d'organisation",
        "Recruter et fidéliser les talents du numérique",
        "Veiller à la sécurité et à la conformité des systèmes",
    ],
    skills: &[
        "Une expérience confirmée du management d'équipes numériques",
        "Une vision stratégique et le sens des priorités",
        "La connaissance du fonctionnement de l'administration et de ses règles budgétaires",
        "Des qualités relationnelles et de négociation",
        "Une culture technique suffisante pour arbitrer",
        "Le souci du développement des compétences de vos équipes",
    ],
    teams: &[
        "Vous encadrez une équipe de {n} agents, fonctionnaires et contractuel·les.",
        "Vous êtes rattaché·e à la direction et travaillez avec {n} responsables de pôle.",
    ],
    domains: &["open-data", "numerique-responsable", "cloud"],
};

pub(crate) const SUPPORT: Family = Family {
    slug: "support-et-exploitation",
    weight: 9,
    abroad: true,
    titles: &[
        title(
            "Technicien·ne support {}",
            "Vous prenez en charge les demandes et les incidents des agents, et les aidez à tirer \
             le meilleur de leurs outils.",
            Any,
            Technician,
            &[
                v(
                    "de proximité",
                    "postes Windows et Linux, imprimantes, téléphonie et outil de tickets",
                ),
                v(
                    "niveau 2",
                    "Active Directory, déploiement de postes, outil de tickets et ITIL",
                ),
            ],
        ),
        title(
            "Technicien·ne informatique",
            "Vous installez, maintenez et dépannez les équipements informatiques des agents d'un \
             ou plusieurs sites.",
            Any,
            Technician,
            &[v(
                "",
                "postes de travail, réseau local, visioconférence et outil de tickets",
            )],
        ),
        title(
            "Gestionnaire de parc informatique",
            "Vous gérez le parc informatique, de l'achat au reconditionnement, et tenez \
             l'inventaire à jour.",
            Any,
            Technician,
            &[v(
                "",
                "inventaire, logiciel de gestion de parc, achats et reconditionnement",
            )],
        ),
        title(
            "Pilote d'exploitation",
            "Vous surveillez le bon déroulement des traitements et des applications en \
             production, et réagissez aux incidents.",
            Any,
            Technician,
            &[v(
                "",
                "ordonnanceur, supervision, consignes d'exploitation et travail posté",
            )],
        )
        .with(OPERATOR_ACTIVITIES, &[]),
        title(
            "Responsable du centre de services",
            "Vous dirigez le centre de services et garantissez la qualité de l'assistance \
             apportée aux agents.",
            Senior,
            Engineer,
            &[v(
                "",
                "ITIL, outil de tickets, indicateurs de qualité de service et management",
            )],
        ),
        title(
            "Ingénieur·e poste de travail",
            "Vous concevez et maintenez l'environnement de travail des agents : postes, systèmes, \
             applications et déploiements.",
            Any,
            Engineer,
            &[
                v("", "Windows 11, Intune, SCCM, PowerShell et masterisation"),
                vd(
                    "",
                    "Linux sur poste de travail, Ansible et suites bureautiques libres",
                    "logiciel-libre",
                ),
            ],
        ),
    ],
    missions: &[
        "Vous assistez les agents dans l'usage de leurs outils numériques et résolvez leurs \
         incidents, sur site ou à distance.",
        "Vous garantissez le bon fonctionnement quotidien des applications en production et \
         réagissez vite en cas d'incident.",
        "Vous préparez, déployez et maintenez les postes de travail et les équipements des \
         agents.",
        "Vous organisez le centre de services pour que chaque demande soit traitée dans les \
         délais et que les utilisateur·rices soient tenus informés.",
        "Vous faites évoluer l'environnement de travail des agents et les accompagnez dans \
         les changements.",
    ],
    contexts: &[
        "Le service assiste plusieurs milliers d'agents, répartis sur de nombreux sites.",
        "Le renouvellement du parc et la généralisation d'outils collaboratifs souverains \
         sont en cours.",
        "Les applications exploitées sont critiques : certaines fonctionnent en continu, \
         jour et nuit.",
    ],
    activities: &[
        "Prendre en charge et résoudre les demandes et les incidents",
        "Installer et configurer les postes de travail et les périphériques",
        "Tenir à jour l'inventaire du parc",
        "Rédiger des fiches de résolution et enrichir la base de connaissances",
        "Former les agents aux nouveaux outils",
        "Surveiller les traitements et relancer les travaux en erreur",
        "Appliquer les consignes d'exploitation et escalader les incidents",
        "Préparer les salles et le matériel de visioconférence",
        "Participer aux déploiements de nouvelles versions",
        "Suivre les indicateurs de qualité de service",
    ],
    skills: &[
        "Une bonne connaissance des environnements Windows et, idéalement, Linux",
        "Des bases en réseau local",
        "Le sens du service et de la pédagogie",
        "La rigueur dans le suivi des tickets",
        "La capacité à garder son calme face à un utilisateur en difficulté",
        "Idéalement, la connaissance des bonnes pratiques ITIL",
    ],
    teams: &[
        "Vous rejoignez une équipe de {n} technicien·nes, encadrée par un·e responsable de \
         proximité.",
        "Le centre de services compte {n} agents, organisés en niveaux de support.",
        "Vous intégrez une équipe d'exploitation de {n} personnes qui assure une présence en \
         horaires élargis.",
    ],
    domains: &["logiciel-libre", "numerique-responsable"],
};

pub(crate) const ACHATS_DROIT: Family = Family {
    slug: "achats-et-droit-du-numerique",
    weight: 4,
    abroad: false,
    titles: &[
        title(
            "Acheteur·se IT",
            "Vous conduisez les achats de matériels, de logiciels et de prestations numériques, \
             du recensement du besoin à la notification.",
            Any,
            Engineer,
            &[v(
                "",
                "code de la commande publique, accords-cadres et sourcing",
            )],
        ),
        title(
            "Délégué·e à la protection des données (DPO)",
            "Vous veillez à la conformité des traitements de données personnelles et conseillez \
             les équipes dès la conception des projets.",
            Senior,
            Engineer,
            &[v(
                "",
                "RGPD, analyses d'impact, registre des traitements et CNIL",
            )],
        )
        .with(LAW_ACTIVITIES, LAW_SKILLS),
        title(
            "Juriste du numérique",
            "Vous sécurisez juridiquement les projets numériques : contrats, données \
             personnelles, propriété intellectuelle et licences.",
            Any,
            Engineer,
            &[
                vd(
                    "",
                    "RGPD, propriété intellectuelle et licences libres",
                    "logiciel-libre",
                ),
                vd(
                    "",
                    "droit de l'intelligence artificielle, RGPD et contrats",
                    "intelligence-artificielle",
                ),
            ],
        )
        .with(LAW_ACTIVITIES, LAW_SKILLS),
        title(
            "Responsable des achats numériques",
            "Vous définissez la stratégie d'achat du numérique et encadrez une équipe \
             d'acheteur·ses.",
            Senior,
            Engineer,
            &[v(
                "",
                "stratégie d'achat, commande publique et pilotage fournisseurs",
            )],
        ),
        title(
            "Gestionnaire de contrats et de licences logicielles",
            "Vous suivez les contrats et les licences logicielles, leurs échéances et leurs \
             coûts.",
            Any,
            Technician,
            &[v(
                "",
                "suivi des marchés, licences, inventaire logiciel et tableaux de bord",
            )],
        )
        .with(LICENCE_ACTIVITIES, &[]),
        title(
            "Chargé·e de mission conformité RGPD",
            "Vous accompagnez les services dans la mise en conformité de leurs traitements de \
             données personnelles.",
            Any,
            Engineer,
            &[v(
                "",
                "RGPD, registre des traitements, sensibilisation et audits",
            )],
        )
        .with(LAW_ACTIVITIES, LAW_SKILLS),
    ],
    missions: &[
        "Vous achetez les solutions et les prestations numériques dont le service a besoin, \
         en garantissant leur qualité, leur coût et le respect de la commande publique.",
        "Vous intégrez aux achats des exigences de sécurité, d'accessibilité et de sobriété \
         numérique.",
        "Vous pilotez les contrats et les licences logicielles pour en maîtriser les coûts et \
         éviter les dépendances.",
    ],
    contexts: &[
        "Le service engage chaque année des dépenses importantes en prestations et licences \
         numériques, qu'il souhaite mieux maîtriser.",
        "La montée en puissance des projets d'intelligence artificielle soulève de nouvelles \
         questions juridiques.",
        "L'administration renforce sa politique d'ouverture des codes sources et des \
         algorithmes publics.",
    ],
    activities: &[
        "Recenser les besoins et conduire le sourcing",
        "Rédiger les pièces des consultations et analyser les offres",
        "Négocier avec les fournisseurs",
        "Suivre l'exécution des marchés et des licences",
        "Mobiliser les accords-cadres et les centrales d'achat publiques",
        "Intégrer des critères environnementaux et sociaux aux consultations",
        "Conseiller les chef·fes de projet sur la stratégie d'achat",
        "Suivre la performance des fournisseurs",
    ],
    skills: &[
        "Une bonne connaissance du code de la commande publique",
        "La connaissance des marchés du logiciel, du matériel et des prestations numériques",
        "Une culture du numérique suffisante pour dialoguer avec les équipes techniques",
        "Des qualités rédactionnelles et de négociation",
        "Le sens de la pédagogie",
        "La rigueur et le sens de l'organisation",
    ],
    teams: &[
        "Vous rejoignez un bureau de {n} personnes, acheteur·ses, juristes et gestionnaires.",
        "Vous travaillez en lien avec une équipe de {n} juristes et les chef·fes de projet.",
    ],
    domains: &["logiciel-libre", "intelligence-artificielle", "open-data"],
};

/// Activities of analysts of the management of the information system.
const ANALYSIS_ACTIVITIES: &[&str] = &[
    "Préparer le budget du numérique et suivre son exécution",
    "Analyser les coûts des applications et des infrastructures",
    "Construire et faire vivre les tableaux de bord de la direction",
    "Suivre le portefeuille de projets et ses indicateurs",
    "Rédiger des notes de synthèse et préparer les instances de gouvernance",
    "Réaliser des études et des comparaisons avec d'autres administrations",
    "Représenter le service dans des groupes de travail interministériels",
];

/// Skills of analysts of the management of the information system.
const ANALYSIS_SKILLS: &[&str] = &[
    "Une excellente capacité d'analyse et de synthèse",
    "Une aisance rédactionnelle",
    "La maîtrise du tableur et des outils de visualisation",
    "Une culture du numérique et de ses enjeux",
    "Idéalement, la connaissance des règles budgétaires de l'État",
    "Le sens de la confidentialité",
];

/// Activities of operators of production.
const OPERATOR_ACTIVITIES: &[&str] = &[
    "Surveiller les traitements et relancer les travaux en erreur",
    "Appliquer les consignes d'exploitation",
    "Escalader les incidents vers les équipes d'astreinte",
    "Tenir la main courante et les comptes rendus de poste",
    "Contrôler les sauvegardes",
    "Participer aux mises en production programmées",
];

/// Activities of lawyers and data protection jobs.
const LAW_ACTIVITIES: &[&str] = &[
    "Tenir le registre des traitements de données personnelles",
    "Conduire ou accompagner les analyses d'impact relatives à la protection des données",
    "Conseiller les équipes sur le droit des données, des contrats et des licences",
    "Répondre aux demandes d'exercice des droits des personnes",
    "Traiter les échanges avec la CNIL",
    "Sensibiliser et former les agents",
    "Assurer une veille juridique sur le numérique et l'intelligence artificielle",
];

/// Skills of lawyers and data protection jobs.
const LAW_SKILLS: &[&str] = &[
    "Une formation juridique et une bonne maîtrise du RGPD",
    "La connaissance du droit de la propriété intellectuelle et des licences libres",
    "Une culture du numérique suffisante pour dialoguer avec les équipes techniques",
    "Des qualités rédactionnelles et le sens de la pédagogie",
    "La capacité à proposer des solutions plutôt qu'à seulement signaler des risques",
    "La rigueur et le sens de l'organisation",
];

/// Activities of contract and licence managers.
const LICENCE_ACTIVITIES: &[&str] = &[
    "Suivre les échéances des contrats et des licences",
    "Tenir l'inventaire des logiciels et de leurs droits d'usage",
    "Préparer les renouvellements avec les acheteur·ses",
    "Contrôler les factures et le service fait",
    "Produire des tableaux de bord de coûts",
    "Repérer les licences inutilisées et proposer des économies",
];
