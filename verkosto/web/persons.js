// Which persons the map draws. A national map has 15,000 persons and 50,000 edges: drawn all
// at once its first frame took 4.6 s and every pan 0.4 s, without them under 2 s and 0.15 s.
// So the page draws every person the filters leave while those nodes stay fewer than
// payload.fold_persons_from; beyond that the persons are folded into their groups: the map
// opens at group and organisation level and draws the persons of the *open* nodes (the
// selected group's members, the selected organisation's staff, the selected person).
// Filters that leave few enough nodes (a county, a municipality) bring their persons in.
//
// The vis DataSets hold only what is drawn; the model (side panel, list view, search) knows
// every person. Pure: no DOM, no vis-network.

/** The persons node *i* brings onto a folded map when opened: members, staff, or itself. */
export function personsOf(model, i) {
  const kind = model.kindOf[i];
  if (kind === "group") return model.membersOf[i].map((m) => m.person);
  if (kind === "organisation") return model.staffOf[i].slice();
  if (kind === "person") return [i];
  return [];
}

/**
 * 1 for each node (by index) the DataSets hold, else 0. A map of fewer than *limit* nodes holds
 * them all (the filters hide and show them). A larger one holds every node but the persons,
 * and of the persons those the filters leave (hidden[i] = 0) when the nodes they leave are
 * fewer than *limit*, else only those of the *open* nodes (indices) the filters leave.
 * Returns {drawn, folded}: folded tells whether persons the filters leave were left out.
 */
export function drawnNodes(model, hidden, limit, open = []) {
  const { N, kindOf } = model;
  const drawn = new Uint8Array(N);
  if (N < limit) return { drawn: drawn.fill(1), folded: false };
  let visible = 0;
  for (let i = 0; i < N; i++) if (!hidden[i]) visible += 1;
  const folded = visible >= limit;
  for (let i = 0; i < N; i++) {
    if (kindOf[i] !== "person" || (!folded && !hidden[i])) drawn[i] = 1;
  }
  if (folded) {
    open.forEach((i) => personsOf(model, i).forEach((j) => { if (!hidden[j]) drawn[j] = 1; }));
  }
  return { drawn, folded };
}

/**
 * What to add to and remove from the DataSets to go from drawing *before* to drawing *after*
 * (flags per node): nodes by index, edges by number; an edge is drawn when both its ends are.
 */
export function drawChanges(model, before, after) {
  const { N, edgeEnds, edgesAt } = model;
  const addNodes = [], removeNodes = [];
  const edges = new Set();
  for (let i = 0; i < N; i++) {
    if (before[i] === after[i]) continue;
    (after[i] ? addNodes : removeNodes).push(i);
    edgesAt[i].forEach((k) => edges.add(k));
  }
  const addEdges = [], removeEdges = [];
  edges.forEach((k) => {
    const a = edgeEnds[2 * k], b = edgeEnds[2 * k + 1];
    const was = before[a] && before[b], is = after[a] && after[b];
    if (was && !is) removeEdges.push(k);
    else if (!was && is) addEdges.push(k);
  });
  addEdges.sort((p, q) => p - q);
  removeEdges.sort((p, q) => p - q);
  return { addNodes, removeNodes, addEdges, removeEdges };
}

/** The edges (numbers) whose ends are both drawn. */
export function drawnEdges(model, drawn) {
  const out = [];
  for (let k = 0; k < model.E; k++) if (drawn[model.edgeEnds[2 * k]] && drawn[model.edgeEnds[2 * k + 1]]) out.push(k);
  return out;
}
