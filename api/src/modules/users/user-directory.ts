import { Types } from 'mongoose';
import { onModelWrite, ReadCache } from '../../db/write-watch';
import type { UserModels, UserRecord } from './user.model';

export interface BrokerRow {
  id: string;
  name: string;
  certNo: string | null;
  orgId: string | null;
}

/**
 * What other modules may read about people, without touching the users collection themselves: members of
 * organisations (who joins a room's sockets, who took part in it) and certified brokers.
 */
export class UserDirectory {
  /** Whom a notice reaches, by organisations and users asked (DIRECTORY_CACHE_MS; any account write clears it). */
  private readonly contacts: ReadCache<Array<{ _id: Types.ObjectId; email: string }>>;

  constructor(
    private readonly users: UserModels['User'],
    cacheMs = 0,
  ) {
    this.contacts = new ReadCache(cacheMs);
    if (cacheMs > 0) onModelWrite(users, () => this.contacts.clear());
  }

  /** Ids of every member of these organisations (at most 1,000 per call). */
  async memberIds(orgIds: string[]): Promise<string[]> {
    const rows = await this.users
      .find({ orgId: { $in: orgIds } }, { _id: 1 })
      .limit(1000)
      .lean();
    return rows.map((r) => String(r._id));
  }

  /**
   * The enabled accounts that are members of these organisations or are these users, with their e-mail
   * (whom a notice reaches).
   */
  async activeContacts(orgIds: string[], userIds: string[]): Promise<Array<{ _id: Types.ObjectId; email: string }>> {
    const or: Record<string, unknown>[] = [];
    if (orgIds.length) or.push({ orgId: { $in: orgIds.map((id) => new Types.ObjectId(id)) } });
    if (userIds.length) or.push({ _id: { $in: userIds.map((id) => new Types.ObjectId(id)) } });
    if (!or.length) return [];
    const key = `${orgIds.join(',')}|${userIds.join(',')}`;
    const hit = this.contacts.get(key);
    if (hit) return hit;
    const version = this.contacts.version;
    // One condition goes in as it is: a lone `$or` branch would hide it from the index on orgId.
    const who = or.length === 1 ? or[0] : { $or: or };
    const found = await this.users
      .find({ ...who, disabledAt: null }, { _id: 1, email: 1 })
      .lean<Array<{ _id: Types.ObjectId; email: string }>>();
    this.contacts.set(key, found, version);
    return found;
  }

  /** Of these accounts, those that belong to one of these organisations, with name and organisation. */
  async membersAmong(userIds: string[], orgIds: string[]): Promise<Array<{ id: string; name: string; orgId: string }>> {
    if (userIds.length === 0) return [];
    const rows = await this.users
      .find({ _id: { $in: userIds }, orgId: { $in: orgIds } }, { name: 1, orgId: 1 })
      .limit(200)
      .lean<UserRecord[]>();
    return rows.map((u) => ({ id: String(u._id), name: u.name, orgId: String(u.orgId) }));
  }

  /** A certified broker by id, or null when the account is missing or holds no broker role. */
  async broker(id: string): Promise<BrokerRow | null> {
    const u = await this.users.findById(id, { name: 1, roles: 1, brokerCertNo: 1, orgId: 1 }).lean<UserRecord>();
    if (!u || !u.roles.includes('broker')) return null;
    return toBroker(u);
  }

  /** Every certified broker by name (at most 200). */
  async brokers(): Promise<BrokerRow[]> {
    const rows = await this.users
      .find({ roles: 'broker' }, { name: 1, brokerCertNo: 1, orgId: 1 })
      .sort({ name: 1 })
      .limit(200)
      .lean<UserRecord[]>();
    return rows.map(toBroker);
  }

  /** An account's record without its secrets (password hash), or null. */
  async record(id: string | Types.ObjectId | null | undefined): Promise<Omit<UserRecord, 'passwordHash'> | null> {
    if (!id || !Types.ObjectId.isValid(String(id))) return null;
    return this.users.findById(id, { passwordHash: 0 }).lean<Omit<UserRecord, 'passwordHash'>>();
  }

  /** Display names of accounts by id (unknown ids are left out). */
  async names(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)].filter((id) => Types.ObjectId.isValid(id));
    if (unique.length === 0) return new Map();
    const rows = await this.users.find({ _id: { $in: unique } }, { name: 1 }).lean<UserRecord[]>();
    return new Map(rows.map((u) => [String(u._id), u.name]));
  }

  /** The id of the account holding this broker certificate number, or null. */
  async idByBrokerCert(certNo: string): Promise<string | null> {
    const u = await this.users.findOne({ brokerCertNo: certNo }, { _id: 1 }).lean();
    return u ? String(u._id) : null;
  }
}

const toBroker = (u: UserRecord): BrokerRow => ({
  id: String(u._id),
  name: u.name,
  certNo: u.brokerCertNo ?? null,
  orgId: u.orgId ? String(u.orgId) : null,
});
