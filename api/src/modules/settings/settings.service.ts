import { AppError } from '../../http/errors';
import type { BankAccount, PlatformSettingsDto, UpdateSettingsBody } from '../../shared/settings-schemas';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.types';
import type { PlatformSettingsRecord, SettingsModels } from './settings.model';

const ID = 'platform';
/**
 * How long an instance reuses the settings it read: the instance an admin saved on sees the change at once,
 * every other instance within this time. Payment plans and the payment config read them on every request.
 */
const CACHE_MS = 5_000;

export interface SettingsDefaults {
  bankAccount: BankAccount;
  feeRateBp: number;
}

/**
 * The platform's settings as data. Until an admin saves them, the defaults from the environment apply
 * (`PLATFORM_BANK_ACCOUNT`, `PLATFORM_FEE_RATE`), so a fresh install needs no setup; a saved value wins
 * over the environment from then on. Each change is audited with the old and new values.
 */
export class SettingsService {
  private cached: { value: PlatformSettingsDto; at: number } | null = null;

  constructor(
    private readonly models: SettingsModels,
    private readonly defaults: SettingsDefaults,
    private readonly audit: AuditService,
  ) {}

  async current(): Promise<PlatformSettingsDto> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.value;
    const doc = await this.models.PlatformSettings.findById(ID).lean<PlatformSettingsRecord>();
    const value: PlatformSettingsDto = {
      bankAccount: doc?.bankAccount ?? this.defaults.bankAccount,
      feeRateBp: doc?.feeRateBp ?? this.defaults.feeRateBp,
      updatedAt: doc?.updatedAt ? doc.updatedAt.toISOString() : null,
      updatedByName: doc?.updatedByName ?? null,
    };
    this.cached = { value, at: Date.now() };
    return value;
  }

  async feeRateBp(): Promise<number> {
    return (await this.current()).feeRateBp;
  }

  /** Admins only; every other caller is refused and nothing changes. */
  async read(user: AuthUser): Promise<PlatformSettingsDto> {
    if (!user.roles.includes('admin')) throw new AppError('FORBIDDEN');
    this.cached = null;
    return this.current();
  }

  async update(user: AuthUser, body: UpdateSettingsBody, meta: { ip?: string }): Promise<PlatformSettingsDto> {
    if (!user.roles.includes('admin')) throw new AppError('FORBIDDEN');
    this.cached = null;
    const before = await this.current();
    const set: Record<string, unknown> = { updatedBy: user.id, updatedByName: user.name, updatedAt: new Date() };
    const changes: Array<[string, string, string]> = [];
    if (body.bankAccount) {
      set.bankAccount = body.bankAccount;
      const text = (b: BankAccount) => `${b.name}|${b.bank}|${b.account}`;
      changes.push(['bankAccount', text(before.bankAccount), text(body.bankAccount)]);
    }
    if (body.feeRateBp !== undefined) {
      set.feeRateBp = body.feeRateBp;
      changes.push(['feeRateBp', String(before.feeRateBp), String(body.feeRateBp)]);
    }
    await this.models.PlatformSettings.updateOne({ _id: ID }, { $set: set }, { upsert: true });
    this.cached = null;
    await this.audit.record(user, {
      entity: 'settings',
      entityId: ID,
      action: 'update',
      from: changes.map(([k, v]) => `${k}=${v}`).join('; '),
      to: changes.map(([k, , v]) => `${k}=${v}`).join('; '),
      ...meta,
    });
    return this.current();
  }
}

/** `name|bank|account` (PLATFORM_BANK_ACCOUNT) as an account. */
export function bankAccountFromEnv(text: string): BankAccount {
  const [name, bank, account] = text.split('|');
  return { name: name ?? '', bank: bank ?? '', account: account ?? '' };
}
