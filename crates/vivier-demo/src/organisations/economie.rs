//! The economic and financial ministries: DGFiP, customs, Insee and the shared digital service.

use vivier_domain::organisation::OrganisationKind::{Direction, Ministere, Service};

use super::{OrgSpec, PageText};

pub(super) const ORGS: &[OrgSpec] = &[
    OrgSpec {
        name: "Ministère de l'Économie et des Finances",
        kind: Ministere,
        website: Some("https://www.economie.gouv.fr"),
        short: "le ministère de l'Économie et des Finances",
        pitch: "conduit la politique économique, budgétaire et fiscale de l'État et gère des \
                systèmes d'information parmi les plus sollicités de l'administration",
        mail_domain: "finances.gouv.fr",
        home: Some("75056"),
        domains: &["services-publics-en-ligne"],
        page: Some(&MINEFI),
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Direction générale des Finances publiques",
        acronym: Some("DGFiP"),
        kind: Direction,
        parent: Some("Ministère de l'Économie et des Finances"),
        website: Some("https://www.impots.gouv.fr"),
        short: "la DGFiP",
        pitch: "calcule et recouvre l'impôt, tient les comptes publics et gère le paiement \
                des dépenses de l'État et des collectivités, avec des applications utilisées \
                par des millions d'usagers",
        mail_domain: "dgfip.finances.gouv.fr",
        domains: &["services-publics-en-ligne", "open-data"],
        page: Some(&DGFIP),
        testimonies: &[
            (
                "Nadia Fontaine",
                "Développeuse Java",
                "J'ai rejoint un établissement de services informatiques en région après \
                 plusieurs années en entreprise de services numériques. Je travaille sur une \
                 application que toute la France utilise au printemps : la montée en charge, \
                 c'est du concret. Et je rentre chez moi à 18 heures.",
            ),
            (
                "Julien Morel",
                "Administrateur systèmes Linux",
                "Je suis fonctionnaire depuis quinze ans et j'ai changé trois fois de métier \
                 sans changer d'employeur : pupitreur, puis exploitant, aujourd'hui \
                 administrateur Linux. La formation interne est un vrai atout.",
            ),
        ],
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Service des systèmes d'information de la DGFiP",
        kind: Service,
        parent: Some("Direction générale des Finances publiques"),
        short: "le service des systèmes d'information de la DGFiP",
        pitch: "conçoit, développe et exploite les applications fiscales et comptables de la \
                DGFiP, réparties entre des établissements de services informatiques dans \
                toute la France",
        mail_domain: "dgfip.finances.gouv.fr",
        domains: &["services-publics-en-ligne", "cloud"],
        page: Some(&SSI_DGFIP),
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Direction générale des Douanes et Droits indirects",
        acronym: Some("DGDDI"),
        kind: Direction,
        parent: Some("Ministère de l'Économie et des Finances"),
        website: Some("https://www.douane.gouv.fr"),
        short: "la Douane",
        pitch: "contrôle les flux de marchandises, perçoit des droits et taxes et lutte \
                contre les fraudes et les trafics",
        mail_domain: "douane.finances.gouv.fr",
        home: Some("93048"),
        domains: &["defense-et-securite", "intelligence-artificielle"],
        page: Some(&DOUANE),
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Institut national de la statistique et des études économiques",
        acronym: Some("Insee"),
        kind: Direction,
        parent: Some("Ministère de l'Économie et des Finances"),
        website: Some("https://www.insee.fr"),
        short: "l'Insee",
        pitch: "produit et diffuse les statistiques publiques sur l'économie et la société \
                françaises, du recensement de la population aux comptes nationaux",
        mail_domain: "insee.fr",
        home: Some("92049"),
        domains: &["open-data", "intelligence-artificielle"],
        page: Some(&INSEE),
        testimonies: &[(
            "Sophie Nguyen",
            "Data scientist",
            "À l'Insee, la rigueur statistique n'est pas négociable et c'est ce qui me plaît. \
             Je travaille sur l'usage de nouvelles sources de données, avec des collègues \
             statisticien·nes, informaticien·nes et économistes. Nos résultats sont publics \
             et attendus : chaque chiffre compte.",
        )],
    },
    OrgSpec {
        name: "Secrétariat général des ministères économiques et financiers",
        kind: Direction,
        parent: Some("Ministère de l'Économie et des Finances"),
        short: "le secrétariat général des ministères économiques et financiers",
        pitch: "pilote les fonctions transverses des ministères économiques et financiers : \
                ressources humaines, immobilier, achats et numérique",
        mail_domain: "finances.gouv.fr",
        home: Some("75056"),
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Service du numérique des ministères économiques et financiers",
        acronym: Some("SNUM"),
        kind: Service,
        parent: Some("Secrétariat général des ministères économiques et financiers"),
        short: "le service du numérique des ministères économiques et financiers",
        pitch: "fournit aux agents des ministères économiques et financiers leurs outils de \
                travail, leurs réseaux et des services numériques partagés",
        mail_domain: "finances.gouv.fr",
        home: Some("75056"),
        domains: &["cloud", "reseaux-et-telecoms"],
        ..OrgSpec::BLANK
    },
];

