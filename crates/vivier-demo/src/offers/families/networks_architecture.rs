//! Templates of the network and architecture job families.

use super::super::templates::Level::{Any, Senior};
use super::super::templates::Tier::{Engineer, Technician};
use super::super::templates::{Family, title, v, vd};

pub(crate) const RESEAUX: Family = Family {
    slug: "reseaux-et-telecommunications",
    weight: 6,
    abroad: true,
    titles: &[
        title(
            "Administrateur·rice systèmes et réseaux",
            "Vous administrez les serveurs, le réseau et les équipements d'un ou plusieurs sites, \
             et assistez les utilisateur·rices.",
            Any,
            Technician,
            &[v("", "Linux, Windows Server, commutateurs, VLAN et Wi-Fi")],
        ),
        title(
            "Ingénieur·e réseaux {}",
            "Vous concevez, configurez et faites évoluer les réseaux du service, en garantissant \
             performance et sécurité.",
            Any,
            Engineer,
            &[
                v(
                    "LAN / WAN",
                    "routage BGP et OSPF, commutation, SD-WAN et IPv6",
                ),
                vd(
                    "et sécurité",
                    "pare-feux, VPN IPsec, proxys et segmentation",
                    "defense-et-securite",
                ),
            ],
        ),
        title(
            "Ingénieur·e télécommunications {}",
            "Vous concevez et mettez en œuvre des moyens de télécommunication fiables, y compris \
             dans des environnements contraints.",
            Any,
            Engineer,
            &[
                vd(
                    "radio",
                    "réseaux radio mobiles, 4G et 5G, radiofréquences",
                    "reseaux-et-telecoms",
                ),
                vd(
                    "– liaisons satellitaires",
                    "liaisons satellitaires, VSAT et chiffrement",
                    "reseaux-et-telecoms",
                ),
            ],
        ),
        title(
            "Technicien·ne réseaux et télécoms",
            "Vous installez, maintenez et dépannez les équipements réseau et téléphoniques des \
             sites.",
            Any,
            Technician,
            &[v(
                "",
                "câblage, commutateurs, téléphonie sur IP et outils de diagnostic",
            )],
        ),
        title(
            "Architecte réseaux",
            "Vous définissez l'architecture des réseaux et conduisez leur modernisation sur \
             plusieurs années.",
            Senior,
            Engineer,
            &[v(
                "",
                "architectures WAN, cœur de réseau, haute disponibilité et IPv6",
            )],
        ),
    ],
    missions: &[
        "Vous concevez, déployez et maintenez les réseaux qui relient les sites du service, \
         en garantissant leur disponibilité et leur sécurité.",
        "Vous administrez les équipements réseau et télécoms d'un ensemble de sites, et \
         intervenez sur les incidents.",
        "Vous conduisez la modernisation des réseaux locaux et étendus, du choix des \
         solutions au déploiement.",
        "Vous garantissez le fonctionnement de moyens de communication sécurisés, y compris \
         en situation de crise.",
    ],
    contexts: &[
        "Le réseau dessert plusieurs centaines de sites répartis sur le territoire, dont \
         certains outre-mer.",
        "Un programme de modernisation des réseaux et de la téléphonie est en cours, avec le \
         passage à la téléphonie sur IP.",
        "Les communications traitées sont sensibles : la sécurité est intégrée dès la \
         conception.",
    ],
    activities: &[
        "Configurer et maintenir routeurs, commutateurs et pare-feux",
        "Superviser le réseau et traiter les incidents",
        "Concevoir les évolutions d'architecture",
        "Piloter les opérateurs et les prestataires de télécommunications",
        "Déployer le Wi-Fi et la téléphonie sur IP sur les sites",
        "Documenter les configurations et les schémas",
        "Participer aux astreintes",
        "Assurer le maintien en condition de sécurité des équipements",
        "Accompagner les déménagements et ouvertures de sites",
    ],
    skills: &[
        "Une bonne maîtrise des protocoles TCP/IP et du routage",
        "L'expérience d'équipements de constructeurs du marché",
        "Des notions de sécurité des réseaux",
        "La pratique de l'automatisation (Ansible, Python)",
        "La capacité à diagnostiquer méthodiquement",
        "Le sens du service auprès des utilisateur·rices",
    ],
    teams: &[
        "Vous rejoignez une équipe réseaux de {n} personnes, techniciennes et ingénieures.",
        "Le bureau réseaux et télécoms compte {n} agents et s'appuie sur des correspondant·es \
         dans chaque site.",
    ],
    domains: &["reseaux-et-telecoms", "defense-et-securite"],
};

