import type { Types } from 'mongoose';
import type { OrgRole } from '../../shared/taxonomy';
import type { UserModels, UserRecord } from './user.model';

type Id = string | Types.ObjectId;

/** What a new account holds when it is created (sign-up). */
export interface NewAccount {
  email: string;
  passwordHash: string;
  name: string;
  phone?: string;
  locale: 'zh-CN' | 'en';
  consents: Array<{ doc: string; version: string; at: Date }>;
}

/**
 * The users module's port for the modules that change accounts without owning them: auth (sign-up,
 * credentials) and orgs (membership). Only the users module touches the users collection; these are its
 * writes on their behalf, each guarded the way the caller needs (membership changes only from the expected
 * organisation, so concurrent joins and leaves lose cleanly).
 */
export class UserAccounts {
  constructor(private readonly users: UserModels['User']) {}

  async emailTaken(email: string): Promise<boolean> {
    return !!(await this.users.exists({ email }));
  }

  /** Creates the account; a duplicate e-mail fails with the driver's 11000 error (the caller names it). */
  async create(account: NewAccount): Promise<UserRecord> {
    const created = await this.users.create(account);
    return created.toObject() as UserRecord;
  }

  /** A demo account stored once by e-mail, never overwritten (the seed); whether it was created now. */
  async seedByEmail(email: string, doc: Record<string, unknown>): Promise<boolean> {
    try {
      const res = await this.users.updateOne({ email }, { $setOnInsert: { ...doc, email } }, { upsert: true });
      return res.upsertedCount > 0;
    } catch (err) {
      // Two seeders racing on one address: the other one stored it.
      if ((err as { code?: number }).code !== 11000) throw err;
      return false;
    }
  }

  /** A test's account, stored as given (roles, staff scopes, membership; validated by the schema). */
  async insert(doc: Record<string, unknown>): Promise<UserRecord> {
    return (await this.users.create(doc)).toObject() as UserRecord;
  }

  /** The organisation's (first) administrator, or null. */
  orgAdmin(orgId: Id): Promise<UserRecord | null> {
    return this.users.findOne({ orgId, orgRole: 'org_admin' }).lean<UserRecord>();
  }

  byEmail(email: string): Promise<UserRecord | null> {
    return this.users.findOne({ email }).lean<UserRecord>();
  }

  byId(id: Id): Promise<UserRecord | null> {
    return this.users.findById(id).lean<UserRecord>();
  }

  async idByEmail(email: string): Promise<Types.ObjectId | null> {
    return (await this.users.findOne({ email }, { _id: 1 }).lean())?._id ?? null;
  }

  /** A new password hash; `changedAt` is recorded when the holder changed it themself. */
  async setPassword(id: Id, passwordHash: string, changedAt?: Date): Promise<void> {
    await this.users.updateOne(
      { _id: id },
      { $set: { passwordHash, ...(changedAt ? { passwordChangedAt: changedAt } : {}) } },
    );
  }

  /** Attaches the user to an organisation only while they belong to none; false when they already do. */
  async join(userId: Id, orgId: Id, orgRole: OrgRole): Promise<boolean> {
    const r = await this.users.updateOne({ _id: userId, orgId: null }, { $set: { orgId, orgRole } });
    return r.modifiedCount === 1;
  }

  /** Detaches the user from this organisation; false when they were no longer in it. */
  async leave(userId: Id, orgId: Id): Promise<boolean> {
    const r = await this.users.updateOne({ _id: userId, orgId }, { $set: { orgId: null, orgRole: null } });
    return r.modifiedCount === 1;
  }

  /** The members of an organisation, oldest first (at most 500). */
  membersOf(orgId: Id): Promise<UserRecord[]> {
    return this.users.find({ orgId }).sort({ createdAt: 1 }).limit(500).lean<UserRecord[]>();
  }

  /** The user if they are a member of this organisation. */
  memberOf(userId: Id, orgId: Id): Promise<UserRecord | null> {
    return this.users.findOne({ _id: userId, orgId }).lean<UserRecord>();
  }

  adminCount(orgId: Id): Promise<number> {
    return this.users.countDocuments({ orgId, orgRole: 'org_admin' });
  }
}
