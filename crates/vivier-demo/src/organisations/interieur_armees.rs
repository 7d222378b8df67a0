//! The ministry of the Interior and the ministry of the Armed Forces.

use vivier_domain::organisation::OrganisationKind::{Direction, Etablissement, Ministere, Service};

use super::{OrgSpec, PageText};

pub(super) const ORGS: &[OrgSpec] = &[
    OrgSpec {
        name: "Ministère de l'Intérieur",
        kind: Ministere,
        website: Some("https://www.interieur.gouv.fr"),
        short: "le ministère de l'Intérieur",
        pitch: "assure la sécurité des Français, l'administration du territoire et \
                l'organisation des élections, avec des systèmes d'information qui \
                fonctionnent jour et nuit",
        mail_domain: "interieur.gouv.fr",
        home: Some("75056"),
        domains: &["defense-et-securite", "identite-numerique"],
        page: Some(&MININT),
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Direction du numérique du ministère de l'Intérieur",
        acronym: Some("DNUM"),
        kind: Direction,
        parent: Some("Ministère de l'Intérieur"),
        short: "la direction du numérique du ministère de l'Intérieur",
        pitch: "conçoit et opère les applications, les réseaux et les outils de travail des \
                préfectures, des services centraux et des forces de sécurité",
        mail_domain: "interieur.gouv.fr",
        home: Some("75056"),
        domains: &["reseaux-et-telecoms", "cloud", "services-publics-en-ligne"],
        page: Some(&DNUM_INTERIEUR),
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "France Titres",
        acronym: Some("ANTS"),
        kind: Etablissement,
        parent: Some("Ministère de l'Intérieur"),
        website: Some("https://ants.gouv.fr"),
        short: "France Titres",
        pitch: "produit et délivre les titres sécurisés des Français (carte d'identité, \
                passeport, permis de conduire, certificat d'immatriculation) et les démarches \
                en ligne qui les accompagnent",
        mail_domain: "ants.gouv.fr",
        home: Some("08105"),
        domains: &["identite-numerique", "services-publics-en-ligne"],
        page: Some(&FRANCE_TITRES),
        testimonies: &[(
            "Élodie Marchand",
            "Product owner",
            "Nos usagers font une démarche parfois une seule fois dans leur vie, souvent dans \
             l'urgence. Chaque écran que nous simplifions, ce sont des appels en moins et des \
             personnes moins stressées. J'aime travailler avec les agents des guichets, qui \
             nous font remonter ce qu'ils observent.",
        )],
    },
    OrgSpec {
        name: "Direction générale de la Gendarmerie nationale",
        acronym: Some("DGGN"),
        kind: Direction,
        parent: Some("Ministère de l'Intérieur"),
        website: Some("https://www.gendarmerie.interieur.gouv.fr"),
        short: "la Gendarmerie nationale",
        pitch: "assure la sécurité publique sur la majeure partie du territoire et développe \
                ses propres outils numériques pour les unités de terrain",
        mail_domain: "gendarmerie.interieur.gouv.fr",
        home: Some("92040"),
        domains: &["defense-et-securite", "intelligence-artificielle"],
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Service des technologies et des systèmes d'information de la sécurité intérieure",
        acronym: Some("ST(SI)²"),
        kind: Service,
        parent: Some("Direction générale de la Gendarmerie nationale"),
        short: "le ST(SI)²",
        pitch: "conçoit et maintient les systèmes d'information et de communication communs à \
                la police et à la gendarmerie nationales",
        mail_domain: "interieur.gouv.fr",
        home: Some("92040"),
        domains: &["defense-et-securite", "reseaux-et-telecoms"],
        page: Some(&STSI2),
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Ministère des Armées",
        kind: Ministere,
        website: Some("https://www.defense.gouv.fr"),
        short: "le ministère des Armées",
        pitch: "prépare et met en œuvre la politique de défense, et s'appuie sur des systèmes \
                d'information et de communication de haut niveau de sécurité",
        mail_domain: "intradef.gouv.fr",
        home: Some("75056"),
        domains: &["defense-et-securite"],
        page: Some(&MINARM),
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Direction générale du numérique et des systèmes d'information et de communication",
        acronym: Some("DGNUM"),
        kind: Direction,
        parent: Some("Ministère des Armées"),
        short: "la DGNUM",
        pitch: "définit la stratégie numérique du ministère des Armées, en garantit la \
                cohérence et pilote la transformation numérique des armées, directions et \
                services",
        mail_domain: "intradef.gouv.fr",
        home: Some("75056"),
        domains: &["defense-et-securite", "cloud", "intelligence-artificielle"],
        page: Some(&DGNUM),
        testimonies: &[(
            "Capucine Lefèvre",
            "Architecte d'entreprise",
            "On imagine parfois le ministère comme un monde fermé. J'y ai trouvé des équipes \
             mixtes, civils et militaires, très ouvertes aux nouvelles méthodes. Mon rôle : \
             aider à faire les bons choix techniques pour des décennies, ce qui oblige à \
             penser loin.",
        )],
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Direction interarmées des réseaux d'infrastructure et des systèmes d'information de la défense",
        acronym: Some("DIRISI"),
        kind: Direction,
        parent: Some("Ministère des Armées"),
        short: "la DIRISI",
        pitch: "opère les réseaux, les infrastructures et les systèmes d'information des \
                armées, en métropole, outre-mer et en opérations",
        mail_domain: "intradef.gouv.fr",
        domains: &["reseaux-et-telecoms", "defense-et-securite", "cloud"],
        page: Some(&DIRISI),
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Direction générale de l'armement",
        acronym: Some("DGA"),
        kind: Direction,
        parent: Some("Ministère des Armées"),
        short: "la DGA",
        pitch: "conçoit, acquiert et évalue les systèmes d'armes des forces armées et \
                prépare l'avenir technologique de la défense",
        mail_domain: "intradef.gouv.fr",
        home: Some("75056"),
        domains: &["defense-et-securite"],
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "DGA Maîtrise de l'information",
        acronym: Some("DGA MI"),
        kind: Service,
        parent: Some("Direction générale de l'armement"),
        short: "DGA Maîtrise de l'information",
        pitch: "est le centre d'expertise et d'essais de la DGA pour la cybersécurité, les \
                systèmes d'information et de communication et la guerre électronique",
        mail_domain: "intradef.gouv.fr",
        home: Some("35047"),
        domains: &["defense-et-securite", "intelligence-artificielle"],
        page: Some(&DGA_MI),
        testimonies: &[
            (
                "Hugo Perrin",
                "Ingénieur en rétro-ingénierie",
                "Je passe mes journées à comprendre comment fonctionnent des logiciels et des \
                 composants que personne ne documente. Les sujets sont pointus, les moyens \
                 sont là, et on travaille avec des collègues qui figurent parmi les \
                 meilleur·es du domaine en France.",
            ),
            (
                "Fatoumata Diallo",
                "Cheffe de projet essais",
                "J'organise les campagnes d'évaluation de systèmes de communication. C'est un \
                 métier de coordination, entre les ingénieur·es, les industriels et les \
                 forces. Vivre en Bretagne avec un métier aussi stimulant, c'était inespéré.",
            ),
        ],
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Agence ministérielle pour l'intelligence artificielle de défense",
        acronym: Some("AMIAD"),
        kind: Service,
        parent: Some("Ministère des Armées"),
        short: "l'AMIAD",
        pitch: "développe et déploie des solutions d'intelligence artificielle souveraines au \
                profit des armées et des services du ministère",
        mail_domain: "intradef.gouv.fr",
        domains: &["intelligence-artificielle", "defense-et-securite"],
        ..OrgSpec::BLANK
    },
];

