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
    schema_version: 1,
    lang: "fi",
    season: "2024-2025",
    source: "roster.xlsx",
    nodes: {
      columns: ["id", "label", "kind", "x", "y", "color", "border", "shape", "size", "title"],
      rows: [
        ["person:Mäki Mari", "Mäki Mari", "person", -100, 0, "#88CCEE", null, "dot", 10, "Mäki Mari"],
        ["person:Aalto Aino", "Aalto Aino", "person", 100, 0, "#88CCEE", null, "dot", 10, "Aalto Aino"],
        ["organisation:Kunta", "Kunta", "organisation", 0, 200, "#88CCEE", null, "square", 16, "Kunta"],
        ["group:Akaa", "Akaa", "group", 0, -100, "#86A9CF", "#D62728", "diamond", 26, "Akaa\n⚠ gap"],
        ["group:Akaa työryhmä", "Akaa työryhmä", "group", 50, -150, "#86A9CF", null, "hexagon", 26, "Akaa työryhmä"],
        ["person:Nobody", "Nobody", "person", 300, 300, "#117733", null, "dot", 10, "Nobody"],
        ["tier:local", "Paikallinen", "tier", 0, 0, "#222222", null, "star", 32, "Paikallinen"],
      ],
    },
    edge_styles: {
      columns: ["kind", "color", "width", "arrows"],
      rows: [["member_of", "#C9CED6", 1, null], ["reports_to", "#6F8FB5", 2.5, "to"]],
    },
    edges: {
      columns: ["source", "target", "style", "width"],
      rows: [[0, 3, 0, 1], [1, 3, 0, 1], [1, 4, 0, 1], [4, 3, 1, 2.5]],
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
      columns: ["group", "person", "role", "organisation"],
      rows: [[3, 0, 0, 2], [3, 1, 1, -1], [4, 1, 1, 2]],
    },
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
