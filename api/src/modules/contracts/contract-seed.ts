import type { Logger } from 'pino';
import type { StatsService } from '../stats/stats.service';
import type { ContractModels } from './contract.model';

/** A demo contract to load: its document, its registration record if filed, and its origin key. */
export interface SeedContract {
  key: string;
  contract: Record<string, unknown>;
  registration?: Record<string, unknown> | null;
}

/**
 * Loads the demo seed's contracts in batches with their registrations and adds them to the tally in one
 * pass (the contracts module owns the collections; the seed hands it the documents). Idempotent: origin
 * keys are unique, and a marker records that the rollups were added, so a seed stopped half-way is repaired.
 */
export async function loadSeedContracts(
  models: Pick<ContractModels, 'Contract' | 'Registration' | 'RegistrationCounter'>,
  stats: StatsService,
  logger: Logger,
  all: SeedContract[],
): Promise<number> {
  const { Contract, Registration, RegistrationCounter } = models;
  const have = await Contract.countDocuments({ source: 'seed' });
  const TALLIED = 'seed:contracts:tallied';
  // Seeded contracts without the marker: a seed stopped between inserting contracts and their rollups.
  if (have > 0 && !(await RegistrationCounter.exists({ _id: TALLIED }))) {
    logger.warn(await stats.rebuild(), 'demo contracts seeded without their rollups: tally rebuilt');
    await RegistrationCounter.updateOne({ _id: TALLIED }, { $set: { seq: 1 } }, { upsert: true });
  }
  let created = 0;
  if (have < all.length) {
    await RegistrationCounter.deleteOne({ _id: TALLIED });
    const existing = new Set(
      (await Contract.find({ source: 'seed' }, { originKey: 1 }).lean<Array<{ originKey: string }>>()).map(
        (c) => c.originKey,
      ),
    );
    const missing = all.filter((c) => !existing.has(c.key));
    const inserted: Array<Parameters<typeof stats.addInserted>[0][number]> = [];
    for (let i = 0; i < missing.length; i += 500) {
      const batch = missing
        .slice(i, i + 500)
        .map((c) => ({ ...c, contract: stats.withContribution(c.contract as never) as Record<string, unknown> }));
      // Registrations first: a contract never points at a missing filing. Both keyed, so a race is harmless.
      await Registration.insertMany(
        batch.flatMap((c) => (c.registration ? [c.registration] : [])),
        { ordered: false },
      ).catch(ignoreDuplicates);
      await Contract.insertMany(
        batch.map((c) => c.contract),
        { ordered: false, lean: true } as never,
      ).catch(ignoreDuplicates);
      // Ids are new per run, so the batch ids that exist now are exactly the ones this run inserted.
      const docs = await Contract.find({ _id: { $in: batch.map((c) => c.contract._id) } }, { _id: 1 }).lean();
      created += docs.length;
      const ok = new Set(docs.map((d) => String(d._id)));
      inserted.push(...(batch.map((c) => c.contract).filter((c) => ok.has(String(c._id))) as never[]));
    }
    // A racing replica's inserts lose on the unique originKey and add nothing here: only our own rows count.
    await stats.addInserted(inserted);
    await RegistrationCounter.updateOne({ _id: TALLIED }, { $set: { seq: 1 } }, { upsert: true });
  }
  return created;
}

function ignoreDuplicates(err: unknown): null {
  const e = err as { code?: number; writeErrors?: Array<{ code?: number; err?: { code?: number } }> };
  const dupOnly = e.code === 11000 || (e.writeErrors ?? []).every((w) => (w.code ?? w.err?.code) === 11000);
  if (!dupOnly) throw err;
  return null;
}
