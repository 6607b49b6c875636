import type makersZh from './makers.zh-CN';

/** Maker texts (English). */
const makersEn: typeof makersZh = {
  nav: { directory: 'Makers', become: 'Become a maker' },
  kind: { individual: 'Individual maker', team: 'Maker team' },
  register: {
    title: 'Become a maker',
    subtitle:
      'Individuals and teams without an organisation register as makers to publish achievements, answer challenges and request financing.',
    privacy:
      'The resident ID is used only for verification and contract registration: the platform keeps a masked form (2101**********123X) and an irreversible keyed digest, never the full number.',
    submit: 'Register',
    done: 'Registered as a maker. Upload your ID document and wait for an operator to verify it.',
    inOrgTitle: 'You already belong to an organisation',
    inOrgSubtitle: 'Maker registration is for individuals and teams without an organisation.',
    staffTitle: 'Platform staff cannot register as makers',
    staffSubtitle: 'Operators, officials, finance and admins verify makers; they do not trade as one.',
  },
  form: {
    kind: 'Kind of maker',
    realName: 'Real name',
    teamName: 'Team name',
    leaderName: 'Team leader',
    idNumber: 'Resident ID number',
    leaderIdNumber: "Leader's resident ID number",
    idHint: '18 characters, the last may be X; used for verification and contract registration.',
    region: 'Region',
    fields: 'Technical fields',
    fieldsHint: '1–5; used by the directory filters and recommendations.',
    skills: 'Skills',
    skillsHint: 'Press Enter to add, up to 10.',
    inviteEmails: 'Invite team members (e-mail)',
    inviteHint: 'Members join once they accept on their account page.',
    bio: 'About',
    contactPhone: 'Phone (seen by you and reviewers only)',
  },
  list: {
    title: 'Maker directory',
    subtitle: 'Verified individual makers and maker teams, by kind, field and region.',
    search: 'Search by name',
    total: '{{count}} makers',
    empty: 'No maker matches',
  },
  profile: {
    title: 'Maker profile',
    leader: 'Leader',
    status: 'Verification',
    since: 'Registered',
    edit: 'Edit profile',
    nextTitle: 'Next steps',
    verificationAndMembers: 'Verification documents and members',
    publish: 'Publish an achievement',
    challenges: 'Challenges',
    financing: 'Financing requests',
  },
  tag: 'Maker',
  catalogueFilter: "Makers' achievements only",
};

export default makersEn;
