import { ApiError } from '../../src-shared/api/contract';

/** A one-line message for people from anything thrown by a call. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.body.code === 'unauthorized') return `${error.body.message}: open the address printed by \`rgwb serve\` (it ends in ?token=…)`;
    return error.body.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
