//! Ecological transition, agriculture, culture, and Europe and foreign affairs.

use vivier_domain::organisation::OrganisationKind::{Direction, Etablissement, Ministere, Service};

use super::{OrgSpec, PageText};

pub(super) const ORGS: &[OrgSpec] = &[
    OrgSpec {
        name: "Ministère de la Transition écologique",
        kind: Ministere,
        website: Some("https://www.ecologie.gouv.fr"),
        short: "le ministère de la Transition écologique",
        pitch: "conduit les politiques du climat, de la biodiversité, des transports, du \
                logement et de la prévention des risques",
        mail_domain: "developpement-durable.gouv.fr",
        domains: &["numerique-responsable", "open-data", "geomatique"],
        page: Some(&ECOLOGIE),
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Direction du numérique des ministères de la Transition écologique",
        acronym: Some("DNUM"),
        kind: Direction,
        parent: Some("Ministère de la Transition écologique"),
        short: "la direction du numérique des ministères de la Transition écologique",
        pitch: "porte les systèmes d'information, les infrastructures et les services \
                numériques des ministères chargés de l'écologie, des transports et du \
                logement",
        mail_domain: "developpement-durable.gouv.fr",
        domains: &["numerique-responsable", "cloud", "open-data"],
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Fabrique numérique des ministères de la Transition écologique",
        kind: Service,
        parent: Some("Direction du numérique des ministères de la Transition écologique"),
        short: "la Fabrique numérique des ministères de la Transition écologique",
        pitch: "développe, avec des agents porteurs de projets, des services numériques au \
                service de la transition écologique, selon la méthode des startups d'État",
        mail_domain: "developpement-durable.gouv.fr",
        domains: &[
            "numerique-responsable",
            "services-publics-en-ligne",
            "open-data",
        ],
        page: Some(&FABRIQUE_ECOLOGIE),
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Institut national de l'information géographique et forestière",
        acronym: Some("IGN"),
        kind: Etablissement,
        parent: Some("Ministère de la Transition écologique"),
        website: Some("https://www.ign.fr"),
        short: "l'IGN",
        pitch: "décrit le territoire national et la forêt française, et produit les données \
                géographiques de référence dont ont besoin l'État, les collectivités et les \
                entreprises",
        mail_domain: "ign.fr",
        home: Some("94067"),
        domains: &["geomatique", "open-data", "intelligence-artificielle"],
        page: Some(&IGN),
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Météo-France",
        kind: Etablissement,
        parent: Some("Ministère de la Transition écologique"),
        website: Some("https://meteofrance.com"),
        short: "Météo-France",
        pitch: "observe l'atmosphère, prévoit le temps et étudie le climat, en s'appuyant sur \
                des moyens de calcul intensif",
        mail_domain: "meteo.fr",
        home: Some("31555"),
        domains: &["open-data", "intelligence-artificielle", "cloud"],
        page: Some(&METEO_FRANCE),
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Centre d'études et d'expertise sur les risques, l'environnement, la mobilité et l'aménagement",
        acronym: Some("Cerema"),
        kind: Etablissement,
        parent: Some("Ministère de la Transition écologique"),
        website: Some("https://www.cerema.fr"),
        short: "le Cerema",
        pitch: "apporte son expertise aux collectivités et à l'État sur l'aménagement, la \
                mobilité, les risques et l'environnement",
        mail_domain: "cerema.fr",
        domains: &["geomatique", "open-data"],
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Ministère de l'Agriculture et de la Souveraineté alimentaire",
        kind: Ministere,
        website: Some("https://agriculture.gouv.fr"),
        short: "le ministère de l'Agriculture et de la Souveraineté alimentaire",
        pitch: "accompagne les agriculteur·rices, veille à la sécurité sanitaire de \
                l'alimentation et forme les futurs professionnel·les du vivant",
        mail_domain: "agriculture.gouv.fr",
        domains: &["services-publics-en-ligne", "geomatique"],
        page: Some(&AGRICULTURE),
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Service du numérique du ministère de l'Agriculture",
        acronym: Some("SNUM"),
        kind: Service,
        parent: Some("Ministère de l'Agriculture et de la Souveraineté alimentaire"),
        short: "le service du numérique du ministère de l'Agriculture",
        pitch: "conçoit et exploite les systèmes d'information du ministère, des aides \
                agricoles aux contrôles sanitaires et à l'enseignement agricole",
        mail_domain: "agriculture.gouv.fr",
        domains: &["services-publics-en-ligne", "geomatique", "cloud"],
        page: Some(&SNUM_AGRICULTURE),
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Agence de services et de paiement",
        acronym: Some("ASP"),
        kind: Etablissement,
        parent: Some("Ministère de l'Agriculture et de la Souveraineté alimentaire"),
        short: "l'Agence de services et de paiement",
        pitch: "verse pour le compte de l'État et de l'Union européenne des aides publiques, \
                agricoles comme sociales, et développe les outils qui les instruisent",
        mail_domain: "asp-public.fr",
        home: Some("87085"),
        domains: &["services-publics-en-ligne", "geomatique"],
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Ministère de la Culture",
        kind: Ministere,
        website: Some("https://www.culture.gouv.fr"),
        short: "le ministère de la Culture",
        pitch: "protège et valorise le patrimoine, soutient la création et favorise l'accès \
                de toutes et tous à la culture",
        mail_domain: "culture.gouv.fr",
        home: Some("75056"),
        domains: &["open-data", "accessibilite-numerique"],
        page: Some(&CULTURE),
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Service du numérique du ministère de la Culture",
        kind: Service,
        parent: Some("Ministère de la Culture"),
        short: "le service du numérique du ministère de la Culture",
        pitch: "fournit les infrastructures, les applications et les services numériques du \
                ministère et de ses services déconcentrés",
        mail_domain: "culture.gouv.fr",
        home: Some("75056"),
        domains: &["open-data", "cloud"],
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Bibliothèque nationale de France",
        acronym: Some("BnF"),
        kind: Etablissement,
        parent: Some("Ministère de la Culture"),
        website: Some("https://www.bnf.fr"),
        short: "la BnF",
        pitch: "collecte, conserve et fait connaître le patrimoine documentaire national, et \
                en diffuse une large part en ligne",
        mail_domain: "bnf.fr",
        home: Some("75056"),
        domains: &[
            "open-data",
            "intelligence-artificielle",
            "accessibilite-numerique",
        ],
        page: Some(&BNF),
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Ministère de l'Europe et des Affaires étrangères",
        kind: Ministere,
        website: Some("https://www.diplomatie.gouv.fr"),
        short: "le ministère de l'Europe et des Affaires étrangères",
        pitch: "conduit la politique étrangère de la France et s'appuie sur un réseau \
                diplomatique et consulaire présent dans le monde entier",
        mail_domain: "diplomatie.gouv.fr",
        home: Some("75056"),
        domains: &["services-publics-en-ligne", "reseaux-et-telecoms"],
        page: Some(&MEAE),
        testimonies: &[(
            "Inès Moreau",
            "Volontaire internationale en administration, informatique",
            "J'ai passé deux ans au service informatique d'une ambassade. On y fait de tout : \
             réseau, postes de travail, sécurité, et même l'installation d'une liaison \
             satellite. C'est une expérience très formatrice, avec de vraies responsabilités \
             dès le premier jour.",
        )],
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Direction du numérique du ministère de l'Europe et des Affaires étrangères",
        acronym: Some("DNUM"),
        kind: Direction,
        parent: Some("Ministère de l'Europe et des Affaires étrangères"),
        short: "la direction du numérique du ministère de l'Europe et des Affaires étrangères",
        pitch: "relie l'administration centrale à plusieurs centaines d'ambassades et de \
                consulats, et développe les services consulaires en ligne",
        mail_domain: "diplomatie.gouv.fr",
        domains: &["reseaux-et-telecoms", "services-publics-en-ligne", "cloud"],
        page: Some(&DNUM_MEAE),
        ..OrgSpec::BLANK
    },
];

