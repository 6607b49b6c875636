import fs from 'node:fs';
import path from 'node:path';

/**
 * Each module owns its data (issue 12): only its own code touches its collections, other modules go through
 * its directory or service, and route files hold no Mongoose. This reads the sources and fails on a new
 * breach. Modules are added to OWNING as they are moved; KNOWN lists the breaches not yet removed, so the
 * list can only shrink.
 */
const src = path.join(__dirname);
const OWNING: Record<string, { models: string[] }> = {
  negotiations: { models: ['Negotiation', 'NegotiationEvent', 'NegotiationOffer', 'NegotiationRead', 'Deal'] },
  search: { models: ['Lock', 'MatchAlert', 'MatchDigestPref'] },
  // Registers its models in its repository (financing.repository.ts), the only code that touches them.
  financing: { models: ['FinancingProduct', 'FinancingRequest', 'FinancingInterest'] },
  audit: { models: ['Audit'] },
  settings: { models: ['PlatformSettings'] },
  taxonomy: { models: ['Submarket'] },
  mail: { models: ['MailOutbox'] },
  notifications: { models: ['Notification', 'SavedSearch', 'NotificationPref'] },
  // Follow-up plans (issue 16, 产业化贯通): followup.repository.ts; registrations reach it through the contracts port.
  followup: { models: ['FollowupPlan'] },
  // Announcements and policies (issue 14): announcement.repository.ts; files through the attachments service.
  announcements: { models: ['Announcement'] },
  // Contracts: the tally reads them through contract-tally-feed.ts, payments and the seed through contract-directory.ts.
  contracts: { models: ['Contract', 'Registration', 'RegistrationCounter'] },
  // The tally's targets (its rollups are raw collections of rollup-store.ts).
  stats: { models: ['Target'] },
  payments: { models: ['Payable', 'Payment', 'Journal', 'PaymentEvent', 'Payout', 'ConnectAccount'] },
  // Identity: others read people through UserDirectory and change accounts through UserAccounts (auth's
  // credentials, orgs' membership); organisations through OrgDirectory.
  users: { models: ['User'] },
  auth: { models: ['Session', 'LoginFailure', 'PasswordReset'] },
  orgs: { models: ['Org', 'Invitation'] },
  // Catalogue: ListingDirectory (reads), ListingStore (awards, imported drafts), listingFileReader (files).
  listings: { models: ['Achievement', 'Need', 'Nda'] },
  needs: { models: ['Proposal'] },
  attachments: { models: ['Attachment'] },
  imports: { models: ['ImportJob'] },
  // Evaluations (issue 16, 科技成果评估): evaluation.repository.ts; listings, orgs, files and contracts through ports.
  evaluations: { models: ['Evaluation'] },
};
/** Where services are built and wired (they hand each module its models and its peers). */
const COMPOSITION = new Set(['composition/build-context.ts', 'modules/search/indexing-context.ts']);
/** Files outside a module that still read its collections (to be moved behind its service). */
const KNOWN: Record<string, string[]> = {
  negotiations: [],
  search: [],
  financing: [],
  audit: [],
  settings: [],
  taxonomy: [],
  mail: [],
  notifications: [],
  followup: [],
  announcements: [],
  contracts: [],
  stats: [],
  payments: [],
  // The demo seed and the test harness store organisations, accounts, listings and proposals through the
  // owning modules' seeding ports (ctx.services.seeding) since 2026-12-04.
  users: [],
  auth: [],
  orgs: [],
  listings: [],
  needs: [],
  attachments: [],
  imports: [],
  evaluations: [],
};

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}
const rel = (f: string) => path.relative(src, f).split(path.sep).join('/');
const all = sources(src);

describe('data ownership', () => {
  it.each(Object.keys(OWNING))(
    'the %s module reads no other module’s collections and gets only its own models',
    (m) => {
      const files = all.filter((f) => rel(f).startsWith(`modules/${m}/`) && !COMPOSITION.has(rel(f)));
      expect(files.length).toBeGreaterThan(1);
      const breaches: string[] = [];
      for (const f of files) {
        const text = fs.readFileSync(f, 'utf8');
        if (/from '\.\.\/\.\.\/db\/models'/.test(text)) breaches.push(`${rel(f)} imports db/models (the Models bag)`);
        for (const use of text.matchAll(/\bmodels\.([A-Z]\w*)/g))
          if (!OWNING[m].models.includes(use[1])) breaches.push(`${rel(f)} reads models.${use[1]}`);
        for (const d of text.matchAll(/\{([^{}]*)\}\s*=\s*(?:ctx\.|this\.)?models\b/g))
          for (const name of d[1].split(',').map((n) => n.split(':')[0].trim()))
            if (/^[A-Z]/.test(name) && !OWNING[m].models.includes(name))
              breaches.push(`${rel(f)} destructures models.${name}`);
        if (f.endsWith('.routes.ts') && (/from 'mongoose'/.test(text) || /ctx\.models/.test(text)))
          breaches.push(`${rel(f)} is a route file using Mongoose`);
      }
      expect(breaches).toEqual([]);
    },
  );

  it.each(Object.keys(OWNING))('no new code outside %s touches its collections', (m) => {
    const pattern = new RegExp(`\\bmodels\\.(${OWNING[m].models.join('|')})\\b`);
    // Also `const { Org, User } = ctx.models`: a destructured model is the same access under another name.
    const destructured = (text: string) =>
      [...text.matchAll(/\{([^{}]*)\}\s*=\s*(?:ctx\.|this\.)?models\b/g)].some((d) =>
        d[1].split(',').some((name) => OWNING[m].models.includes(name.split(':')[0].trim())),
      );
    const outside = all
      .filter((f) => !rel(f).startsWith(`modules/${m}/`) && rel(f) !== 'db/models.ts' && !COMPOSITION.has(rel(f)))
      .filter((f) => {
        const text = fs.readFileSync(f, 'utf8');
        return pattern.test(text) || destructured(text);
      })
      .map(rel);
    expect(outside.filter((f) => !KNOWN[m].includes(f))).toEqual([]);
    // A breach that was removed leaves the list, so the list only shrinks.
    expect(KNOWN[m].filter((f) => !outside.includes(f))).toEqual([]);
  });

  it('no code outside listings reaches a listing collection through ListingService.cfg', () => {
    // The kind config carries the model for the listings module's own use; imports once inserted through it.
    const outside = all
      .filter((f) => !rel(f).startsWith('modules/listings/') && !COMPOSITION.has(rel(f)))
      .filter((f) => /\bcfg\.model\b/.test(fs.readFileSync(f, 'utf8')))
      .map(rel);
    expect(outside).toEqual([]);
  });
});