const MININT: PageText = PageText {
    raison_d_etre: "Le ministère de l'Intérieur protège les personnes et les biens, \
        garantit l'exercice des libertés publiques et représente l'État dans les \
        territoires. Le numérique y est omniprésent : communications des forces de \
        sécurité, délivrance des titres, organisation des élections.",
    valeurs: "- Le service de la sécurité de tous\n\
        - La disponibilité : nos services ne s'arrêtent jamais\n\
        - La loyauté et la discrétion\n\
        - La proximité avec les agents de terrain",
    enjeux: "Moderniser les outils des policier·es, des gendarmes et des agents de \
        préfecture, sécuriser des données particulièrement sensibles et rendre les \
        démarches des usagers plus simples.",
    missions: "Les équipes numériques du ministère développent des applications métier, \
        opèrent des réseaux sécurisés, équipent les agents mobiles et accompagnent les \
        préfectures dans leurs projets.",
    projets: "- Les communications à haut débit des forces de sécurité\n\
        - La dématérialisation des démarches liées aux titres et aux étrangers\n\
        - La modernisation des postes de travail et de la messagerie\n\
        - La sécurisation des systèmes sensibles",
    organisation: "La direction du numérique porte les projets transverses ; la police et \
        la gendarmerie nationales disposent de services techniques spécialisés ; France \
        Titres gère les titres sécurisés. Des équipes numériques travaillent aussi en \
        préfecture.",
    chiffres_cles: "Plusieurs milliers d'agents, civils et militaires, travaillent dans le \
        numérique au sein du ministère, à Paris et sur l'ensemble du territoire.",
    profils_recherches: "Ingénieur·es réseaux et télécoms, développeur·ses, expert·es en \
        cybersécurité, chef·fes de projet et technicien·nes de proximité.",
    processus_recrutement: "Un ou deux entretiens avec le service recruteur. La plupart des \
        postes nécessitent une enquête administrative, et certains une habilitation : \
        comptez quelques semaines supplémentaires avant votre arrivée.",
    nous_rejoindre: "Toutes les directions du ministère publient leurs offres numériques \
        sur Vivier. Les candidatures en préfecture sont aussi possibles pour des postes de \
        proximité partout en France.",
};