const ECOLOGIE: PageText = PageText {
    raison_d_etre: "Le ministère de la Transition écologique prépare et met en œuvre les \
        politiques qui doivent permettre à la France de réussir sa transition : climat, \
        énergie, biodiversité, transports, logement, prévention des risques. Le numérique y \
        est un levier, à condition d'être sobre.",
    valeurs: "- La sobriété numérique : mesurer et réduire notre empreinte\n\
        - L'ouverture des données environnementales\n\
        - Le travail avec les territoires et les collectivités",
    enjeux: "Donner aux citoyen·nes, aux élu·es et aux entreprises les informations et les \
        outils pour agir, instruire plus vite les démarches et moderniser des systèmes \
        d'information nombreux et hétérogènes.",
    missions: "Les équipes numériques développent des services en ligne, exploitent les \
        infrastructures des administrations centrales et des services déconcentrés, et \
        produisent des données de référence sur l'environnement.",
    projets: "- Des services pour la rénovation énergétique des logements\n\
        - Des outils de suivi de l'artificialisation des sols\n\
        - L'ouverture des données sur la qualité de l'eau et de l'air\n\
        - La réduction de l'empreinte environnementale des services numériques",
    organisation: "La direction du numérique porte le système d'information ministériel et \
        héberge la Fabrique numérique. Des établissements publics comme l'IGN, Météo-France \
        ou le Cerema recrutent aussi des profils numériques.",
    chiffres_cles: "Plusieurs centaines d'agents travaillent dans le numérique au sein des \
        ministères de la Transition écologique, et plusieurs dizaines de services numériques \
        ont été lancés par la Fabrique.",
    profils_recherches: "Développeur·ses, géomaticien·nes, data scientists, product \
        managers, designers et chef·fes de projet.",
    processus_recrutement: "Un entretien avec l'équipe et le ou la responsable du poste, \
        puis un retour rapide. Les postes en services déconcentrés sont ouverts partout en \
        France.",
    nous_rejoindre: "Retrouvez nos offres et celles de nos établissements sur Vivier.",
};

