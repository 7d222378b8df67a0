//! The services of the Prime Minister: DINUM and its services, SGDSN and ANSSI.

use vivier_domain::organisation::OrganisationKind::{Direction, Ministere, Service};

use super::{OrgSpec, PageText};

pub(super) const ORGS: &[OrgSpec] = &[
    OrgSpec {
        name: "Services du Premier ministre",
        kind: Ministere,
        website: Some("https://www.gouvernement.fr"),
        short: "les services du Premier ministre",
        pitch: "coordonnent l'action du Gouvernement et portent plusieurs missions \
                interministérielles, du numérique à la sécurité nationale",
        mail_domain: "pm.gouv.fr",
        home: Some("75056"),
        domains: &["services-publics-en-ligne"],
        page: Some(&SERVICES_PM),
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Direction interministérielle du numérique",
        acronym: Some("DINUM"),
        kind: Direction,
        parent: Some("Services du Premier ministre"),
        website: Some("https://www.numerique.gouv.fr"),
        short: "la DINUM",
        pitch: "définit la stratégie numérique de l'État, accompagne les ministères dans leurs \
                projets et opère des services partagés par toutes les administrations",
        mail_domain: "numerique.gouv.fr",
        home: Some("75056"),
        domains: &[
            "services-publics-en-ligne",
            "logiciel-libre",
            "open-data",
            "cloud",
        ],
        page: Some(&DINUM),
        testimonies: &[
            (
                "Aïcha Benali",
                "Cheffe de projet données",
                "Je suis arrivée du privé pour un projet de dix-huit mois ; quatre ans plus \
                 tard, je suis toujours là. Ce qui m'a retenue, c'est de voir des données que \
                 nous avons ouvertes réutilisées par des collectivités, des chercheur·ses et \
                 des journalistes. On mesure vite l'utilité de ce qu'on fait.",
            ),
            (
                "Thomas Lemaire",
                "Ingénieur DevOps",
                "L'équipe est petite, les sujets sont vastes et on me fait confiance. Je \
                 travaille sur des outils que des centaines de milliers d'agents utilisent \
                 chaque jour, avec une vraie exigence de sécurité et le choix du logiciel \
                 libre. C'est un terrain de jeu technique rare.",
            ),
        ],
    },
    OrgSpec {
        name: "Opérateur de produits interministériels",
        acronym: Some("OPI"),
        kind: Service,
        parent: Some("Direction interministérielle du numérique"),
        short: "l'Opérateur de produits interministériels de la DINUM",
        pitch: "conçoit et exploite des outils numériques communs aux agents de l'État, comme \
                la messagerie instantanée, la visioconférence ou l'édition collaborative",
        mail_domain: "numerique.gouv.fr",
        home: Some("75056"),
        domains: &["logiciel-libre", "cloud"],
        page: Some(&OPI),
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Incubateur de services numériques",
        acronym: Some("beta.gouv.fr"),
        kind: Service,
        parent: Some("Direction interministérielle du numérique"),
        website: Some("https://beta.gouv.fr"),
        short: "l'incubateur de services numériques de la DINUM",
        pitch: "aide les administrations à résoudre des problèmes de politique publique en \
                lançant des startups d'État, de petites équipes autonomes centrées sur les \
                usagers",
        mail_domain: "beta.gouv.fr",
        home: Some("75056"),
        domains: &[
            "services-publics-en-ligne",
            "logiciel-libre",
            "accessibilite-numerique",
        ],
        page: Some(&INCUBATEUR),
        testimonies: &[(
            "Romane Garnier",
            "Coach startup d'État",
            "J'accompagne des intrapreneur·ses, des agents qui ont repéré un problème sur le \
             terrain et qui veulent le régler. Mon travail consiste à les aider à parler aux \
             usagers, à tester vite et à renoncer à ce qui ne marche pas. Voir un service \
             naître d'une intuition d'agent reste le meilleur moment du métier.",
        )],
    },
    OrgSpec {
        name: "Secrétariat général de la défense et de la sécurité nationale",
        acronym: Some("SGDSN"),
        kind: Direction,
        parent: Some("Services du Premier ministre"),
        website: Some("https://www.sgdsn.gouv.fr"),
        short: "le SGDSN",
        pitch: "assiste le Premier ministre en matière de défense et de sécurité nationale et \
                coordonne la préparation aux crises",
        mail_domain: "sgdsn.gouv.fr",
        home: Some("75056"),
        domains: &["defense-et-securite"],
        ..OrgSpec::BLANK
    },
    OrgSpec {
        name: "Agence nationale de la sécurité des systèmes d'information",
        acronym: Some("ANSSI"),
        kind: Service,
        parent: Some("Secrétariat général de la défense et de la sécurité nationale"),
        website: Some("https://cyber.gouv.fr"),
        short: "l'ANSSI",
        pitch: "est l'autorité nationale chargée de la sécurité et de la défense des systèmes \
                d'information, au service de l'État, des opérateurs essentiels et du grand \
                public",
        mail_domain: "ssi.gouv.fr",
        home: Some("75056"),
        domains: &["defense-et-securite", "cloud"],
        page: Some(&ANSSI),
        testimonies: &[
            (
                "Mathilde Roux",
                "Analyste réponse à incident",
                "Quand une administration ou un hôpital est attaqué, nous sommes parmi les \
                 premiers à intervenir. Les journées ne se ressemblent pas, mais il y a \
                 toujours quelqu'un pour relire une analyse ou prendre le relais. J'apprends \
                 énormément au contact de collègues très pointus et très disponibles.",
            ),
            (
                "Karim Haddad",
                "Auditeur en sécurité des systèmes d'information",
                "Je suis entré comme apprenti et je conduis aujourd'hui des audits de \
                 systèmes sensibles. L'agence investit réellement dans la formation : \
                 conférences, temps de recherche, partage de connaissances entre équipes. On \
                 progresse vite quand on est curieux.",
            ),
        ],
    },
];

