//! Templates of the cybersecurity and infrastructure job families.

use super::super::templates::Level::{Any, Senior};
use super::super::templates::Tier::{Engineer, Technician};
use super::super::templates::{Family, title, v, vd};

pub(crate) const CYBERSECURITE: Family = Family {
    slug: "cybersecurite",
    weight: 10,
    abroad: false,
    titles: &[
        title(
            "Responsable de la sécurité des systèmes d'information (RSSI)",
            "Vous définissez et pilotez la politique de sécurité des systèmes d'information, et \
             conseillez la direction sur les risques numériques.",
            Senior,
            Engineer,
            &[v(
                "",
                "ISO 27001, EBIOS Risk Manager, homologation de sécurité et PSSI de l'État",
            )],
        )
        .with(CYBER_GOVERNANCE_ACTIVITIES, CYBER_GOVERNANCE_SKILLS),
        title(
            "Analyste SOC {}",
            "Vous surveillez les systèmes d'information, détectez les comportements suspects et \
             traitez les alertes de sécurité.",
            Any,
            Engineer,
            &[
                v("niveau 1", "SIEM, EDR, Suricata et règles Sigma"),
                v(
                    "niveau 2",
                    "SIEM, EDR, analyse de journaux et threat hunting",
                ),
                v(
                    "niveau 3",
                    "threat intelligence, MITRE ATT&CK, YARA et forensique",
                ),
            ],
        ),
        title(
            "Analyste réponse à incident (CERT)",
            "Vous intervenez lorsqu'une attaque est détectée : investigation, confinement, \
             remédiation et partage des enseignements.",
            Any,
            Engineer,
            &[v(
                "",
                "forensique Windows et Linux, Velociraptor, Volatility et MISP",
            )],
        ),
        title(
            "Ingénieur·e sécurité des systèmes d'information",
            "Vous intégrez la sécurité dans les projets et les infrastructures : durcissement, \
             gestion des accès, chiffrement et supervision.",
            Any,
            Engineer,
            &[
                v("", "pare-feux, IAM, PKI, durcissement Linux et Windows"),
                vd(
                    "",
                    "sécurité du cloud, Kubernetes et gestion des secrets",
                    "cloud",
                ),
            ],
        ),
        title(
            "Auditeur·rice en cybersécurité – tests d'intrusion",
            "Vous éprouvez la sécurité des applications et des infrastructures par des tests \
             d'intrusion, et aidez les équipes à corriger.",
            Any,
            Engineer,
            &[v(
                "",
                "tests d'intrusion, Burp Suite, Active Directory et revue de code",
            )],
        ),
        title(
            "Expert·e en rétro-ingénierie",
            "Vous analysez des logiciels malveillants et des composants sans documentation pour \
             en comprendre le fonctionnement et les faiblesses.",
            Senior,
            Engineer,
            &[vd(
                "",
                "Ghidra, IDA, assembleur x86 et ARM",
                "defense-et-securite",
            )],
        ),
        title(
            "Chargé·e de mission gouvernance, risques et conformité cyber",
            "Vous animez la gestion des risques numériques : analyses de risques, homologations, \
             indicateurs et conformité réglementaire.",
            Any,
            Engineer,
            &[v(
                "",
                "EBIOS Risk Manager, directive NIS 2 et homologation de sécurité",
            )],
        )
        .with(CYBER_GOVERNANCE_ACTIVITIES, CYBER_GOVERNANCE_SKILLS),
        title(
            "Architecte sécurité",
            "Vous concevez des architectures sûres et accompagnez les projets sensibles dans \
             leurs choix de sécurité.",
            Senior,
            Engineer,
            &[v(
                "",
                "architecture zéro confiance, cloisonnement réseau et cryptographie",
            )],
        )
        .with(CYBER_GOVERNANCE_ACTIVITIES, CYBER_GOVERNANCE_SKILLS),
    ],
    missions: &[
        "Vous protégez les systèmes d'information du service face à des menaces en \
         constante évolution, de la prévention à la réponse aux incidents.",
        "Vous détectez, qualifiez et traitez les événements de sécurité remontés par les \
         outils de supervision.",
        "Vous évaluez la sécurité des systèmes par des audits et des tests d'intrusion, et \
         accompagnez les équipes dans la correction des vulnérabilités.",
        "Vous intervenez lors des incidents majeurs, coordonnez l'investigation et aidez les \
         équipes à reconstruire un système sain.",
    ],
    contexts: &[
        "La menace se professionnalise : rançongiciels, hameçonnage ciblé et compromissions \
         de prestataires visent régulièrement les administrations.",
        "Le service se prépare aux nouvelles obligations européennes de cybersécurité et \
         renforce ses capacités de détection.",
        "Un centre opérationnel de sécurité supervise en continu les systèmes du périmètre et \
         s'appuie sur une équipe d'expert·es.",
    ],
    activities: &[
        "Analyser les alertes de sécurité et qualifier les incidents",
        "Conduire des investigations numériques et rédiger les rapports",
        "Auditer des configurations, des architectures et du code",
        "Rédiger et faire vivre les règles de détection",
        "Sensibiliser les agents et les équipes techniques aux bons réflexes",
        "Assurer une veille sur les vulnérabilités et les modes opératoires d'attaquants",
        "Piloter les tests d'intrusion réalisés par des prestataires qualifiés",
        "Participer aux exercices de gestion de crise cyber",
        "Contribuer à la gestion des identités et des accès",
    ],
    skills: &[
        "Une bonne connaissance des systèmes Windows et Linux et des réseaux",
        "La maîtrise des méthodes d'analyse de risques",
        "Une pratique des outils de détection (SIEM, EDR)",
        "La connaissance du référentiel MITRE ATT&CK",
        "Des notions solides de cryptographie appliquée",
        "Une aisance rédactionnelle pour des rapports clairs et actionnables",
        "Le sens de la discrétion et de la confidentialité",
        "Le sang-froid en situation de crise",
    ],
    teams: &[
        "Vous rejoignez une équipe de {n} expert·es en cybersécurité, qui fonctionne en \
         relation étroite avec les équipes d'exploitation.",
        "Le pôle sécurité compte {n} personnes, réparties entre gouvernance, détection et \
         réponse aux incidents.",
        "Vous intégrez une cellule de {n} analystes qui assure une supervision en continu, \
         avec des astreintes organisées à tour de rôle.",
    ],
    domains: &["defense-et-securite", "cloud", "identite-numerique"],
};

