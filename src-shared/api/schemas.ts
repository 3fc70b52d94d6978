/**
 * Request validation for every API method: the renderer is untrusted input, so each handler
 * parses its payload with the schema here before touching a service.
 */
import { z } from 'zod';
import type { ApiMethod } from './contract';
import { RUN_STATUSES } from './runs';

const id = z.number().int().min(1);
const ids = z.array(id).min(1).max(10_000);
const tag = z.string().trim().min(1, 'a tag cannot be empty').max(100);
const empty = z.object({}).strict().optional().transform(() => ({}));

export const runFilterSchema = z.strictObject({
  kind: z.string().max(100).optional(),
  tag: z.string().max(100).optional(),
  status: z.enum(RUN_STATUSES).optional(),
  text: z.string().max(500).optional(),
  params: z.record(z.string().max(200), z.strictObject({ min: z.number().finite().optional(), max: z.number().finite().optional() })).optional(),
  sortBy: z.enum(['id', 'createdAt', 'name', 'kind', 'status', 'elapsedMs']).optional(),
  sortDir: z.enum(['asc', 'desc']).optional(),
  offset: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});

const specObject = z.record(z.string(), z.unknown());

export const requestSchemas = {
  'system.info': empty,
  'kinds.list': empty,
  'runs.validate': z.strictObject({ kind: z.string().max(100), spec: specObject }),
  'runs.start': z.strictObject({
    kind: z.string().max(100),
    spec: specObject,
    name: z.string().max(300).optional(),
    tags: z.array(tag).max(50).optional(),
  }),
  'runs.rerun': z.strictObject({ id }),
  'runs.cancel': z.strictObject({ id }),
  'runs.list': runFilterSchema,
  'runs.get': z.strictObject({ id }),
  'runs.arrays': z.strictObject({ id, names: z.array(z.string().max(200)).max(200).optional() }),
  'runs.compare': z.strictObject({ ids: z.array(id).min(1).max(50) }),
  'runs.tag': z.strictObject({ id, add: z.array(tag).max(50).optional(), remove: z.array(tag).max(50).optional() }),
  'runs.note': z.strictObject({ id, notes: z.string().max(100_000) }),
  'runs.rename': z.strictObject({ id, name: z.string().trim().min(1, 'a name cannot be empty').max(300) }),
  'runs.delete': z.strictObject({ ids }),
  'runs.tags': empty,
} satisfies Record<ApiMethod, z.ZodType>;