pub(crate) const ARCHITECTURE: Family = Family {
    slug: "architecture",
    weight: 5,
    abroad: false,
    titles: &[
        title(
            "Architecte logiciel",
            "Vous définissez l'architecture logicielle des applications et accompagnez les \
             équipes de développement dans sa mise en œuvre.",
            Senior,
            Engineer,
            &[v(
                "",
                "Java, microservices, API, architectures orientées événements",
            )],
        ),
        title(
            "Architecte cloud",
            "Vous concevez les architectures d'hébergement des applications, en conformité avec \
             la doctrine cloud de l'État.",
            Senior,
            Engineer,
            &[vd(
                "",
                "Kubernetes, OpenStack, cloud de confiance et SecNumCloud",
                "cloud",
            )],
        ),
        title(
            "Urbaniste des systèmes d'information",
            "Vous cartographiez le système d'information et proposez les évolutions qui le \
             rendront plus simple et plus cohérent.",
            Senior,
            Engineer,
            &[v(
                "",
                "ArchiMate, cartographie applicative et référentiels d'architecture",
            )],
        ),
        title(
            "Architecte technique",
            "Vous concevez les socles techniques des applications et veillez à leur robustesse, \
             leur sécurité et leur maintenabilité.",
            Any,
            Engineer,
            &[v(
                "",
                "Linux, middleware, haute disponibilité et sécurité des infrastructures",
            )],
        ),
        title(
            "Architecte données",
            "Vous concevez l'architecture des données : modèles, flux, stockage et exposition, au \
             service des usages métier et de l'ouverture.",
            Senior,
            Engineer,
            &[vd(
                "",
                "modélisation, entrepôts de données, lakehouse et API",
                "open-data",
            )],
        ),
    ],
    missions: &[
        "Vous définissez l'architecture des applications et veillez à sa cohérence avec le \
         système d'information d'ensemble.",
        "Vous accompagnez les projets dans leurs choix techniques, de l'étude d'opportunité \
         jusqu'à la mise en production.",
        "Vous tenez à jour la cartographie du système d'information et proposez une \
         trajectoire de simplification.",
        "Vous concevez des architectures sûres, réversibles et sobres, qui évitent la \
         dépendance à un fournisseur unique.",
    ],
    contexts: &[
        "Le système d'information s'est construit par couches successives ; il doit \
         aujourd'hui gagner en cohérence et en simplicité.",
        "Plusieurs grands projets démarrent en parallèle et ont besoin d'un cadre \
         d'architecture commun.",
        "La doctrine cloud de l'État et les exigences de souveraineté orientent fortement les \
         choix d'hébergement.",
    ],
    activities: &[
        "Rédiger les dossiers d'architecture et les faire valider",
        "Animer le comité d'architecture",
        "Évaluer des solutions et réaliser des preuves de concept",
        "Définir les normes et les modèles de référence",
        "Accompagner les équipes projet et les prestataires",
        "Identifier les risques techniques et proposer des mesures",
        "Maintenir la cartographie applicative et technique",
        "Participer à l'analyse de la valeur et des coûts des solutions",
    ],
    skills: &[
        "Une expérience confirmée en conception de systèmes d'information",
        "Une vision large des technologies : développement, infrastructure, sécurité",
        "La maîtrise des modèles d'intégration (API, messages, événements)",
        "La capacité à convaincre et à arbitrer",
        "Une aisance rédactionnelle",
        "La connaissance de la doctrine cloud de l'État",
    ],
    teams: &[
        "Vous rejoignez une cellule d'architecture de {n} personnes, au service de \
         l'ensemble des projets.",
        "Vous travaillez avec {n} architectes et urbanistes, en lien avec la sécurité et \
         l'exploitation.",
    ],
    domains: &["cloud", "open-data", "numerique-responsable"],
};
