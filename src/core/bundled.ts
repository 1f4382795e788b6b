// The bundled "agency" profile and phrase packs. The profile's validator is
// precompiled at build time (ajv standalone, scripts/build.mjs), so nothing is
// compiled per file or per process and it runs where `new Function` is forbidden.
import agencySchema from '../../schemas/agency.profile.json' with { type: 'json' };
import { validate as agencyValidate } from '../generated/agency-validate.js';
import enPack from './packs/en.json' with { type: 'json' };
import koPack from './packs/ko.json' with { type: 'json' };
import { createProfile, mergeProfileSchemas, ProfileError, type Profile, type ValidateFn } from './profile/profile.js';
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
  if (schema['extends'] !== AGENCY_PROFILE_ID) {
    // A profile of its own keeps the bundled check-in schedule unless it sets "followUps".
    return createProfile('followUps' in schema ? schema : { ...schema, followUps: bundledSchema()['followUps'] }, { source });
  }
  try {
    return createProfile(mergeProfileSchemas(bundledSchema(), schema), { source });
  } catch (e) {
    // The merged profile's root allOf starts with the bundled branches: point into the custom file's own.
    const base = Array.isArray(bundledSchema()['allOf']) ? (bundledSchema()['allOf'] as unknown[]).length : 0;
    const m = e instanceof ProfileError ? /^\/allOf\/(\d+)(.*)$/.exec(e.pointer) : null;
    if (m && Number(m[1]) >= base) {
      const own = `/allOf/${Number(m[1]) - base}`;
      throw new ProfileError((e as Error).message.split(`/allOf/${m[1]}`).join(own), (e as ProfileError).source, `${own}${m[2]}`);
    }
    throw e;
  }
}

export function bundledPacks(): PhrasePack[] {
  return [
    { ...(enPack as Omit<PhrasePack, 'source'>), lang: 'en', source: 'bundled:en' },
    { ...(koPack as Omit<PhrasePack, 'source'>), lang: 'ko', source: 'bundled:ko' },
  ];
}
