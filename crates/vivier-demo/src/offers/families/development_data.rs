//! Templates of the development and data job families.

use super::super::templates::Level::{Any, Senior};
use super::super::templates::Tier::{Engineer, Technician};
use super::super::templates::{Family, title, v, vd};

pub(crate) const DEVELOPPEMENT: Family = Family {
    slug: "developpement",
    weight: 22,
    abroad: false,
    titles: &[
        title(
            "Développeur·se back-end {}",
            "Vous développez le cœur applicatif d'un service public numérique : règles métier, \
             API, traitements et accès aux données.",
            Any,
            Engineer,
            &[
                v(
                    "Java",
                    "Java 21, Spring Boot, PostgreSQL, Kafka et GitLab CI",
                ),
                v("Python", "Python, Django, PostgreSQL, Celery et Docker"),
                v("Go", "Go, gRPC, PostgreSQL et Kubernetes"),
                v("PHP", "PHP 8, Symfony, MariaDB et Docker"),
                v("Node.js", "Node.js, TypeScript, NestJS et PostgreSQL"),
                v("Rust", "Rust, Tokio, PostgreSQL et Linux"),
            ],
        ),
        title(
            "Développeur·se full stack {}",
            "Vous développez des fonctionnalités complètes, de la base de données jusqu'à \
             l'interface, au sein d'une équipe produit.",
            Any,
            Engineer,
            &[
                v(
                    "React / Node.js",
                    "TypeScript, React, Node.js, PostgreSQL et le DSFR",
                ),
                v("Vue.js / Django", "Python, Django, Vue.js et PostgreSQL"),
                v("Angular / Java", "Java, Spring Boot, Angular et Oracle"),
                v(
                    "Ruby on Rails",
                    "Ruby on Rails, PostgreSQL, Sidekiq et Stimulus",
                ),
                v("TypeScript", "TypeScript, Next.js, Prisma et PostgreSQL"),
            ],
        ),
        title(
            "Développeur·se front-end {}",
            "Vous développez des interfaces web rapides, accessibles et conformes au Système de \
             design de l'État.",
            Any,
            Engineer,
            &[
                vd(
                    "React",
                    "React, TypeScript, Storybook et le Système de design de l'État (DSFR)",
                    "accessibilite-numerique",
                ),
                v("Vue.js", "Vue.js 3, TypeScript, Vite et le DSFR"),
                v("Angular", "Angular, RxJS, TypeScript et Jest"),
            ],
        ),
        title(
            "Lead dev {}",
            "Vous êtes le ou la référente technique de l'équipe : vous guidez les choix \
             d'architecture, relisez le code et faites progresser les développeur·ses.",
            Senior,
            Engineer,
            &[
                v(
                    "Python",
                    "Python, Django, FastAPI, PostgreSQL et Kubernetes",
                ),
                v("Java", "Java, Spring Boot, Kafka, PostgreSQL et OpenShift"),
                v("TypeScript", "TypeScript, React, Node.js et PostgreSQL"),
            ],
        ),
        title(
            "Développeur·se mobile {}",
            "Vous développez et publiez les applications mobiles d'un service public, en veillant \
             à leur sécurité et à leur accessibilité.",
            Any,
            Engineer,
            &[
                v(
                    "iOS et Android",
                    "Swift, Kotlin, Jetpack Compose et SwiftUI",
                ),
                v("Flutter", "Dart, Flutter et des API REST"),
                v("React Native", "React Native, TypeScript et Expo"),
            ],
        ),
        title(
            "Ingénieur·e logiciel {}",
            "Vous concevez et développez des logiciels exigeants en fiabilité et en performance, \
             de la spécification aux essais.",
            Any,
            Engineer,
            &[
                vd(
                    "C++ temps réel",
                    "C++ 17, Linux temps réel, CMake et Qt",
                    "defense-et-securite",
                ),
                vd(
                    "embarqué",
                    "C, Linux embarqué, Yocto et des bus de terrain",
                    "defense-et-securite",
                ),
                v(
                    "calcul scientifique",
                    "Python, Fortran, MPI et le calcul haute performance",
                ),
            ],
        ),
        title(
            "Intégrateur·rice web {}",
            "Vous intégrez les pages et les composants des sites publics du service, dans le \
             respect du Système de design de l'État et des règles d'accessibilité.",
            Any,
            Technician,
            &[
                vd(
                    "Drupal",
                    "Drupal, PHP, Twig et le DSFR",
                    "services-publics-en-ligne",
                ),
                vd(
                    "DSFR",
                    "HTML, CSS, JavaScript et le DSFR",
                    "accessibilite-numerique",
                ),
            ],
        ),
    ],
    missions: &[
        "Vous concevez, développez et maintenez les fonctionnalités d'un service numérique \
         utilisé par des usagers et des agents publics, de la conception technique jusqu'à la \
         mise en production.",
        "Vous faites évoluer une application métier critique et réduisez sa dette technique, \
         tout en livrant régulièrement de nouvelles fonctionnalités.",
        "Vous participez à la refonte d'une application historique vers une architecture \
         moderne, modulaire et testée.",
        "Vous développez des API ouvertes et documentées qui permettent à d'autres \
         administrations d'échanger des données sans ressaisie.",
        "Vous construisez des interfaces simples, rapides et accessibles, conformes au Système \
         de design de l'État.",
        "Vous garantissez la qualité du code produit par l'équipe : revues, tests \
         automatisés, intégration continue et documentation.",
        "Vous prenez part aux choix techniques de l'équipe et contribuez à la publication du \
         code en source ouverte.",
    ],
    contexts: &[
        "Le service est développé par une petite équipe pluridisciplinaire qui livre en \
         production plusieurs fois par semaine.",
        "L'application, en service depuis plusieurs années, est au cœur du travail quotidien \
         de milliers d'agents ; sa modernisation est une priorité.",
        "Le produit a trouvé ses usagers et entre dans une phase de généralisation nationale, \
         avec de nouveaux besoins de robustesse et de performance.",
        "Le code source est publié sous licence libre et l'équipe contribue aux communs \
         numériques de l'administration.",
    ],
    activities: &[
        "Développer de nouvelles fonctionnalités, de la conception à la mise en production",
        "Écrire des tests unitaires et d'intégration, et maintenir l'intégration continue",
        "Participer aux revues de code et au partage de connaissances dans l'équipe",
        "Concevoir et documenter des API",
        "Corriger les anomalies remontées par le support et les utilisateur·rices",
        "Contribuer aux choix d'architecture et à la réduction de la dette technique",
        "Veiller à la sécurité applicative et à la protection des données personnelles",
        "Améliorer les performances et l'accessibilité des interfaces",
        "Participer aux rituels agiles de l'équipe : planification, démonstrations, \
         rétrospectives",
        "Accompagner les mises en production et le suivi en exploitation",
        "Affiner les besoins avec les designers et le ou la product owner",
        "Rédiger la documentation technique et les guides de contribution",
    ],
    skills: &[
        "Une bonne maîtrise d'au moins un langage de l'environnement technique du poste",
        "La pratique des tests automatisés et de l'intégration continue",
        "L'usage quotidien de Git et des revues de code",
        "Des bases solides en conception d'API REST",
        "Une sensibilité à l'accessibilité numérique et à l'expérience utilisateur",
        "La connaissance des bonnes pratiques de sécurité applicative (OWASP)",
        "Une expérience des bases de données relationnelles, idéalement PostgreSQL",
        "Une appétence pour le logiciel libre",
        "La capacité à expliquer des choix techniques à des interlocuteur·rices non \
         techniques",
    ],
    teams: &[
        "Vous rejoignez une équipe de {n} personnes (développeur·ses, designer, product owner, \
         ingénieur·e d'exploitation) qui travaille en mode agile.",
        "L'équipe de développement compte {n} personnes, fonctionnaires et contractuel·les, \
         et s'appuie sur une équipe plateforme commune pour l'hébergement.",
        "Vous travaillez au sein d'un pôle de {n} développeur·ses, qui pratique le travail \
         en binôme sur les sujets les plus complexes.",
    ],
    domains: &[
        "services-publics-en-ligne",
        "logiciel-libre",
        "accessibilite-numerique",
        "cloud",
    ],
};