const FABRIQUE_ECOLOGIE: PageText = PageText {
    raison_d_etre: "La Fabrique numérique des ministères de la Transition écologique \
        accompagne des agents qui portent une idée de service utile à la transition \
        écologique. Elle constitue autour d'eux de petites équipes qui conçoivent, testent et \
        améliorent le service avec ses usagers.",
    valeurs: "- L'impact avant les fonctionnalités\n\
        - La sobriété dans la conception\n\
        - Le code ouvert et les données ouvertes",
    projets: "Outils de suivi de la biodiversité, services d'aide à la rénovation \
        énergétique, applications pour les inspecteur·rices de l'environnement, \
        visualisations de données sur l'eau.",
    profils_recherches: "Développeur·ses full stack, designers, product managers et coachs \
        agiles.",
    processus_recrutement: "Un échange avec l'équipe produit, puis un entretien avec la \
        Fabrique.",
    ..PageText::BLANK
};

const IGN: PageText = PageText {
    raison_d_etre: "L'Institut national de l'information géographique et forestière décrit \
        le territoire et son évolution. Ses données, désormais ouvertes, servent à \
        l'aménagement, à la prévention des risques, à l'agriculture, à la défense et à de \
        nombreux usages du quotidien.",
    enjeux: "Observer plus souvent et plus finement un territoire qui change vite, et \
        mettre ces données à disposition de tous sur une plateforme publique.",
    missions: "- Produire les référentiels géographiques nationaux\n\
        - Réaliser l'inventaire forestier\n\
        - Opérer une plateforme publique de données géographiques\n\
        - Conduire des recherches en sciences de l'information géographique",
    projets: "Cartographie du relief par laser aéroporté, plateforme nationale de données \
        géographiques, détection des changements par intelligence artificielle, jumeaux \
        numériques du territoire.",
    profils_recherches: "Développeur·ses, géomaticien·nes, data scientists spécialisés en \
        vision par ordinateur, ingénieur·es cloud et administrateur·rices de données.",
    processus_recrutement: "Entretien avec l'équipe et le ou la responsable du service, \
        parfois précédé d'un exercice technique.",
    ..PageText::BLANK
};

