// A hand-made payload of verkosto.payload's shape: one tier, two local groups (one reports
// to the other), one organisation, three persons.
//
//   0 person:Mäki Mari      member of 3 (chair) for 2, works for 2
//   1 person:Aalto Aino     member of 3 and 4, works for 2
//   2 organisation:Kunta    sector municipality, region Etelä
//   3 group:Akaa            local steering group, Etelä, finding (gap)
//   4 group:Akaa työryhmä   local working group, Pohjoinen, reports to 3
//   5 person:Nobody         in no group, sector ngo
//   6 tier:local
export function fixturePayload() {
  return {
    schema_version: 2,
    lang: "fi",
    season: "2024-2025",
    source: "roster.xlsx",
    fold_persons_from: 5000,
    looks: {
      columns: ["kind", "color", "shape"],
      rows: [
        ["person", "#88CCEE", "dot"], ["organisation", "#88CCEE", "square"], ["group", "#86A9CF", "diamond"],
        ["group", "#86A9CF", "hexagon"], ["person", "#117733", "dot"], ["tier", "#222222", "star"],
      ],
    },
    nodes: {
      columns: ["label", "look", "x", "y", "size"],
      rows: [
        ["Mäki Mari", 0, -100, 0, 10],
        ["Aalto Aino", 0, 100, 0, 10],
        ["Kunta", 1, 0, 200, 16],
        ["Akaa", 2, 0, -100, 26],
        ["Akaa työryhmä", 3, 50, -150, 26],
        ["Nobody", 4, 300, 300, 10],
        ["Paikallinen", 5, 0, 0, 32],
      ],
    },
    node_ids: { 6: "tier:local" },
    edge_styles: {
      columns: ["kind", "color", "width", "arrows"],
      rows: [["member_of", "#C9CED6", 1, null], ["works_for", "#D5D0C8", 1, null], ["reports_to", "#6F8FB5", 2.5, "to"]],
    },
    // With the three memberships (edges 0-2) and the two employers (3, 4): edge 5.
    edges: {
      columns: ["source", "target", "style"],
      rows: [[4, 3, 2]],
    },
    legend: {
      sectors: [], tiers: [], kinds: [], edges: [], rings: [], size: null,
      gaps: {
        groups: 1,
        border_width: 4,
        severities: [{ severity: "gap", label: "Katvealue", color: "#D62728" }, { severity: "risk", label: "Riski", color: "#E69F00" }],
      },
    },
    guides: { extent: 500, rings: [], regions: [] },
    facets: [
      { name: "tier", label: "Taso", values: ["local"], labels: ["Paikallinen"], of: [-1, -1, -1, 0, 0, -1, 0] },
      { name: "region", label: "Alue", values: ["Etelä", "Pohjoinen"], labels: ["Etelä", "Pohjoinen"], of: [0, 0, 0, 0, 1, 1, -1] },
      { name: "municipality", label: "Kunta", values: [], labels: [], of: [-1, -1, -1, -1, -1, -1, -1] },
      {
        name: "sector", label: "Sektori", values: ["municipality", "ngo"], labels: ["Kunta", "Järjestö"],
        colors: ["#88CCEE", "#117733"], of: [0, 0, 0, -1, -1, 1, -1],
      },
      { name: "group_type", label: "Tyyppi", values: ["steering_group", "working_group"], labels: ["Ohjausryhmä", "Työryhmä"], of: [-1, -1, -1, 0, 1, -1, -1] },
    ],
    roles: ["Puheenjohtaja", "Jäsen"],
    memberships: {
      columns: ["group", "person", "role"],
      rows: [[3, 0, 0], [3, 1, 1], [4, 1, 1]],
    },
    // Aino represents no known organisation in Akaa (her only employer elsewhere).
    representations: { columns: ["membership", "organisation"], rows: [[1, -1]] },
    employers: { columns: ["person", "organisation"], rows: [[0, 2], [1, 2]] },
    parents: { columns: ["group", "parent"], rows: [[4, 3]] },
    meetings: { columns: ["group", "meetings"], rows: [[3, 6]] },
    metrics: {
      names: ["degree", "betweenness"],
      labels: ["Aste", "Välillisyys"],
      values: { columns: ["node", "degree", "betweenness"], rows: [[0, 1, null], [3, 3, 0.5]] },
    },
    findings: {
      columns: ["rule", "severity", "node", "subject", "missing", "message"],
      rows: [
        ["local-sectors", "gap", 3, "Akaa", ["Järjestö"], "Akaa: ei järjestöä"],
        ["tier-sectors", "risk", null, "local", [], "Paikallinen taso: riski"],
      ],
    },
    notes: { columns: ["node", "text"], rows: [[2, "portinvartija sektorille Järjestö"]] },
    indicators: null,
  };
}

/** The catalogue strings the tooltips use, as verkosto.render.page_texts sends them in Finnish. */
export const TEXTS = {
  "field.organisation": "Organisaatio", "field.sector": "Sektori", "field.municipality": "Kunta",
  "field.region": "Alue", "field.groups": "Ryhmät", "field.tier": "Taso", "field.type": "Tyyppi",
  "field.parent": "Yläryhmä", "field.meetings": "Kokouksia kaudessa", "field.members": "Jäseniä",
  "field.persons": "Henkilöitä", "field.group_count": "Ryhmiä",
};
