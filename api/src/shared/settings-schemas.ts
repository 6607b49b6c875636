/**
 * The platform's own settings as data (admins change them at /admin/settings): the account payers transfer
 * to for 对公转账 and the service-fee rate. Yearly targets are the tally's (`/api/stats/targets`), not here.
 */
import { z } from 'zod';

/** The fee rate in basis points (100 = 1%); at most 20%, as PLATFORM_FEE_RATE allowed. */
export const MAX_FEE_RATE_BP = 2_000;

export const bankAccountSchema = z.strictObject({
  /** 户名: the account holder. */
  name: z.string().trim().min(2).max(100),
  /** 开户行 */
  bank: z.string().trim().min(2).max(100),
  /** 账号: digits, spaces allowed for reading. */
  account: z
    .string()
    .trim()
    .regex(/^[0-9][0-9 ]{6,38}[0-9]$/, 'digits (spaces allowed), 8–40 characters'),
});
export type BankAccount = z.infer<typeof bankAccountSchema>;

export const updateSettingsBody = z
  .strictObject({
    bankAccount: bankAccountSchema.optional(),
    feeRateBp: z.number().int().min(0).max(MAX_FEE_RATE_BP).optional(),
  })
  .refine((v) => v.bankAccount !== undefined || v.feeRateBp !== undefined, { message: 'nothing to change' });
export type UpdateSettingsBody = z.infer<typeof updateSettingsBody>;

export interface PlatformSettingsDto {
  bankAccount: BankAccount;
  feeRateBp: number;
  /** When an admin last changed them; null while the start-up defaults (environment) apply. */
  updatedAt: string | null;
  updatedByName: string | null;
}