const MINEFI: PageText = PageText {
    raison_d_etre: "Le ministère de l'Économie et des Finances prépare et met en œuvre la \
        politique économique, budgétaire et fiscale du pays. Ses directions gèrent des \
        services numériques essentiels : déclaration des revenus, dédouanement, statistique \
        publique, paiement des dépenses de l'État.",
    valeurs: "- La fiabilité : nos applications traitent des sommes et des données sensibles\n\
        - La neutralité et l'égalité de traitement des usagers\n\
        - Le sens du collectif, entre directions et entre métiers",
    enjeux: "Moderniser des systèmes d'information anciens et critiques sans jamais \
        interrompre le service, exploiter les données pour mieux cibler les contrôles et \
        simplifier les démarches des particuliers comme des entreprises.",
    missions: "Les équipes numériques du ministère développent et exploitent des \
        applications à très fort volume, hébergent leurs propres infrastructures et \
        conduisent de grands programmes de refonte.",
    projets: "- La refonte progressive d'applications fiscales historiques\n\
        - Le développement de l'analyse de données pour la lutte contre la fraude\n\
        - La modernisation des postes de travail et des outils collaboratifs\n\
        - La facturation électronique entre entreprises",
    organisation: "Chaque grande direction (Finances publiques, Douanes, Insee) dispose de \
        ses propres équipes informatiques. Le secrétariat général porte les services \
        numériques communs à l'ensemble des agents du ministère.",
    chiffres_cles: "Plusieurs milliers d'agents travaillent dans les métiers du numérique \
        au sein des ministères économiques et financiers, à Paris et dans de nombreux \
        centres en région.",
    profils_recherches: "Développeur·ses, administrateur·rices systèmes, architectes, \
        data scientists, expert·es en cybersécurité et chef·fes de projet. Beaucoup de \
        postes sont ouverts aux débutant·es et accompagnés d'une formation.",
    processus_recrutement: "Les postes de titulaires sont pourvus par concours ou par \
        mutation ; de nombreux postes sont aussi ouverts aux contractuel·les. Les \
        entretiens sont conduits par l'équipe qui recrute, souvent avec un ou une \
        spécialiste du métier.",
    nous_rejoindre: "Retrouvez sur Vivier les offres de toutes les directions du ministère. \
        Les concours d'informaticien·nes sont aussi une porte d'entrée : renseignez-vous sur \
        leurs calendriers.",
};

const DGFIP: PageText = PageText {
    raison_d_etre: "La Direction générale des Finances publiques est au cœur des finances \
        de l'État et des collectivités. Son informatique fait fonctionner, chaque jour, le \
        calcul de l'impôt, la tenue des comptes publics et les services en ligne des \
        particuliers et des professionnels.",
    valeurs: "Service de l'usager, probité et fiabilité. Nos agents savent que leurs \
        applications touchent directement la vie des contribuables, des entreprises et des \
        collectivités.",
    enjeux: "Faire évoluer en continu des applications critiques, accueillir des pics de \
        charge considérables lors des campagnes déclaratives et transformer les \
        infrastructures tout en garantissant le secret fiscal.",
    missions: "- Développer et maintenir les applications fiscales et comptables\n\
        - Exploiter les centres de production et les réseaux\n\
        - Accompagner les utilisateurs internes\n\
        - Exploiter les données pour le pilotage et le contrôle",
    projets: "Refonte des applications de gestion de l'impôt, modernisation des chaînes de \
        développement et de déploiement, usage de l'analyse de données pour détecter les \
        fraudes, ouverture de nouveaux services en ligne.",
    organisation: "Les équipes informatiques sont réparties entre l'administration centrale \
        et des établissements de services informatiques implantés dans de nombreuses villes, \
        ce qui permet de travailler dans le numérique public loin de Paris.",
    chiffres_cles: "Plusieurs milliers d'agents exercent un métier informatique à la DGFiP. \
        Ses services en ligne comptent des dizaines de millions d'utilisateurs.",
    profils_recherches: "Développeur·ses Java et web, administrateur·rices systèmes, \
        ingénieur·es de production, chef·fes de projet et analystes de données.",
    processus_recrutement: "Un entretien avec le service qui recrute, accompagné pour les \
        postes techniques d'un échange avec un ou une référente technique. Les agents \
        recrutés bénéficient d'un parcours de formation à leur arrivée.",
    nous_rejoindre: "Les offres de la DGFiP sont publiées sur Vivier. Des concours \
        d'informaticien·nes sont aussi organisés régulièrement, avec des spécialités \
        programmeur, analyste et inspecteur·rice.",
};

