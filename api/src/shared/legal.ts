/**
 * Versions of the texts a person agrees to at sign-up. Changing a text means a new version here (and the
 * text on /legal/terms, /legal/privacy); the account keeps which version it accepted and when.
 */
export const TERMS_VERSION = '2026-12-01';
export const PRIVACY_VERSION = '2026-12-01';

/** The consent body of a sign-up that accepts the current texts. */
export const CURRENT_CONSENT = { terms: TERMS_VERSION, privacy: PRIVACY_VERSION } as const;