const DNUM_INTERIEUR: PageText = PageText {
    raison_d_etre: "La direction du numérique du ministère de l'Intérieur met le numérique \
        au service des missions du ministère. Elle est responsable des infrastructures, des \
        réseaux, de nombreuses applications et des outils de travail de dizaines de \
        milliers d'agents.",
    enjeux: "Garantir la continuité de services vitaux, renforcer la sécurité face aux \
        attaques et conduire de grands programmes de modernisation sans rupture pour les \
        agents.",
    missions: "- Opérer les réseaux et les centres de données du ministère\n\
        - Développer et maintenir les applications métier\n\
        - Équiper et assister les agents\n\
        - Piloter les grands projets numériques",
    projets: "Réseaux de communication des forces de sécurité, applications pour les \
        préfectures, hébergement en cloud interne, modernisation de l'environnement de \
        travail des agents.",
    profils_recherches: "Architectes, ingénieur·es systèmes et réseaux, développeur·ses, \
        spécialistes de la sécurité opérationnelle et chef·fes de projet.",
    processus_recrutement: "Entretien avec le ou la responsable du poste et un membre de \
        l'équipe, puis enquête administrative.",
    ..PageText::BLANK
};

const FRANCE_TITRES: PageText = PageText {
    raison_d_etre: "France Titres, l'Agence nationale des titres sécurisés, délivre les \
        titres qui attestent l'identité et les droits des Français : carte nationale \
        d'identité, passeport, permis de conduire, certificat d'immatriculation. Elle \
        conçoit les démarches en ligne et les systèmes qui les rendent possibles.",
    valeurs: "Simplicité pour l'usager, sécurité des titres et protection des données \
        personnelles guident chacun de nos choix.",
    enjeux: "Rendre les démarches plus rapides, lutter contre la fraude documentaire et \
        accompagner le développement de l'identité numérique.",
    projets: "- La simplification des démarches de demande de titres\n\
        - L'identité numérique sur téléphone mobile\n\
        - La modernisation des systèmes de production des titres",
    organisation: "L'agence, établissement public placé sous la tutelle du ministère de \
        l'Intérieur, est implantée à Charleville-Mézières et à Paris.",
    profils_recherches: "Product owners, développeur·ses, expert·es en sécurité, \
        architectes et spécialistes de la relation usagers.",
    ..PageText::BLANK
};

const STSI2: PageText = PageText {
    raison_d_etre: "Le service des technologies et des systèmes d'information de la sécurité \
        intérieure conçoit les outils numériques communs à la police et à la gendarmerie. \
        Militaires et civils y travaillent ensemble au service des forces de terrain.",
    missions: "Nous concevons, développons et maintenons des applications et des \
        équipements de communication utilisés chaque jour par les policier·es et les \
        gendarmes, au bureau comme en intervention.",
    profils_recherches: "Développeur·ses mobiles et web, ingénieur·es radio et réseaux, \
        architectes et testeur·ses.",
    processus_recrutement: "Entretien avec l'équipe, puis procédure d'habilitation adaptée \
        au poste.",
    ..PageText::BLANK
};