const SERVICES_PM: PageText = PageText {
    raison_d_etre: "Les services du Premier ministre rassemblent les directions et organismes \
        qui appuient le chef du Gouvernement dans la conduite de l'action publique. \
        Plusieurs d'entre eux portent des missions interministérielles dans le numérique : \
        stratégie numérique de l'État, sécurité des systèmes d'information, ouverture des \
        données.",
    valeurs: "Nous travaillons au service de toutes les administrations, sans esprit de \
        chapelle.\n\n\
        - Le sens de l'intérêt général et de la continuité de l'État\n\
        - L'exigence de sécurité et de confidentialité\n\
        - La coopération entre ministères plutôt que la juxtaposition de solutions\n\
        - La transparence sur nos choix et nos résultats",
    enjeux: "Rendre les services publics plus simples et plus fiables, protéger les systèmes \
        d'information face à une menace en forte croissance et garantir la souveraineté \
        numérique de l'État. Ces enjeux demandent des compétences rares, que nous cherchons \
        à attirer et à faire grandir.",
    missions: "Nos équipes numériques définissent des règles communes, construisent des \
        services mutualisés et accompagnent les ministères dans leurs projets. Elles \
        interviennent aussi en cas de crise, lorsque la sécurité des systèmes de l'État ou de \
        la Nation est en jeu.",
    projets: "- Des outils de travail collaboratifs et souverains pour les agents publics\n\
        - L'ouverture et la circulation des données entre administrations\n\
        - La détection et le traitement des cyberattaques visant les services de l'État\n\
        - L'accompagnement des startups d'État, de l'idée à la généralisation",
    organisation: "Les services du Premier ministre comprennent notamment la Direction \
        interministérielle du numérique (DINUM) et le Secrétariat général de la défense et de \
        la sécurité nationale (SGDSN), auquel est rattachée l'Agence nationale de la sécurité \
        des systèmes d'information (ANSSI). Chaque entité recrute pour ses propres équipes.",
    chiffres_cles: "Plusieurs centaines d'agents travaillent sur le numérique au sein des \
        services du Premier ministre, dans des équipes de tailles très diverses : de la \
        startup d'État de quatre personnes aux centres opérationnels de sécurité fonctionnant \
        jour et nuit.",
    profils_recherches: "Nous recrutons des profils techniques (développement, \
        infrastructure, sécurité, données), des profils produit et design, ainsi que des \
        experts du pilotage de projets interministériels. Les postes sont ouverts aux \
        fonctionnaires comme aux contractuel·les.",
    processus_recrutement: "Chaque offre précise les étapes. En général : un premier \
        échange avec l'équipe, un entretien plus approfondi avec le ou la responsable du \
        poste, parfois un exercice pratique. Certains postes exigent une habilitation, dont \
        la procédure vous est expliquée dès le début.",
    nous_rejoindre: "Consultez les offres publiées par chacune de nos entités sur Vivier. \
        Vous ne trouvez pas le poste qui vous correspond ? Revenez régulièrement : de \
        nouvelles offres sont publiées chaque semaine.",
};