pub(crate) const INFRASTRUCTURE: Family = Family {
    slug: "infrastructure-et-cloud",
    weight: 12,
    abroad: true,
    titles: &[
        title(
            "Ingénieur·e DevOps {}",
            "Vous automatisez la construction, le déploiement et l'exploitation des applications, \
             en lien étroit avec les développeur·ses.",
            Any,
            Engineer,
            &[
                v(
                    "Kubernetes",
                    "Kubernetes, Helm, Argo CD, Terraform et GitLab CI",
                ),
                v(
                    "Ansible / Terraform",
                    "Ansible, Terraform, Linux et GitLab CI",
                ),
                vd(
                    "OpenStack",
                    "OpenStack, Ansible, Ceph et Terraform",
                    "cloud",
                ),
            ],
        ),
        title(
            "Ingénieur·e SRE",
            "Vous garantissez la fiabilité des services en production : objectifs de \
             disponibilité, observabilité, gestion des incidents et automatisation.",
            Any,
            Engineer,
            &[v("", "Prometheus, Grafana, Loki, Kubernetes et PostgreSQL")],
        ),
        title(
            "Administrateur·rice systèmes {}",
            "Vous administrez les serveurs du service, assurez leur mise à jour et leur sécurité, \
             et traitez les incidents.",
            Any,
            Technician,
            &[
                v("Linux", "Red Hat Enterprise Linux, Debian, Ansible et Bash"),
                v(
                    "Windows",
                    "Windows Server, Active Directory, PowerShell et GPO",
                ),
            ],
        )
        .with(SYSADMIN_ACTIVITIES, SYSADMIN_SKILLS),
        title(
            "Ingénieur·e cloud {}",
            "Vous construisez et faites évoluer une plateforme de cloud interne, souveraine et \
             sécurisée, mise à disposition des équipes de l'État.",
            Any,
            Engineer,
            &[
                vd(
                    "OpenStack",
                    "OpenStack, Ceph, Terraform et Ansible",
                    "cloud",
                ),
                vd(
                    "Kubernetes",
                    "Kubernetes, Cilium, Rancher et Terraform",
                    "cloud",
                ),
            ],
        ),
        title(
            "Administrateur·rice de bases de données {}",
            "Vous administrez les bases de données de production : performances, sauvegardes, \
             haute disponibilité et montées de version.",
            Any,
            Engineer,
            &[
                v("PostgreSQL", "PostgreSQL, Patroni, pgBackRest et Ansible"),
                v("Oracle", "Oracle Database, RMAN, Data Guard et Linux"),
            ],
        ),
        title(
            "Ingénieur·e stockage et sauvegarde",
            "Vous opérez les infrastructures de stockage et de sauvegarde, et garantissez la \
             reprise d'activité en cas d'incident.",
            Any,
            Engineer,
            &[v(
                "",
                "stockage objet et bloc, Ceph, sauvegarde et plans de reprise d'activité",
            )],
        ),
        title(
            "Ingénieur·e de production",
            "Vous assurez la mise en production et l'exploitation des applications, dans le \
             respect des engagements de service.",
            Any,
            Engineer,
            &[v(
                "",
                "Linux, ordonnancement, supervision et processus ITIL",
            )],
        ),
        title(
            "Responsable d'équipe plateforme",
            "Vous encadrez l'équipe qui construit et opère la plateforme d'hébergement, et en \
             fixez la feuille de route.",
            Senior,
            Engineer,
            &[vd(
                "",
                "Kubernetes, observabilité, FinOps et sécurité des plateformes",
                "cloud",
            )],
        ),
    ],
    missions: &[
        "Vous construisez et opérez les plateformes qui hébergent des services publics \
         numériques, en visant la fiabilité, la sécurité et la sobriété.",
        "Vous automatisez le déploiement des infrastructures et des applications, du \
         provisionnement à la supervision.",
        "Vous participez à la migration d'applications vers un cloud interne de l'État, et \
         accompagnez les équipes de développement dans cette transition.",
        "Vous garantissez le bon fonctionnement des serveurs et des bases de données en \
         production, et améliorez en continu leur supervision.",
        "Vous définissez et suivez les objectifs de disponibilité des services, et conduisez \
         les analyses après incident.",
        "Vous administrez un parc de serveurs et veillez à son maintien en condition de \
         sécurité.",
    ],
    contexts: &[
        "Le service opère ses propres centres de données et développe une offre de cloud \
         interne destinée aux équipes de l'administration.",
        "La doctrine de l'État privilégie un hébergement maîtrisé et qualifié : l'équipe \
         construit une plateforme de conteneurs conforme à ces exigences.",
        "Plusieurs applications majeures doivent être modernisées et migrées dans les deux \
         prochaines années.",
        "L'équipe mesure l'empreinte environnementale de ses infrastructures et cherche à la \
         réduire.",
    ],
    activities: &[
        "Automatiser le déploiement des infrastructures (infrastructure as code)",
        "Administrer des clusters Kubernetes et leurs outils",
        "Mettre en place et faire évoluer la supervision et l'alerte",
        "Gérer les sauvegardes, les restaurations et les plans de reprise",
        "Appliquer les correctifs de sécurité et durcir les systèmes",
        "Accompagner les équipes de développement dans leurs déploiements",
        "Participer aux astreintes et au traitement des incidents",
        "Rédiger les procédures d'exploitation et la documentation",
        "Optimiser la consommation des ressources et leur coût",
        "Contribuer aux études d'architecture et au choix des solutions",
        "Suivre les capacités et anticiper les besoins",
    ],
    skills: &[
        "Une solide expérience de l'administration Linux",
        "La pratique d'un outil d'infrastructure as code (Terraform, Ansible)",
        "La connaissance des conteneurs et de Kubernetes",
        "Des bases en réseau (DNS, routage, équilibrage de charge)",
        "La maîtrise d'un langage de script (Bash, Python)",
        "Une culture de la supervision et de l'observabilité",
        "Le sens du service et de la continuité",
        "Une sensibilité à la sobriété numérique",
    ],
    teams: &[
        "Vous rejoignez une équipe de {n} ingénieur·es systèmes et DevOps, qui partage les \
         astreintes et la documentation.",
        "L'équipe plateforme compte {n} personnes et sert plusieurs dizaines d'équipes de \
         développement.",
        "Vous travaillez dans un bureau d'exploitation de {n} agents, en lien direct avec les \
         équipes de développement.",
    ],
    domains: &["cloud", "numerique-responsable", "logiciel-libre"],
};