const MINARM: PageText = PageText {
    raison_d_etre: "Le ministère des Armées prépare et met en œuvre la politique de défense \
        de la France. Le numérique y est un enjeu opérationnel : il relie les forces, \
        protège les informations et donne l'avantage dans tous les champs de conflictualité, \
        y compris le cyberespace.",
    valeurs: "- Le sens de la mission et de l'engagement\n\
        - L'exigence de sécurité\n\
        - La cohésion entre civils et militaires\n\
        - L'innovation au service des forces",
    enjeux: "Disposer de systèmes d'information résilients et souverains, intégrer \
        l'intelligence artificielle et la donnée dans les opérations, et faire face à la \
        menace cyber.",
    missions: "Les équipes numériques du ministère conçoivent, achètent, déploient et \
        opèrent des systèmes allant du poste de travail de bureau aux réseaux de \
        communication en opérations extérieures.",
    projets: "- La modernisation des réseaux et des centres de données de la défense\n\
        - La valorisation des données et l'intelligence artificielle de défense\n\
        - La cyberdéfense des systèmes du ministère\n\
        - La dématérialisation des processus d'administration",
    organisation: "La DGNUM porte la stratégie numérique ; la DIRISI opère les réseaux et \
        les systèmes ; la DGA conduit les programmes et l'expertise technique. De nombreux \
        postes civils sont ouverts dans chacune de ces entités.",
    chiffres_cles: "Le ministère est l'un des premiers employeurs de profils numériques de \
        l'État : plusieurs milliers de civils et de militaires y exercent un métier du \
        numérique.",
    profils_recherches: "Ingénieur·es systèmes et réseaux, expert·es en cybersécurité, \
        développeur·ses, data scientists, chef·fes de projet et acheteur·ses.",
    processus_recrutement: "Un entretien avec le service recruteur, parfois complété par un \
        entretien technique. La quasi-totalité des postes nécessite une habilitation au \
        secret de la défense nationale, instruite après votre recrutement.",
    nous_rejoindre: "Les postes civils du ministère sont publiés sur Vivier. Pour une \
        carrière militaire dans le numérique, les armées disposent de leurs propres \
        parcours de recrutement.",
};

const DGNUM: PageText = PageText {
    raison_d_etre: "La direction générale du numérique et des systèmes d'information et de \
        communication définit la stratégie numérique du ministère des Armées et veille à la \
        cohérence de ses systèmes d'information.",
    missions: "- Élaborer la stratégie et la politique numérique du ministère\n\
        - Définir l'architecture d'ensemble des systèmes d'information\n\
        - Piloter la sécurité numérique et la gouvernance des données\n\
        - Accompagner les projets de transformation",
    projets: "Stratégie cloud du ministère, gouvernance de la donnée, modernisation de \
        l'environnement numérique des agents, développement de l'intelligence artificielle.",
    profils_recherches: "Architectes, urbanistes des systèmes d'information, expert·es en \
        gouvernance des données, chef·fes de projet et juristes du numérique.",
    ..PageText::BLANK
};

const DIRISI: PageText = PageText {
    raison_d_etre: "La direction interarmées des réseaux d'infrastructure et des systèmes \
        d'information est l'opérateur numérique du ministère des Armées. Elle fait \
        fonctionner les réseaux et les systèmes dont les forces ont besoin, partout où elles \
        sont engagées.",
    enjeux: "Assurer une continuité de service sans faille, y compris en opérations, et \
        moderniser des infrastructures réparties sur tout le territoire et à l'étranger.",
    missions: "Exploitation des réseaux et des centres de données, soutien des utilisateurs, \
        déploiement des systèmes de communication, cyberprotection des infrastructures.",
    organisation: "La DIRISI s'appuie sur un réseau de directions régionales et de centres \
        spécialisés en métropole et outre-mer, ce qui offre des postes dans de nombreuses \
        villes.",
    profils_recherches: "Technicien·nes et ingénieur·es réseaux, administrateur·rices \
        systèmes, spécialistes des télécommunications et de la supervision.",
    ..PageText::BLANK
};

const DGA_MI: PageText = PageText {
    raison_d_etre: "DGA Maîtrise de l'information est le centre d'expertise technique de la \
        Direction générale de l'armement pour les systèmes d'information, la cybersécurité \
        et la guerre électronique. Il est implanté à Bruz, près de Rennes.",
    missions: "Évaluer la sécurité des systèmes, mener des essais, analyser des menaces et \
        conseiller les programmes d'armement sur les choix techniques.",
    projets: "Évaluation de produits de sécurité, développement d'outils d'analyse, essais \
        de systèmes de communication, recherche en cryptographie et en intelligence \
        artificielle de confiance.",
    profils_recherches: "Ingénieur·es en cybersécurité, cryptologues, spécialistes de la \
        rétro-ingénierie, ingénieur·es radiofréquences et data scientists.",
    processus_recrutement: "Entretien technique avec l'équipe, puis habilitation au secret \
        de la défense nationale.",
    nous_rejoindre: "Le centre accueille aussi de nombreux stagiaires et apprenti·es en \
        cybersécurité : c'est une excellente porte d'entrée.",
    ..PageText::BLANK
};
