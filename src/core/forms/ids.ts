/** Stable form ids (DOMAIN §2.1), used in JSON, code and tests. */
export const FORM_IDS = ['website', 'newmedia', 'zombie', 'group', 'bigv'] as const;
export type FormId = (typeof FORM_IDS)[number];
