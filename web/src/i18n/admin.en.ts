/** English texts of the admin pages (sub-markets, audit log) and the legal texts. */
const adminEn = {
  submarkets: {
    title: 'Sub-markets',
    subtitle: "Each sub-market's names, operators and public contact; operators are assigned through a user's roles",
    editTitle: 'Edit sub-market: {{name}}',
    saved: '{{name}} saved',
    zh: 'Chinese name',
    en: 'English name',
    contactName: 'Contact person',
    contactPhone: 'Phone',
    contactEmail: 'Email',
    contactAddress: 'Office address',
    noOperators: 'No operators yet',
    col: { name: 'Sub-market', kind: 'Kind', region: 'Region', operators: 'Operators', contact: 'Contact' },
  },
  legal: {
    version: 'Version {{version}}',
    terms: {
      title: 'User agreement',
      body: [
        'Northeast China Technology Grand Market (the platform) is a public-benefit platform for showing and trading technology and for technology finance in Liaoning. By registering you agree to this agreement.',
        'Give true and accurate registration and organisation details; an organisation uploads its business licence or public-institution certificate and trades once a sub-market operator has verified it.',
        'Achievements, needs and challenge proposals you publish must be true and lawful and must not infringe anyone’s intellectual property; confidential details are shown only after the other party signs the NDA.',
        'Negotiations, offers, contract signatures and payments are kept in full as the basis of contract registration and statistics.',
        'The platform may take down content and disable accounts that break the law or this agreement; important actions are recorded in the audit log.',
        'When this agreement changes a new version is published, which you confirm before using the platform again.',
      ],
    },
    privacy: {
      title: 'Privacy policy',
      body: [
        'We collect the email, name and phone number you give at registration and your organisation’s details, to run your account, verify organisations and provide trading services.',
        'At sign-in we record the address a request comes from, to stop password guessing; at contract signing we record the time and address as evidence of the electronic signature.',
        'Organisation verification documents are shown only to the operators of its sub-market and to platform admins, never publicly.',
        'We give your personal data to nobody else unless the law requires it or a deal you started needs it (e.g. contract details for the other party or the registration office).',
        'You can change your name, phone number and password on your profile page; to close your account, contact the platform admins.',
      ],
    },
  },
  audit: {
    title: 'Audit log',
    subtitle: 'Who did what to which record and when; filter by actor, object, action and date, and export',
    export: 'Export CSV',
    empty: 'No entries match',
    reason: 'Reason: {{reason}}',
    col: { at: 'Time', actor: 'Actor', action: 'Action', object: 'Object', change: 'Change' },
    filter: { actor: 'Actor', entity: 'Object type', entityId: 'Object id', action: 'Action', dates: 'Dates' },
  },
  settings: {
    title: 'Platform settings',
    defaults: 'The deployment defaults apply; no admin has changed them yet',
    updated: 'Last changed by {{name}} on {{at}}',
    bank: {
      title: 'Account for bank transfers',
      hint: 'The account payers see when they choose bank transfer; a change applies to new transfers at once.',
      name: 'Account holder',
      bank: 'Bank and branch',
      account: 'Account number',
      accountRule: 'The account number has 8–40 digits, spaces allowed',
    },
    fee: {
      title: 'Platform service fee rate',
      hint: "A share of each payment, deducted from the seller's part (at most 20%); used for payment plans made after the change, existing payables keep theirs.",
    },
    targets: {
      title: 'Yearly targets (registered contract turnover)',
      hint: 'The same targets registration officials set on their dashboard; the home and statistics pages show progress against this year’s provincial target. Amounts in units of CNY 10,000.',
      year: 'Year',
      region: 'Region',
      current: 'Current target',
      amount: 'Target (CNY 10,000)',
    },
  },
};

export default adminEn;