/// Activities of security governance jobs (RSSI, risk, architecture).
const CYBER_GOVERNANCE_ACTIVITIES: &[&str] = &[
    "Conduire des analyses de risques selon la méthode EBIOS Risk Manager",
    "Préparer les dossiers d'homologation et suivre les plans d'action",
    "Définir les exigences de sécurité des projets dès leur conception",
    "Relire les dossiers d'architecture et proposer des mesures de sécurité",
    "Piloter les audits et les tests d'intrusion réalisés par des prestataires qualifiés",
    "Faire vivre la politique de sécurité et ses règles d'application",
    "Sensibiliser les agents, les managers et les équipes techniques",
    "Rendre compte à la direction du niveau de sécurité et des risques résiduels",
    "Préparer le service aux obligations de la directive NIS 2",
];

/// Skills of security governance jobs.
const CYBER_GOVERNANCE_SKILLS: &[&str] = &[
    "Une bonne maîtrise des méthodes d'analyse de risques, dont EBIOS Risk Manager",
    "La connaissance des référentiels de sécurité (ISO 27001, PSSI de l'État, guides de l'ANSSI)",
    "Une culture technique large : systèmes, réseaux, cloud et développement",
    "La capacité à expliquer des risques à une direction et à faire arbitrer",
    "Une aisance rédactionnelle",
    "Le sens de la discrétion et de la confidentialité",
];

/// Activities of system administrators, whatever their system.
const SYSADMIN_ACTIVITIES: &[&str] = &[
    "Installer, configurer et mettre à jour les serveurs",
    "Appliquer les correctifs de sécurité et durcir les systèmes",
    "Gérer les comptes, les droits et les annuaires",
    "Gérer les sauvegardes et tester les restaurations",
    "Surveiller les serveurs et traiter les incidents",
    "Automatiser les tâches récurrentes par des scripts",
    "Rédiger les procédures d'exploitation et la documentation",
    "Participer aux astreintes",
];

/// Skills of system administrators, whatever their system.
const SYSADMIN_SKILLS: &[&str] = &[
    "Une expérience de l'administration de serveurs dans l'environnement du poste",
    "La pratique d'un langage de script",
    "Des bases en réseau (DNS, DHCP, routage, annuaires)",
    "Une culture de la supervision et de la sauvegarde",
    "La rigueur dans la gestion des changements et la documentation",
    "Le sens du service et de la continuité",
];
