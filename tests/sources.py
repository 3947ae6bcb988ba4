"""Keys the course must never cite: summary, news, mirror and secondary pages named in the fact sheet.

The course cites the primary source those pages summarise (see ../shared/evidence.md, section 7).
One list, used by every content test that checks citations.
"""

NEVER_CITED = frozenset(
    {
        "AHCPR1994",
        "AbsoluteBalance-Glutes",
        "BPS-WHO",
        "ClinicalAdvisor-ACP",
        "DCAcu-ACP",
        "DentalGlossary-Spasm",
        "Devon-NG59",
        "ESCEO-WHO",
        "FAPESP-RedFlags",
        "GuidelineCentral-ACP",
        "GuidelineCentral-WHO",
        "HFMA-NG59",
        "Hodges2013",
        "IHME-News",
        "IndPharm-NG59",
        "IndPharm-Pharm",
        "IntegrativeWorks-Psoas",
        "LBP-Blog-Extensors",
        "MassageDict-ES",
        "McKnights-GBD",
        "MedRepublic-WHO",
        "MedTalks-ACP",
        "Medscape-Drugs",
        "Medscape-NG59",
        "NHS-AAA",
        "NICEBites-NG59",
        "Neupsykey-Ligaments",
        "PNN-WHO",
        "Pitt-Conus",
        "PsoasArticle",
        "Pulse-NG59",
        "Pulse-STarT",
        "Quizlet-PAW",
        "TexSpine-Anatomy",
        "Univadis-ACP",
    }
)