const SSI_DGFIP: PageText = PageText {
    raison_d_etre: "Le service des systèmes d'information conçoit et fait fonctionner les \
        applications de la DGFiP. Il pilote les établissements de services informatiques, \
        où travaillent développeur·ses, exploitant·es et équipes d'assistance.",
    missions: "Nous assurons le développement, l'intégration, la production et la sécurité \
        des applications, du poste de travail de l'agent jusqu'aux serveurs qui calculent \
        l'impôt.",
    projets: "- Industrialisation des déploiements et généralisation de l'intégration \
        continue\n\
        - Migration d'applications vers une infrastructure de cloud interne\n\
        - Renforcement de la supervision et de l'observabilité",
    profils_recherches: "Nous recrutons en particulier des développeur·ses Java et Python, \
        des ingénieur·es systèmes Linux, des spécialistes des bases de données et des \
        chef·fes de projet techniques.",
    ..PageText::BLANK
};

const DOUANE: PageText = PageText {
    raison_d_etre: "La Douane protège l'économie et les citoyens : elle facilite le \
        commerce légal, perçoit des recettes fiscales et lutte contre les trafics. Ses \
        systèmes d'information sont indispensables au dédouanement de millions de \
        déclarations chaque année.",
    enjeux: "Dématérialiser totalement les procédures, échanger des données avec les \
        douanes européennes et exploiter les données pour mieux cibler les contrôles.",
    missions: "Les équipes informatiques développent les applications de dédouanement et \
        de fiscalité, opèrent les infrastructures et conçoivent des outils d'analyse de \
        risques au service des agents de terrain.",
    projets: "- Le guichet unique national du dédouanement\n\
        - L'analyse de risque appuyée sur la science des données\n\
        - La modernisation des outils des brigades",
    profils_recherches: "Développeur·ses, data scientists, architectes, administrateur·rices \
        systèmes et chef·fes de projet, à Montreuil et dans plusieurs centres informatiques \
        en région.",
    processus_recrutement: "Entretien avec le service qui recrute, puis, selon le poste, \
        avec un ou une responsable technique. Certains postes nécessitent une enquête \
        administrative préalable.",
    ..PageText::BLANK
};

const INSEE: PageText = PageText {
    raison_d_etre: "L'Institut national de la statistique et des études économiques \
        collecte, produit, analyse et diffuse des informations sur l'économie et la société \
        françaises. Son indépendance professionnelle garantit la confiance dans les chiffres \
        publics.",
    valeurs: "- L'indépendance et l'impartialité\n\
        - La qualité et la rigueur méthodologique\n\
        - La protection des données individuelles\n\
        - L'ouverture : les résultats sont publics et accessibles à tous",
    enjeux: "Exploiter de nouvelles sources de données, moderniser les chaînes de \
        production statistique et mettre les outils de la science des données au service de \
        la statistique publique.",
    missions: "L'informatique de l'Insee conçoit les applications de collecte, de \
        traitement et de diffusion, gère de grands répertoires d'entreprises et de personnes \
        et met à disposition des statisticien·nes des plateformes de calcul modernes.",
    projets: "Plateformes de science des données en source ouverte, refonte des outils de \
        collecte par internet, modernisation des répertoires, diffusion de données ouvertes \
        par API.",
    organisation: "Les équipes informatiques sont réparties entre la direction générale et \
        plusieurs établissements en région, en lien étroit avec les statisticien·nes.",
    chiffres_cles: "Plusieurs centaines d'informaticien·nes travaillent à l'Insee, au sein \
        d'un institut qui compte quelques milliers d'agents.",
    profils_recherches: "Data engineers, data scientists, développeur·ses Java et Python, \
        ingénieur·es DevOps et administrateur·rices de bases de données.",
    processus_recrutement: "Entretien avec l'équipe et le ou la responsable du poste. Pour \
        certains postes techniques, un court exercice pratique vous est proposé.",
    nous_rejoindre: "Consultez nos offres sur Vivier, ou préparez les concours de l'Insee \
        si vous souhaitez devenir fonctionnaire.",
};
