// Latency objectives: the one list of SLO fields and the type built from it (the scenario file, the CLI's
// --slo, the Compare form, every stored run). No zod here: the renderer and the simulator import SLO_FIELDS;
// the schema is slo-schema.ts, checked against this list.

/** The order every output lists them in. */
export const SLO_FIELDS = ['ttftP50S', 'ttftP99S', 'tbtP50S', 'tbtP99S', 'e2eP99S'] as const;
export type SloField = (typeof SLO_FIELDS)[number];

/** Latency targets in seconds; each one given is enforced (meetsSlo, goodput), an absent one is not. */
export type Slo = Partial<Record<SloField, number>>;