const DINUM: PageText = PageText {
    raison_d_etre: "La Direction interministérielle du numérique (DINUM) a pour mission \
        d'élaborer la stratégie numérique de l'État et de piloter sa mise en œuvre. Elle \
        accompagne les ministères dans leur transformation et construit, avec eux, des \
        services numériques utiles aux usagers comme aux agents.",
    valeurs: "- Les usagers d'abord : un service public numérique se juge à son usage réel\n\
        - Le logiciel libre et les standards ouverts, par défaut\n\
        - La mutualisation : ce qui est construit une fois doit servir à tous\n\
        - L'autonomie et la confiance accordées aux équipes",
    enjeux: "L'État doit reprendre la maîtrise de ses outils et de ses données, réduire sa \
        dépendance à des solutions qu'il ne contrôle pas et attirer les meilleurs talents du \
        numérique. La DINUM porte ces chantiers pour l'ensemble de l'administration.",
    missions: "- Définir les règles et les doctrines communes (cloud, données, \
        accessibilité, achats)\n\
        - Concevoir et opérer des produits interministériels\n\
        - Accompagner les projets numériques majeurs des ministères\n\
        - Animer la filière des métiers du numérique de l'État",
    projets: "La DINUM développe une suite d'outils collaboratifs souverains pour les \
        agents, des services d'identification et d'échange de données entre \
        administrations, et accompagne des dizaines de startups d'État. Elle pilote aussi \
        l'ouverture des données publiques et des codes sources de l'administration.",
    organisation: "La direction est organisée en départements thématiques (produits \
        interministériels, données, incubateur, ressources humaines du numérique, \
        accompagnement des projets). Les équipes produit fonctionnent en mode agile, avec \
        une forte autonomie.",
    chiffres_cles: "Quelques centaines d'agents, fonctionnaires et contractuel·les, dont une \
        majorité de profils techniques et produit. Les services opérés par la DINUM sont \
        utilisés par des centaines de milliers d'agents publics.",
    profils_recherches: "Développeur·ses, ingénieur·es DevOps et SRE, data engineers, \
        product managers, designers, expert·es de l'achat public numérique et chef·fes de \
        projet interministériels.",
    processus_recrutement: "Un entretien avec l'équipe qui recrute, puis un entretien avec \
        la direction du département concerné. Pour les postes techniques, un échange sur un \
        cas pratique ou sur votre code remplace le plus souvent le test écrit. Nous nous \
        engageons à vous répondre dans les trois semaines suivant l'entretien.",
    nous_rejoindre: "Toutes nos offres sont publiées sur Vivier. Les candidatures \
        spontanées sont étudiées, mais une candidature sur une offre précise reste la voie la \
        plus rapide.",
};

const OPI: PageText = PageText {
    raison_d_etre: "L'Opérateur de produits interministériels construit et fait fonctionner \
        les outils numériques du quotidien des agents publics : messagerie instantanée, \
        visioconférence, documents partagés. Notre ambition : des outils aussi agréables \
        que ceux du grand public, hébergés et maîtrisés par l'État.",
    valeurs: "Nous choisissons le logiciel libre, nous contribuons aux projets que nous \
        utilisons et nous travaillons avec d'autres administrations européennes qui \
        partagent les mêmes besoins.",
    enjeux: "Des centaines de milliers d'utilisateurs comptent sur nos services : la \
        disponibilité, la sécurité et la performance sont au cœur de notre travail.",
    projets: "- Une suite collaborative souveraine pour les agents de l'État\n\
        - La messagerie instantanée sécurisée des agents publics\n\
        - La visioconférence de l'État, pour les réunions du quotidien\n\
        - L'interconnexion de ces outils avec les annuaires des ministères",
    organisation: "Chaque produit est porté par une équipe pluridisciplinaire : product \
        manager, développeur·ses, designer, ingénieur·es d'exploitation. Une équipe \
        plateforme commune gère l'hébergement et l'observabilité.",
    profils_recherches: "Développeur·ses Python, TypeScript et React, ingénieur·es SRE \
        familiers de Kubernetes, designers d'interface et product managers.",
    ..PageText::BLANK
};

