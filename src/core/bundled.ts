// The bundled "agency" profile and phrase packs. The profile's validator is
// precompiled at build time (ajv standalone, scripts/build.mjs), so nothing is
// compiled per file or per process and it runs where `new Function` is forbidden.
import agencySchema from '../../schemas/agency.profile.json' with { type: 'json' };
import { validate as agencyValidate } from '../generated/agency-validate.js';
import enPack from './packs/en.json' with { type: 'json' };
import koPack from './packs/ko.json' with { type: 'json' };
import { createProfile, mergeProfileSchemas, type Profile, type ValidateFn } from './profile/profile.js';
import type { PhrasePack } from './types.js';

export const AGENCY_PROFILE_ID = 'agency';

let agency: Profile | undefined;

/** The bundled profile, built once. */
export function bundledProfile(): Profile {
  agency ??= createProfile(agencySchema as Record<string, unknown>, { source: 'bundled:agency', validate: agencyValidate as ValidateFn });
  return agency;
}

export function bundledSchema(): Record<string, unknown> {
  return agencySchema as Record<string, unknown>;
}

/** A custom profile: merged over the bundled one when it says `"extends": "agency"`, else on its own. Compiled with ajv. */
export function customProfile(schema: Record<string, unknown>, source: string): Profile {
  const full = schema['extends'] === AGENCY_PROFILE_ID ? mergeProfileSchemas(bundledSchema(), schema) : schema;
  return createProfile(full, { source });
}

export function bundledPacks(): PhrasePack[] {
  return [
    { ...(enPack as Omit<PhrasePack, 'source'>), lang: 'en', source: 'bundled:en' },
    { ...(koPack as Omit<PhrasePack, 'source'>), lang: 'ko', source: 'bundled:ko' },
  ];
}
