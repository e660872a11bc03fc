/**
 * The answers of the four model steps, as zod schemas. The same schemas validate answers and,
 * through `jsonSchemaOf`, become the `format` sent to the model. They stay flat and small so that
 * 7-8B models can fill them. Lines are relative to the chunk the step saw.
 */
import { z } from "zod";

const lineRange = z.tuple([z.number().int(), z.number().int()]);

export const EntitySchema = z.object({
  /** The name exactly as written in the source. */
  name: z.string().min(1),
  /** One of the schema's entity or concept types. */
  type: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  description: z.string().default(""),
  /** Lines of the chunk where the entity is defined or first described. */
  lines: lineRange,
});

export const ClaimSchema = z.object({
  /** Name of the entity the claim is about, as written in the source. */
  subject: z.string().min(1),
  statement: z.string().min(1),
  /** What the claim gives a value for, e.g. `default`, `maximum`, `port`; empty when none. */
  attribute: z.string().default(""),
  value: z.string().default(""),
  /** Conditions the source ties the claim to: a version, platform, model, hardware tier. */
  conditions: z.array(z.string()).default([]),
  polarity: z.enum(["positive", "negative"]).default("positive"),
  /** `reports` when the source describes a view it does not hold itself. */
  stance: z.enum(["asserts", "reports"]).default("asserts"),
  lines: lineRange,
});

export const RelationSchema = z.object({
  from: z.string().min(1),
  to: z.string().min(1),
  kind: z.string().default("related"),
});

/** Step 1 of the ingest: what one chunk says. */
export const AnalysisSchema = z.object({
  entities: z.array(EntitySchema),
  claims: z.array(ClaimSchema),
  relations: z.array(RelationSchema).default([]),
});

/** Step 2 of the ingest: prose for the chunk, every sentence tied to claims of its analysis. */
export const ProseSchema = z.object({
  summary: z.string(),
  paragraphs: z.array(
    z.object({
      entity: z.string().min(1),
      sentences: z.array(
        z.object({
          text: z.string().min(1),
          /** Indexes into the analysis's `claims`. */
          claims: z.array(z.number().int().nonnegative()),
        }),
      ),
    }),
  ),
});

/** The confirmation of a candidate contradiction. */
export const VerdictSchema = z.object({
  verdict: z.enum(["contradiction", "agreement", "different-conditions"]),
  reason: z.string().default(""),
});

/** A community page's overview. */
export const OverviewSchema = z.object({
  title: z.string().default(""),
  overview: z.string().min(1),
});

export type Entity = z.infer<typeof EntitySchema>;
export type Claim = z.infer<typeof ClaimSchema>;
export type Relation = z.infer<typeof RelationSchema>;
export type Analysis = z.infer<typeof AnalysisSchema>;
export type Prose = z.infer<typeof ProseSchema>;
export type Verdict = z.infer<typeof VerdictSchema>;
export type Overview = z.infer<typeof OverviewSchema>;

export const stepSchemas = {
  analyze: AnalysisSchema,
  write: ProseSchema,
  confirm: VerdictSchema,
  overview: OverviewSchema,
} as const;

export type StepName = keyof typeof stepSchemas;

/** Returns the JSON Schema sent as the `format` of a step's request. */
export function jsonSchemaOf(step: StepName): Record<string, unknown> {
  const schema = z.toJSONSchema(stepSchemas[step], { io: "output", target: "draft-7" });
  delete schema["$schema"];
  return schema;
}