const METEO_FRANCE: PageText = PageText {
    raison_d_etre: "Météo-France est le service météorologique et climatologique national. \
        Il prévoit le temps, alerte sur les phénomènes dangereux et contribue à la \
        recherche sur le climat.",
    enjeux: "Prévoir plus précisément les phénomènes extrêmes, qui deviennent plus \
        fréquents, et traiter des volumes de données d'observation toujours plus grands.",
    missions: "Les équipes informatiques opèrent les supercalculateurs, développent les \
        chaînes de production des prévisions, les applications de vigilance et les \
        services de diffusion des données.",
    projets: "- Modèles de prévision à plus fine résolution\n\
        - Apprentissage automatique appliqué à la prévision\n\
        - Ouverture des données météorologiques publiques",
    organisation: "L'établissement est implanté principalement à Toulouse, avec des \
        directions interrégionales en métropole et outre-mer.",
    profils_recherches: "Ingénieur·es en calcul haute performance, développeur·ses Python \
        et Fortran, data engineers, administrateur·rices systèmes.",
    ..PageText::BLANK
};

const AGRICULTURE: PageText = PageText {
    raison_d_etre: "Le ministère de l'Agriculture et de la Souveraineté alimentaire \
        accompagne les agriculteur·rices et les filières, veille à la sécurité sanitaire de \
        l'alimentation et pilote l'enseignement agricole. Le numérique simplifie les \
        démarches et fiabilise les contrôles.",
    valeurs: "- La proximité avec le monde agricole\n\
        - La sécurité sanitaire au service de tous\n\
        - La simplicité des démarches",
    enjeux: "Faciliter les demandes d'aides, moderniser les outils des inspecteur·rices et \
        exploiter les données géographiques pour suivre les parcelles et les forêts.",
    missions: "Les équipes numériques conçoivent et exploitent les applications du \
        ministère : aides, contrôles sanitaires, enseignement, gestion des forêts.",
    projets: "- La simplification des déclarations des exploitant·es\n\
        - Les outils mobiles des inspecteur·rices\n\
        - La modernisation des systèmes de l'enseignement agricole",
    organisation: "Le service du numérique, rattaché au secrétariat général, travaille \
        avec des centres informatiques en région et avec les opérateurs du ministère.",
    chiffres_cles: "Plusieurs centaines d'agents travaillent dans le numérique au \
        ministère et dans ses établissements.",
    profils_recherches: "Développeur·ses, chef·fes de projet, géomaticien·nes, \
        administrateur·rices systèmes et technicien·nes de proximité.",
    processus_recrutement: "Entretien avec le ou la responsable du poste, puis avec l'équipe. \
        Les offres précisent le lieu d'affectation.",
    nous_rejoindre: "Nos offres sont publiées sur Vivier, y compris celles des services \
        en région.",
};

const SNUM_AGRICULTURE: PageText = PageText {
    raison_d_etre: "Le service du numérique du ministère de l'Agriculture conçoit, \
        développe et fait fonctionner les systèmes d'information du ministère.",
    missions: "- Piloter les projets applicatifs\n\
        - Héberger et exploiter les applications\n\
        - Équiper et assister les agents\n\
        - Garantir la sécurité des systèmes",
    profils_recherches: "Développeur·ses Java et PHP, chef·fes de projet, administrateur·rices \
        systèmes et réseaux, spécialistes des données géographiques.",
    ..PageText::BLANK
};

const CULTURE: PageText = PageText {
    raison_d_etre: "Le ministère de la Culture protège le patrimoine, soutient la création \
        et favorise l'accès de tous à la culture. Le numérique permet de diffuser les \
        collections, de simplifier les démarches des artistes et des professionnel·les, et \
        de toucher de nouveaux publics.",
    valeurs: "- L'accès de toutes et tous à la culture\n\
        - La préservation du patrimoine pour les générations futures\n\
        - L'ouverture des données culturelles",
    enjeux: "Numériser et diffuser les collections, moderniser les systèmes d'information \
        des services et des établissements, et accompagner les professionnel·les dans leurs \
        démarches.",
    missions: "Les équipes numériques développent des services en ligne, gèrent les \
        infrastructures du ministère et produisent des données culturelles ouvertes.",
    projets: "- Des bases de données patrimoniales ouvertes\n\
        - La dématérialisation des démarches des professionnel·les\n\
        - La modernisation du poste de travail des agents",
    organisation: "Le service du numérique porte les projets transverses ; les grands \
        établissements, comme la BnF, disposent de leurs propres équipes.",
    chiffres_cles: "Plusieurs dizaines d'établissements publics culturels travaillent avec \
        le ministère, dont beaucoup recrutent des profils numériques.",
    profils_recherches: "Développeur·ses, chef·fes de projet, data engineers, spécialistes \
        des bases de données documentaires et designers.",
    processus_recrutement: "Un entretien avec le service recruteur, éventuellement complété \
        par un échange technique.",
    nous_rejoindre: "Consultez nos offres et celles de nos établissements sur Vivier.",
};