pub(crate) const DONNEES: Family = Family {
    slug: "donnees",
    weight: 14,
    abroad: false,
    titles: &[
        title(
            "Data scientist {}",
            "Vous concevez des modèles statistiques et d'apprentissage automatique qui répondent \
             à des questions concrètes des équipes métier.",
            Any,
            Engineer,
            &[
                vd(
                    "– traitement automatique des langues",
                    "Python, PyTorch, Hugging Face Transformers et spaCy",
                    "intelligence-artificielle",
                ),
                vd(
                    "– vision par ordinateur",
                    "Python, PyTorch, OpenCV et GDAL",
                    "intelligence-artificielle",
                ),
                v(
                    "– détection de la fraude",
                    "Python, scikit-learn, XGBoost et Spark",
                ),
                vd(
                    "– statistique publique",
                    "R, Python, Parquet et Quarto",
                    "open-data",
                ),
            ],
        ),
        title(
            "Data engineer {}",
            "Vous construisez et opérez les chaînes qui collectent, transforment et mettent à \
             disposition les données du service.",
            Any,
            Engineer,
            &[
                v(
                    "Spark",
                    "Python, Spark, Airflow, stockage objet S3 et PostgreSQL",
                ),
                v("SQL / dbt", "SQL, dbt, PostgreSQL et Airflow"),
                v("Kafka", "Kafka, Java, Kafka Streams et Elasticsearch"),
                vd(
                    "plateforme cloud",
                    "Python, Trino, Kubernetes et MinIO",
                    "cloud",
                ),
            ],
        ),
        title(
            "Data analyst",
            "Vous analysez les données du service et les transformez en tableaux de bord et en \
             études qui éclairent les décisions.",
            Any,
            Engineer,
            &[
                v("", "SQL, Python, Metabase et un tableur"),
                v("", "SQL, R, Shiny et Apache Superset"),
            ],
        ),
        title(
            "Ingénieur·e MLOps",
            "Vous industrialisez les modèles d'apprentissage automatique : déploiement, suivi des \
             performances, réentraînement et traçabilité.",
            Any,
            Engineer,
            &[vd(
                "",
                "Python, MLflow, Kubernetes, Docker et GitLab CI",
                "intelligence-artificielle",
            )],
        ),
        title(
            "Chef·fe de projet open data",
            "Vous pilotez l'ouverture des données du service : inventaire, priorisation, qualité, \
             publication et animation des réutilisations.",
            Any,
            Engineer,
            &[vd(
                "",
                "portails de données, API, formats et schémas ouverts",
                "open-data",
            )],
        ),
        title(
            "Data steward",
            "Vous veillez à la qualité et à la bonne documentation des données : catalogue, \
             définitions partagées, règles d'accès et de conservation.",
            Any,
            Engineer,
            &[v(
                "",
                "catalogue de données, SQL, dictionnaires de données et RGPD",
            )],
        ),
        title(
            "Chargé·e d'études statistiques",
            "Vous réalisez des études statistiques, de l'exploitation des sources à la rédaction \
             de publications claires et rigoureuses.",
            Any,
            Technician,
            &[
                v("", "R, SAS, Python et Quarto"),
                v("", "R, SQL et un outil de datavisualisation"),
            ],
        ),
        title(
            "Géomaticien·ne {}",
            "Vous produisez, traitez et analysez des données géographiques, et réalisez les \
             cartes et les services qui les rendent utiles.",
            Any,
            Technician,
            &[
                vd(
                    "QGIS / PostGIS",
                    "QGIS, PostGIS, GDAL et Python",
                    "geomatique",
                ),
                vd(
                    "– données 3D",
                    "LiDAR, PDAL, PostGIS et Python",
                    "geomatique",
                ),
            ],
        ),
        title(
            "Responsable de la gouvernance des données",
            "Vous définissez et animez la gouvernance des données : rôles, référentiels, qualité, \
             conformité et ouverture.",
            Senior,
            Engineer,
            &[v(
                "",
                "catalogues de données, référentiels, RGPD et qualité des données",
            )],
        ),
    ],
    missions: &[
        "Vous transformez des données administratives brutes en informations fiables, \
         documentées et utiles à la décision publique.",
        "Vous concevez et industrialisez des modèles d'apprentissage automatique, en veillant \
         à leur explicabilité et à l'absence de biais.",
        "Vous construisez et maintenez des chaînes d'alimentation de données robustes, \
         testées et supervisées.",
        "Vous ouvrez des jeux de données publics de qualité, avec leur documentation et leurs \
         schémas, et suivez leurs réutilisations.",
        "Vous aidez les équipes métier à formuler leurs questions et y répondez par des \
         analyses, des tableaux de bord et des visualisations claires.",
        "Vous veillez à la qualité, à la sécurité et à la conformité des données, en lien \
         avec le ou la délégué·e à la protection des données.",
    ],
    contexts: &[
        "Le service dispose de volumes importants de données métier, encore sous-exploitées, \
         et souhaite en faire un levier de pilotage.",
        "Une plateforme de données mutualisée, fondée sur des logiciels libres, est en cours \
         de déploiement et accueille chaque mois de nouveaux cas d'usage.",
        "L'équipe data travaille en lien étroit avec les agents de terrain, qui utilisent \
         ses travaux au quotidien.",
        "Le cadre est exigeant : les données traitées sont personnelles ou couvertes par un \
         secret légal, et leur protection est une priorité.",
    ],
    activities: &[
        "Collecter, nettoyer et documenter des jeux de données hétérogènes",
        "Concevoir et maintenir des pipelines d'alimentation",
        "Entraîner, évaluer et mettre en production des modèles",
        "Construire des tableaux de bord pour les équipes métier",
        "Rédiger des notes d'analyse et présenter les résultats",
        "Publier des jeux de données ouverts et leurs métadonnées",
        "Mettre en place des contrôles de qualité des données",
        "Participer à la gouvernance des données et tenir à jour le catalogue",
        "Réaliser des analyses d'impact relatives à la protection des données",
        "Assurer une veille sur les méthodes et les outils de la science des données",
        "Accompagner la montée en compétences des agents sur les usages de la donnée",
    ],
    skills: &[
        "Une maîtrise de SQL et d'au moins un langage d'analyse (Python ou R)",
        "De solides bases en statistique",
        "La connaissance des principes de protection des données personnelles (RGPD)",
        "Une expérience de la mise en production de traitements de données",
        "Le goût de la visualisation et de la vulgarisation",
        "La pratique de Git et des environnements reproductibles",
        "Une connaissance des modèles de langage et de leurs limites",
        "La rigueur dans la documentation des sources et des méthodes",
    ],
    teams: &[
        "Vous rejoignez un pôle données de {n} personnes : data engineers, data scientists et \
         analystes.",
        "L'équipe, composée de {n} agents, réunit statisticien·nes, développeur·ses et \
         expert·es métier.",
        "Vous intégrez un laboratoire de données de {n} personnes, qui travaille en mode \
         projet avec les directions métier.",
    ],
    domains: &[
        "open-data",
        "intelligence-artificielle",
        "geomatique",
        "cloud",
    ],
};