const INCUBATEUR: PageText = PageText {
    raison_d_etre: "L'incubateur de services numériques accompagne des agents publics qui \
        veulent résoudre un problème concret rencontré par les usagers ou par leurs \
        collègues. Il finance et outille de petites équipes, les startups d'État, qui \
        construisent un service par itérations courtes.",
    valeurs: "- Partir d'un problème, pas d'une solution\n\
        - Mesurer l'impact réel plutôt que les livrables\n\
        - Ouvrir le code, les données et les statistiques d'usage\n\
        - Savoir arrêter un produit qui ne trouve pas son public",
    missions: "Nous sélectionnons les projets, constituons les équipes, les coachons et les \
        aidons à passer de l'expérimentation au déploiement. Nous animons aussi un réseau \
        d'incubateurs ministériels qui partagent les mêmes méthodes.",
    projets: "Les startups d'État couvrent des sujets très variés : aide aux démarches \
        administratives, emploi, logement, environnement, justice ou éducation. Chacune \
        publie son code source et ses indicateurs d'impact.",
    profils_recherches: "Nous recherchons des coachs, des développeur·ses, des designers et \
        des intrapreneur·ses prêts à travailler en autonomie, au plus près des usagers.",
    processus_recrutement: "Les membres des équipes sont recrutés par l'incubateur ou par \
        l'administration porteuse du projet. Un premier échange permet de vérifier que le \
        mode de travail vous convient, puis vous rencontrez l'équipe.",
    ..PageText::BLANK
};

const ANSSI: PageText = PageText {
    raison_d_etre: "L'Agence nationale de la sécurité des systèmes d'information est \
        l'autorité nationale en matière de cybersécurité. Elle protège les systèmes \
        d'information de l'État et accompagne les acteurs essentiels au fonctionnement du \
        pays face aux attaques informatiques.",
    valeurs: "Nous cultivons l'excellence technique, la discrétion et le partage des \
        connaissances. Nos agents sont au service d'une mission qui les dépasse : la \
        sécurité numérique de la Nation.",
    enjeux: "Les attaques se multiplient et se professionnalisent : rançongiciels, \
        espionnage, déstabilisation. L'agence doit détecter plus tôt, répondre plus vite et \
        élever le niveau de sécurité de l'ensemble de l'écosystème.",
    missions: "- Détecter les attaques et y répondre\n\
        - Conseiller et accompagner les administrations et les opérateurs\n\
        - Évaluer et qualifier des produits et des prestataires de sécurité\n\
        - Élaborer la réglementation et les recommandations techniques\n\
        - Sensibiliser et former",
    projets: "L'agence renforce ses capacités de détection, accompagne la mise en œuvre des \
        nouvelles obligations européennes de cybersécurité et développe des outils d'analyse \
        publiés en source ouverte.",
    organisation: "L'ANSSI est rattachée au Secrétariat général de la défense et de la \
        sécurité nationale. Elle est organisée en sous-directions (opérations, expertise, \
        stratégie, numérique) et dispose d'un centre de formation.",
    chiffres_cles: "L'agence compte de l'ordre de quelques centaines d'agents, en grande \
        majorité ingénieur·es et expert·es, et traite chaque année plusieurs milliers de \
        signalements d'incidents.",
    profils_recherches: "Analystes SOC et CERT, expert·es en rétro-ingénierie, auditeur·rices, \
        architectes sécurité, cryptographes, juristes spécialisés et chef·fes de projet.",
    processus_recrutement: "Après un premier entretien, vous rencontrez l'équipe. Les \
        postes exigent une habilitation au secret de la défense nationale : la procédure, \
        qui peut prendre plusieurs mois, démarre une fois votre recrutement décidé.",
    nous_rejoindre: "Consultez nos offres sur Vivier. Les étudiant·es peuvent aussi nous \
        rejoindre en stage ou en apprentissage : c'est souvent la première étape d'une \
        carrière dans la cybersécurité publique.",
};