const BNF: PageText = PageText {
    raison_d_etre: "La Bibliothèque nationale de France collecte, conserve, enrichit et \
        communique le patrimoine documentaire national. Sa bibliothèque numérique met en \
        ligne des millions de documents.",
    enjeux: "Conserver sur le très long terme des collections numériques qui grandissent \
        sans cesse et les rendre accessibles, y compris aux chercheur·ses qui les explorent \
        avec des outils d'intelligence artificielle.",
    missions: "Numérisation, archivage du web, conservation numérique pérenne, \
        développement des catalogues et de la bibliothèque numérique.",
    projets: "Archivage de l'internet français, traitement automatique des documents \
        numérisés, refonte des catalogues, accessibilité des collections.",
    profils_recherches: "Développeur·ses, ingénieur·es de données, spécialistes de la \
        préservation numérique, administrateur·rices systèmes.",
    ..PageText::BLANK
};

const MEAE: PageText = PageText {
    raison_d_etre: "Le ministère de l'Europe et des Affaires étrangères conduit la \
        politique étrangère de la France et protège les Français à l'étranger. Son réseau \
        d'ambassades et de consulats dépend de systèmes d'information et de communication \
        sûrs, partout dans le monde.",
    valeurs: "- Le service des Français de l'étranger\n\
        - La sécurité des communications diplomatiques\n\
        - La mobilité et l'ouverture internationale",
    enjeux: "Relier des postes diplomatiques dans des contextes parfois difficiles, \
        protéger les échanges sensibles et simplifier les démarches consulaires.",
    missions: "Les équipes numériques conçoivent les services consulaires en ligne, \
        opèrent les réseaux et les communications sécurisées, et soutiennent les postes à \
        l'étranger.",
    projets: "- La dématérialisation des démarches consulaires\n\
        - La modernisation des réseaux des postes diplomatiques\n\
        - La sécurisation des communications",
    organisation: "La direction du numérique est implantée à Paris et à Nantes ; des \
        agents du numérique sont aussi affectés dans les ambassades et les consulats.",
    chiffres_cles: "Le ministère s'appuie sur plusieurs centaines d'ambassades, de \
        représentations et de consulats, qui ont tous besoin de moyens numériques.",
    profils_recherches: "Ingénieur·es réseaux et télécoms, administrateur·rices systèmes, \
        développeur·ses, expert·es en sécurité et volontaires internationaux.",
    processus_recrutement: "Entretien avec le service recruteur, puis procédure \
        d'habilitation. Les postes à l'étranger suivent un calendrier de mobilité propre.",
    nous_rejoindre: "Nos offres, y compris les volontariats internationaux en \
        administration, sont publiées sur Vivier.",
};

const DNUM_MEAE: PageText = PageText {
    raison_d_etre: "La direction du numérique du ministère de l'Europe et des Affaires \
        étrangères fournit les infrastructures, les applications et les communications \
        sécurisées de l'administration centrale et du réseau diplomatique.",
    missions: "- Exploiter les réseaux et les communications sécurisées\n\
        - Développer les applications consulaires et métier\n\
        - Soutenir les postes à l'étranger\n\
        - Garantir la sécurité des systèmes",
    profils_recherches: "Ingénieur·es réseaux, administrateur·rices systèmes, \
        développeur·ses et chef·fes de projet, à Paris, à Nantes ou à l'étranger.",
    ..PageText::BLANK
};
