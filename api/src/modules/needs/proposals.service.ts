import { AppError } from '../../http/errors';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.types';
import type { ListingDirectory } from '../listings/listing-directory';
import type { ListingStore } from '../listings/listing-store';
import type { ListingRecord } from '../listings/listing.model';
import { isOwnerMember, operatesFor } from '../listings/listing.policy';
import type { ListingService } from '../listings/listing.service';
import { nullNotifier, type Notifier } from '../notifications/notify';
import type { OrgDirectory } from '../orgs/org-directory';
import { proposalNotice } from './proposal.notices';
import { proposalTransitions, type NeedModels, type ProposalRecord } from './proposal.model';

type Decision = 'shortlist' | 'decline' | 'select_winner';

/** What proposals read and change of other modules, through their own ports. */
export interface ProposalPeers {
  orgs: Pick<OrgDirectory, 'isVerified'>;
  listings: Pick<ListingDirectory, 'ownedBy'>;
  awards: Pick<ListingStore, 'claimAward' | 'releaseAward'>;
}

export class ProposalsService {
  notify: Notifier = nullNotifier;

  constructor(
    private readonly models: NeedModels,
    private readonly needs: ListingService,
    private readonly peers: ProposalPeers,
    private readonly audit: AuditService,
  ) {}

  /** A verified organisation other than the poster answers an open, published challenge. */
  async submit(
    user: AuthUser,
    needId: string,
    body: { summary: string; plan: string; priceFen?: number; achievementId?: string },
    ip?: string,
  ) {
    const { listing } = await this.needs.get(user, needId);
    if (!user.orgId) throw new AppError('NOT_ORG_MEMBER');
    if (isOwnerMember(user, listing)) throw new AppError('FORBIDDEN');
    const challenge = listing.live?.challenge as { closesAt: string } | undefined;
    if (
      listing.status !== 'published' ||
      !challenge ||
      new Date(challenge.closesAt).getTime() <= Date.now() ||
      listing.award
    ) {
      throw new AppError('CHALLENGE_CLOSED');
    }
    if (!(await this.peers.orgs.isVerified(user.orgId))) throw new AppError('ORG_NOT_VERIFIED');
    if (body.achievementId) {
      const own = await this.peers.listings.ownedBy('achievement', body.achievementId, user.orgId);
      if (!own)
        throw new AppError('VALIDATION_FAILED', [
          { in: 'body', path: 'achievementId', message: 'not an achievement of your organisation' },
        ]);
    }
    try {
      const doc = await this.models.Proposal.create({
        ...body,
        needId: listing._id,
        orgId: user.orgId,
        submittedBy: user.id,
      });
      await this.audit.record(user, {
        entity: 'proposal',
        entityId: String(doc._id),
        action: 'submit',
        to: 'submitted',
        ip,
      });
      return doc.toObject() as ProposalRecord;
    } catch (err) {
      if ((err as { code?: number }).code === 11000) throw new AppError('ALREADY_PROPOSED');
      throw err;
    }
  }

  /** The poster and reviewers see every proposal; a proposer sees its own; everyone else 404. */
  async list(user: AuthUser, needId: string): Promise<{ need: ListingRecord; items: ProposalRecord[] }> {
    const { listing } = await this.needs.get(user, needId);
    const all =
      isOwnerMember(user, listing) || operatesFor(user, listing.submarketCode) || user.roles.includes('admin');
    const filter: Record<string, unknown> = { needId: listing._id };
    if (!all) {
      if (!user.orgId) throw new AppError('NOT_FOUND');
      filter.orgId = user.orgId;
    }
    const items = await this.models.Proposal.find(filter).sort({ createdAt: 1 }).limit(500).lean<ProposalRecord[]>();
    if (!all && items.length === 0) throw new AppError('NOT_FOUND');
    return { need: listing, items };
  }

  async decide(
    user: AuthUser,
    needId: string,
    proposalId: string,
    decision: Decision,
    ip?: string,
  ): Promise<ProposalRecord> {
    const { listing } = await this.needs.get(user, needId);
    if (!isOwnerMember(user, listing)) throw new AppError('NOT_FOUND');
    if (user.orgRole !== 'org_admin') throw new AppError('FORBIDDEN');
    const proposal = await this.models.Proposal.findOne({
      _id: proposalId,
      needId: listing._id,
    }).lean<ProposalRecord>();
    if (!proposal) throw new AppError('NOT_FOUND');
    const to = proposalTransitions[proposal.status][decision];
    if (!to) throw new AppError('INVALID_STATE', { status: proposal.status, decision });
    const award =
      decision === 'select_winner'
        ? { proposalId: String(proposal._id), orgId: String(proposal.orgId), at: new Date() }
        : null;
    if (award) {
      // The award is set once, guarded on the need itself: two winners cannot both land.
      if (!(await this.peers.awards.claimAward(listing._id, award)))
        throw new AppError('INVALID_STATE', { reason: 'already awarded' });
    }
    const updated = await this.models.Proposal.findOneAndUpdate(
      { _id: proposal._id, version: proposal.version },
      { $set: { status: to, version: proposal.version + 1 } },
      { new: true },
    ).lean<ProposalRecord>();
    if (!updated) {
      // The proposal was decided meanwhile (declined or shortlisted through another instance): the award claimed
      // above must not stay, or the challenge is closed to everyone with its winner declined. Only this claim is
      // released (its time is in the filter), never an award another request made.
      if (award) await this.peers.awards.releaseAward(listing._id, award);
      throw new AppError('EDIT_CONFLICT');
    }
    await this.audit.record(user, {
      entity: 'proposal',
      entityId: proposalId,
      action: decision,
      from: proposal.status,
      to,
      ip,
    });
    // Only the proposer hears (the other proposers are not told who else was shortlisted or won).
    if (to === 'shortlisted' || award)
      await this.notify.notify(proposalNotice(listing, proposal, award ? 'awarded' : 'shortlisted'), {
        orgIds: [proposal.orgId],
        except: [user.id],
      });
    return updated;
  }
}

export const presentProposal = (p: ProposalRecord, orgName?: string) => ({
  id: String(p._id),
  needId: String(p.needId),
  org: { id: String(p.orgId), name: orgName ?? null },
  summary: p.summary,
  plan: p.plan,
  priceFen: p.priceFen ?? null,
  achievementId: p.achievementId ? String(p.achievementId) : null,
  status: p.status,
  createdAt: new Date(p.createdAt).toISOString(),
});
